/**
 * The arguments the simulated Gemini puts in a function call: a deterministic value that
 * satisfies the declared schema (`parametersJsonSchema` or the OpenAPI-subset `parameters`),
 * like a real model's call would. Free-form objects get nested arbitrary JSON, recursive types
 * a small tree, so tests can check such arguments reach the editor intact.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** How deep a recursive type is unrolled before optional parts are left out. */
const TREE_DEPTH = 3;
/** What the model puts where anything goes. */
export const FREE_FORM_VALUE = { note: 'free-form', nested: { list: [1, 'two', true, null], empty: {} } };

function resolve(ref: string, root: Json): Json | undefined {
  if (ref !== '#' && !ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref === '#' ? [] : ref.slice(2).split('/')) node = isObject(node) ? node[decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isObject(node) ? node : undefined;
}

function typeOf(node: Json): string | undefined {
  const raw = node['type'];
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((t) => String(t).toLowerCase());
  return list.find((t) => t !== 'null') ?? (isObject(node['properties']) ? 'object' : node['items'] !== undefined ? 'array' : list[0]);
}

function sample(input: unknown, name: string, root: Json, depth: number): unknown {
  if (!isObject(input)) return FREE_FORM_VALUE;
  let node = input;
  for (let hops = 0; typeof node['$ref'] === 'string' && hops < 20; hops++) node = { ...(resolve(node['$ref'], root) ?? {}), ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
  if ('const' in node) return node['const'];
  if (Array.isArray(node['enum']) && node['enum'].length > 0) return node['enum'][node['enum'].length - 1];
  const options = [node['anyOf'], node['oneOf']].find(Array.isArray)?.filter((o) => !(isObject(o) && o['type'] === 'null'));
  if (options && options.length > 0 && node['type'] === undefined) return sample(options[0], name, root, depth);
  if (Array.isArray(node['allOf'])) {
    const merged = node['allOf'].filter(isObject).map((part) => sample(part, name, root, depth));
    if (merged.every(isObject)) return Object.assign({}, ...merged, isObject(node['properties']) ? sampleObject(node, root, depth) : {});
  }
  switch (typeOf(node)) {
    case 'string':
      return node['format'] === 'date-time' ? '2026-01-02T03:04:05Z' : `sim-${name}`;
    case 'integer':
      return typeof node['minimum'] === 'number' ? Math.ceil(node['minimum']) : 1;
    case 'number':
      return typeof node['minimum'] === 'number' ? node['minimum'] : 1.5;
    case 'boolean':
      return true;
    case 'array': {
      const count = depth >= TREE_DEPTH ? Math.max(0, Number(node['minItems'] ?? 0)) : Math.max(1, Number(node['minItems'] ?? 1));
      return Array.from({ length: count }, () => sample(node['items'] ?? {}, name, root, depth + 1));
    }
    case 'object':
      return sampleObject(node, root, depth);
    default:
      return FREE_FORM_VALUE;
  }
}

function sampleObject(node: Json, root: Json, depth: number): Json {
  const properties = isObject(node['properties']) ? node['properties'] : {};
  const required = Array.isArray(node['required']) ? node['required'].map(String) : [];
  const out: Json = {};
  for (const [name, schema] of Object.entries(properties)) {
    // Deep in a recursive type only what is required, so the tree ends.
    if (depth < TREE_DEPTH || required.includes(name)) out[name] = sample(schema, name, root, depth + 1);
  }
  // A map (`additionalProperties: {schema}`) gets one entry; an object with no declared properties, anything.
  const extra = node['additionalProperties'];
  if (isObject(extra) && Object.keys(extra).length > 0) out['key'] = sample(extra, 'key', root, depth + 1);
  else if (node['properties'] === undefined && extra !== false) Object.assign(out, FREE_FORM_VALUE);
  return out;
}

/** Arguments for one function declaration. */
export function simulatedArgs(declaration: { parameters?: unknown; parametersJsonSchema?: unknown }): Record<string, unknown> {
  const schema = declaration.parametersJsonSchema ?? declaration.parameters;
  if (!isObject(schema)) return {};
  const value = sample(schema, 'args', schema, 0);
  return isObject(value) ? value : {};
}
