import { Type, type Schema } from '@google/genai/web';

/**
 * JSON Schema (as editors and MCP servers write tool inputs) → the OpenAPI subset Gemini's
 * `functionDeclarations[].parameters` accepts. Gemini rejects unknown fields ($schema, $ref,
 * additionalProperties, oneOf, const …), type arrays, formats other than its own, enums on
 * non-strings and objects without properties, and one bad tool fails the whole request.
 * Free-form values (`{}`, objects without properties) cannot be described, so they are left
 * out of their parent (and out of `required`); the tool still gets every other argument.
 */
type Json = Record<string, unknown>;

const MAX_DEPTH = 12;
const STRING_FORMATS = ['enum', 'date-time'];
const NUMBER_FORMATS: Record<string, string[]> = { NUMBER: ['float', 'double'], INTEGER: ['int32', 'int64'] };
const JSON_TYPES: Record<string, Type> = {
  string: Type.STRING,
  number: Type.NUMBER,
  integer: Type.INTEGER,
  boolean: Type.BOOLEAN,
  array: Type.ARRAY,
  object: Type.OBJECT,
};

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** `#/definitions/x` or `#/$defs/x` inside the root schema; other references cannot be followed. */
function resolveRef(ref: string, root: Json): Json | undefined {
  const match = /^#\/(definitions|\$defs)\/(.+)$/.exec(ref);
  if (!match) return undefined;
  const table = root[match[1]!];
  const target = isObject(table) ? table[decodeURIComponent(match[2]!.replace(/~1/g, '/').replace(/~0/g, '~'))] : undefined;
  return isObject(target) ? target : undefined;
}

interface Walk {
  root: Json;
  depth: number;
  /** References being expanded on this path: a recursive type stops here instead of looping. */
  refs: readonly string[];
}

/** Follows `$ref` and merges `allOf` into one plain schema node (siblings of `$ref` win, as in 2019-09+). */
function flatten(node: Json, walk: Walk): { node: Json; walk: Walk } | undefined {
  let current = node;
  let refs = walk.refs;
  while (typeof current['$ref'] === 'string') {
    const ref = current['$ref'];
    const target = refs.includes(ref) ? undefined : resolveRef(ref, walk.root);
    if (!target) return undefined;
    refs = [...refs, ref];
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  const allOf = Array.isArray(current['allOf']) ? current['allOf'].filter(isObject) : [];
  if (allOf.length > 0) {
    const { allOf: _allOf, ...rest } = current;
    const merged: Json = { ...rest };
    for (const part of allOf) {
      const flat = flatten(part, { ...walk, refs });
      if (!flat) continue;
      const props = { ...(isObject(flat.node['properties']) ? flat.node['properties'] : {}), ...(isObject(merged['properties']) ? merged['properties'] : {}) };
      const required = [...(Array.isArray(flat.node['required']) ? flat.node['required'] : []), ...(Array.isArray(merged['required']) ? merged['required'] : [])];
      Object.assign(merged, { ...flat.node, ...merged });
      if (Object.keys(props).length > 0) merged['properties'] = props;
      if (required.length > 0) merged['required'] = [...new Set(required)];
    }
    current = merged;
  }
  return { node: current, walk: { ...walk, refs } };
}

function typesOf(node: Json): { types: string[]; nullable: boolean } {
  const raw = node['type'];
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  return { types: list.filter((t) => t !== 'null'), nullable: list.includes('null') || node['nullable'] === true };
}

/** The type a schema without `type` evidently has. */
function inferredType(node: Json): string | undefined {
  if (isObject(node['properties'])) return 'object';
  if (node['items'] !== undefined) return 'array';
  const values = Array.isArray(node['enum']) ? node['enum'] : 'const' in node ? [node['const']] : undefined;
  if (values && values.length > 0) {
    if (values.every((v) => typeof v === 'string')) return 'string';
    if (values.every((v) => typeof v === 'number')) return values.every(Number.isInteger) ? 'integer' : 'number';
    if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  }
  return undefined;
}

function withNote(description: string | undefined, note: string): string {
  return description ? `${description} (${note})` : note;
}

/** One JSON Schema node → Gemini Schema; undefined for a free-form value Gemini cannot describe. */
function convert(input: unknown, walk: Walk): Schema | undefined {
  if (!isObject(input) || walk.depth > MAX_DEPTH) return undefined;
  const flat = flatten(input, walk);
  if (!flat) return undefined;
  const { node } = flat;
  const next: Walk = { ...flat.walk, depth: flat.walk.depth + 1 };
  let description = typeof node['description'] === 'string' ? node['description'] : typeof node['title'] === 'string' ? node['title'] : undefined;
  let { types, nullable } = typesOf(node);

  // anyOf/oneOf: null options become `nullable`; one remaining option is used as is; several become Gemini's anyOf.
  const alternatives = [...(Array.isArray(node['anyOf']) ? node['anyOf'] : []), ...(Array.isArray(node['oneOf']) ? node['oneOf'] : [])];
  if (alternatives.length > 0 && types.length === 0) {
    const options: Schema[] = [];
    for (const alternative of alternatives) {
      if (isObject(alternative) && alternative['type'] === 'null') nullable = true;
      else {
        const converted = convert(alternative, next);
        if (converted) options.push(converted);
      }
    }
    if (options.length === 0) return undefined;
    const common = { ...(description ? { description } : {}), ...(nullable ? { nullable: true } : {}) };
    return options.length === 1 ? { ...options[0], ...common } : { anyOf: options, ...common };
  }

  if (types.length === 0) {
    const inferred = inferredType(node);
    if (!inferred) return undefined;
    types = [inferred];
  }
  if (types.length > 1) {
    // ["string","number"]: Gemini has no type lists, but anyOf of each type says the same.
    const options = types.map((t) => convert({ ...node, type: t, description: undefined, nullable: undefined }, next)).filter((s): s is Schema => !!s);
    if (options.length === 0) return undefined;
    return { anyOf: options, ...(description ? { description } : {}), ...(nullable ? { nullable: true } : {}) };
  }
  const type = JSON_TYPES[types[0]!];
  if (!type) return undefined;
  const out: Schema = { type };

  const values = Array.isArray(node['enum']) ? node['enum'] : 'const' in node ? [node['const']] : undefined;
  switch (type) {
    case Type.STRING: {
      if (values && values.length > 0) out.enum = values.map(String);
      const format = typeof node['format'] === 'string' ? node['format'] : undefined;
      if (format && STRING_FORMATS.includes(format)) out.format = format;
      else if (format) description = withNote(description, `format: ${format}`);
      if (typeof node['minLength'] === 'number') out.minLength = String(node['minLength']);
      if (typeof node['maxLength'] === 'number') out.maxLength = String(node['maxLength']);
      break;
    }
    case Type.NUMBER:
    case Type.INTEGER: {
      // Gemini allows enums on strings only: name the allowed values instead.
      if (values && values.length > 0) description = withNote(description, `one of ${values.map(String).join(', ')}`);
      const format = typeof node['format'] === 'string' ? node['format'] : undefined;
      if (format && NUMBER_FORMATS[type]?.includes(format)) out.format = format;
      if (typeof node['minimum'] === 'number') out.minimum = node['minimum'];
      if (typeof node['maximum'] === 'number') out.maximum = node['maximum'];
      break;
    }
    case Type.BOOLEAN:
      break;
    case Type.ARRAY: {
      const items = Array.isArray(node['items']) ? node['items'][0] : node['items'] ?? (Array.isArray(node['prefixItems']) ? node['prefixItems'][0] : undefined);
      // Gemini requires `items`; an array of anything is described as an array of strings.
      out.items = convert(items, next) ?? { type: Type.STRING };
      if (typeof node['minItems'] === 'number') out.minItems = String(node['minItems']);
      if (typeof node['maxItems'] === 'number') out.maxItems = String(node['maxItems']);
      break;
    }
    case Type.OBJECT: {
      const properties: Record<string, Schema> = {};
      for (const [name, value] of Object.entries(isObject(node['properties']) ? node['properties'] : {})) {
        const converted = convert(value, next);
        if (converted) properties[name] = converted;
      }
      if (Object.keys(properties).length === 0) return undefined;
      out.properties = properties;
      const required = (Array.isArray(node['required']) ? node['required'] : []).filter((n): n is string => typeof n === 'string' && n in properties);
      if (required.length > 0) out.required = [...new Set(required)];
      break;
    }
  }
  if (description) out.description = description;
  if (nullable) out.nullable = true;
  return out;
}

/**
 * A tool's input schema → `parameters` for its function declaration; undefined when the tool
 * takes no describable arguments (Gemini rejects an OBJECT with no properties, so leave it out).
 */
export function toGeminiParameters(schema: Record<string, unknown> | undefined): Schema | undefined {
  if (!schema) return undefined;
  const converted = convert(schema, { root: schema, depth: 0, refs: [] });
  return converted?.type === Type.OBJECT ? converted : undefined;
}
