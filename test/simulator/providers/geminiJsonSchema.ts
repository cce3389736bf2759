/**
 * The checks the Gemini API makes on `functionDeclarations[].parametersJsonSchema` (JSON Schema,
 * unlike the OpenAPI-subset `parameters` checked in geminiSchema.ts). Where each rule comes from:
 * - mutually exclusive with `parameters`, and "must describe an object": the FunctionDeclaration
 *   docs in @google/genai (web.d.ts). The wording of those two messages is ours (not captured).
 * - "reference to undefined schema at <path>": 400s quoted in google-gemini/gemini-cli#13326 and
 *   agent-infra/sandbox#83 (MCP schemas sent through parametersJsonSchema).
 * - "$ref '<name>' was set alongside unsupported fields …": anomalyco/opencode#12295 and
 *   su-kaka/gcli2api#374 (2026): only `description` and `default` may stand beside `$ref`.
 * - "ref loops are only supported if …": juspay/juspay-mcp#132 (2026): a recursive type must be
 *   able to stop (an optional or nullable property, or array items that may be empty).
 * Anything else (additionalProperties, type lists, anyOf/oneOf/allOf, enums of any type,
 * formats, free-form `{}`) is accepted: Google's gemini-cli sends raw MCP schemas this way.
 */

export interface JsonSchemaProblem {
  message: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

const REF_SIBLINGS = new Set(['$ref', 'description', 'default']);
const CHILD_SCHEMA = new Set(['items', 'additionalProperties', 'unevaluatedProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems', 'unevaluatedItems']);
const CHILD_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const CHILD_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']);

function resolve(ref: string, root: Json): Json | undefined {
  if (ref !== '#' && !ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref === '#' ? [] : ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  return node === true ? {} : isObject(node) ? node : undefined;
}

/** Every schema node with its dotted path, as the API's messages write it (`properties.a.anyOf.1`). */
function* nodes(node: unknown, path: string): Generator<[Json, string]> {
  if (!isObject(node)) return;
  yield [node, path];
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, value] of Object.entries(node)) {
    if (CHILD_SCHEMA.has(key)) yield* nodes(value, at(key));
    else if (CHILD_LISTS.has(key) && Array.isArray(value)) for (const [i, v] of value.entries()) yield* nodes(v, at(`${key}.${i}`));
    else if (CHILD_MAPS.has(key) && isObject(value)) for (const [name, v] of Object.entries(value)) yield* nodes(v, at(`${key}.${name}`));
  }
}

function nullable(node: Json): boolean {
  const type = node['type'];
  const options = [...(Array.isArray(node['anyOf']) ? node['anyOf'] : []), ...(Array.isArray(node['oneOf']) ? node['oneOf'] : [])];
  return type === 'null' || (Array.isArray(type) && type.includes('null')) || options.some((o) => isObject(o) && o['type'] === 'null');
}

/** The schemas a value of `node` must contain (no optional, nullable or possibly empty way out). */
function* mandatory(node: Json, path: string): Generator<[Json, string]> {
  if (nullable(node)) return;
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const [i, v] of list.entries()) if (isObject(v)) yield [v, `${path}.${key}.${i}`];
  }
  const properties = node['properties'];
  if (isObject(properties) && Array.isArray(node['required'])) {
    for (const name of node['required']) if (typeof name === 'string' && isObject(properties[name])) yield [properties[name] as Json, `${path}.properties.${name}`];
  }
  if (typeof node['minItems'] === 'number' && node['minItems'] > 0 && isObject(node['items'])) yield [node['items'], `${path}.items`];
}

/** A `$ref` that leads back to itself through mandatory values only. */
function requiredLoop(start: string, root: Json): string | undefined {
  const target = resolve(start, root);
  if (!target) return undefined;
  const origin = start === '#' ? '' : start.slice(2).replace(/\//g, '.');
  const stack: [Json, string][] = [[target, origin]];
  const seen = new Set<Json>();
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      if (ref === start) return path;
      const next = resolve(ref, root);
      if (next) stack.push([next, path]);
      continue;
    }
    for (const child of mandatory(node, path)) stack.push(child);
  }
  return undefined;
}

export function jsonSchemaProblem(declaration: { parameters?: unknown; parametersJsonSchema?: unknown }, field: string): JsonSchemaProblem | undefined {
  const schema = declaration.parametersJsonSchema;
  if (declaration.parameters !== undefined) {
    return { message: `* GenerateContentRequest.${field}: parameters and parameters_json_schema are mutually exclusive\n` };
  }
  if (!isObject(schema) || schema['type'] !== 'object') {
    return { message: `* GenerateContentRequest.${field}.parameters_json_schema: must describe an object (type "object")\n` };
  }
  const loopsChecked = new Set<string>();
  for (const [node, path] of nodes(schema, '')) {
    const ref = node['$ref'];
    if (typeof ref !== 'string') continue;
    const name = ref.split('/').pop() ?? ref;
    if (Object.keys(node).some((k) => !REF_SIBLINGS.has(k))) {
      return { message: `$ref '${name}' was set alongside unsupported fields.  If a schema node has $ref set, then only description and default can be set alongside it.` };
    }
    if (!resolve(ref, schema)) return { message: `reference to undefined schema at ${path}` };
    if (loopsChecked.has(ref)) continue;
    loopsChecked.add(ref);
    const loop = requiredLoop(ref, schema);
    if (loop !== undefined) {
      return { message: `ref loops are only supported if they include optional or nullable property values, or a potentially-zero-length array items, but a ref loop of required fields was found at ${loop}` };
    }
  }
  return undefined;
}
