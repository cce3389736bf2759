/**
 * A tool's input schema (JSON Schema, as editors and MCP servers write it) → the
 * `parametersJsonSchema` of its Gemini function declaration.
 *
 * Why that field and not `parameters`: `parameters` is Gemini's OpenAPI subset, which cannot
 * describe free-form objects, recursive types or enums of numbers, so those arguments were lost.
 * `parametersJsonSchema` takes JSON Schema (types, type lists, anyOf/oneOf/allOf, enum, const,
 * additionalProperties, $ref/$defs; unknown keywords are ignored); Google's own gemini-cli sends
 * every tool that way. The two fields are mutually exclusive (FunctionDeclaration in @google/genai).
 *
 * What the API still refuses there (its 400 messages, quoted in public bug reports) and how
 * this translation avoids it:
 * - "reference to undefined schema at …": a `$ref` must resolve inside the document → refs are
 *   followed here; one that cannot be followed (external, missing) keeps only its siblings.
 * - "$ref '…' was set alongside unsupported fields … only description and default": → such a
 *   ref is written out in place (merged with its siblings) unless it is recursive. Other refs stay
 *   refs (schemas stay as small as their authors made them), their targets under `$defs`.
 * - "ref loops are only supported if they include optional or nullable property values, or a
 *   potentially-zero-length array items": → an array on such a loop loses its minItems, and a
 *   required property that still closes one becomes optional.
 */
type Json = Record<string, unknown>;

/** Beyond this nesting the value is described as free-form (Gemini limits the nesting depth). */
const MAX_DEPTH = 24;
/** Keywords that hold one schema, a list of schemas, or a map of them. */
const ONE_SCHEMA = new Set(['additionalProperties', 'unevaluatedProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalItems', 'unevaluatedItems']);
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
/** Document keywords that mean nothing to Gemini (the definitions are re-emitted as needed). */
const DROPPED = new Set(['$schema', '$id', '$anchor', '$comment', '$defs', 'definitions']);

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A local JSON Pointer (`#`, `#/$defs/x`, `#/properties/a/items`); anything else cannot be followed. */
function resolvePointer(ref: string, root: Json): Json | undefined {
  if (ref !== '#' && !ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref === '#' ? [] : ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  return node === true ? {} : isObject(node) ? node : undefined;
}

/** Every `$ref` inside a schema, not counting definition tables (they are only containers). */
function refsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) refsIn(item, out);
  else if (isObject(node)) {
    if (typeof node['$ref'] === 'string') out.add(node['$ref']);
    for (const [key, value] of Object.entries(node)) if (key !== '$defs' && key !== 'definitions' && key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') refsIn(value, out);
  }
  return out;
}

interface Context {
  root: Json;
  /** Refs reachable from each ref (through the schemas they point to). */
  reach: Map<string, Set<string>>;
  /** Emitted `$defs`: ref → name, and the translated definitions. */
  names: Map<string, string>;
  defs: Json;
  /** Output `$ref` nodes that lead back to the definition being translated. */
  loopRefs: WeakSet<Json>;
}

function reachable(ref: string, ctx: Context): Set<string> {
  const known = ctx.reach.get(ref);
  if (known) return known;
  const seen = new Set<string>();
  ctx.reach.set(ref, seen);
  const queue = [ref];
  while (queue.length > 0) {
    const target = resolvePointer(queue.pop()!, ctx.root);
    for (const next of target ? refsIn(target) : []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

const isRecursive = (ref: string, ctx: Context) => reachable(ref, ctx).has(ref);

function defName(ref: string, ctx: Context): string {
  const existing = ctx.names.get(ref);
  if (existing) return existing;
  const last = ref === '#' ? 'root' : ref.replace(/^#\/((\$defs|definitions)\/)?/, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  let name = last || 'def';
  for (let i = 2; [...ctx.names.values()].includes(name); i++) name = `${last}_${i}`;
  ctx.names.set(ref, name);
  // Translated once, after the name is taken, so its own references to it stay references.
  ctx.defs[name] = translate(resolvePointer(ref, ctx.root)!, ctx, 1, ref);
  return name;
}

/** True when the value cannot be absent or null on its way to the loop's `$ref`. */
function closesLoop(node: unknown, ctx: Context): boolean {
  if (!isObject(node)) return false;
  if (ctx.loopRefs.has(node)) return true;
  const type = node['type'];
  const alternatives = [...(Array.isArray(node['anyOf']) ? node['anyOf'] : []), ...(Array.isArray(node['oneOf']) ? node['oneOf'] : [])];
  const nullable = type === 'null' || (Array.isArray(type) && type.includes('null')) || alternatives.some((a) => isObject(a) && a['type'] === 'null');
  if (nullable) return false;
  if (alternatives.some((a) => closesLoop(a, ctx))) return true;
  if (Array.isArray(node['allOf']) && node['allOf'].some((a) => closesLoop(a, ctx))) return true;
  return typeof node['minItems'] === 'number' && node['minItems'] > 0 && closesLoop(node['items'], ctx);
}

function translateAny(value: unknown, ctx: Context, depth: number, within: string | undefined): unknown {
  return typeof value === 'boolean' ? value : translate(value, ctx, depth, within);
}

/** One schema node; `within` is the definition being translated, if any. */
function translate(input: unknown, ctx: Context, depth: number, within: string | undefined): Json {
  if (!isObject(input) || depth > MAX_DEPTH) return {};
  const ref = input['$ref'];
  if (typeof ref === 'string') {
    const { $ref: _ref, ...siblings } = input;
    const target = resolvePointer(ref, ctx.root);
    if (!target) return translate(siblings, ctx, depth, within);
    // Gemini allows only description and default beside $ref: with anything else the target is
    // written out in place (a recursive one cannot be, and loses those other siblings).
    const plain = Object.keys(siblings).every((k) => k === 'description' || k === 'default' || DROPPED.has(k));
    if (!plain && !isRecursive(ref, ctx)) return translate({ ...target, ...siblings }, ctx, depth + 1, within);
    const out: Json = { $ref: `#/$defs/${defName(ref, ctx)}` };
    if (typeof siblings['description'] === 'string') out['description'] = siblings['description'];
    if ('default' in siblings) out['default'] = siblings['default'];
    if (within !== undefined && (ref === within || reachable(ref, ctx).has(within))) ctx.loopRefs.add(out);
    return out;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(input)) {
    if (DROPPED.has(key)) continue;
    if (ONE_SCHEMA.has(key)) out[key] = translateAny(value, ctx, depth + 1, within);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map((v) => translateAny(v, ctx, depth + 1, within));
    else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== false).map(([k, v]) => [k, translateAny(v, ctx, depth + 1, within)]));
    } else if (key === 'items') {
      // Draft-07 tuples (`items: [...]`) are `prefixItems` since 2020-12.
      if (Array.isArray(value)) out['prefixItems'] = value.map((v) => translateAny(v, ctx, depth + 1, within));
      else out[key] = translateAny(value, ctx, depth + 1, within);
    } else out[key] = value;
  }
  // A loop through array items is fine if the array may be empty: drop the minimum rather than the property.
  if (typeof out['minItems'] === 'number' && out['minItems'] > 0 && closesLoop(out['items'], ctx)) delete out['minItems'];
  const properties = out['properties'];
  if (Array.isArray(out['required']) && isObject(properties)) {
    const required = out['required'].filter((name) => !(typeof name === 'string' && closesLoop(properties[name], ctx)));
    if (required.length > 0) out['required'] = required;
    else delete out['required'];
  }
  return out;
}

/**
 * `parametersJsonSchema` for a tool: always an object schema (Gemini wants the arguments as an
 * object), with the definitions it references under `$defs`.
 */
export function toGeminiParametersJsonSchema(schema: Record<string, unknown> | undefined): Json {
  const root = isObject(schema) ? schema : {};
  const ctx: Context = { root, reach: new Map(), names: new Map(), defs: {}, loopRefs: new WeakSet() };
  // A root that refers to itself, or is only a reference (zod-to-json-schema's named output), is
  // written out: `type` cannot stand beside `$ref`.
  let out = isRecursive('#', ctx) ? { $ref: `#/$defs/${defName('#', ctx)}` } : translate(root, ctx, 0, undefined);
  if (typeof out['$ref'] === 'string') out = { ...(ctx.defs[out['$ref'].slice('#/$defs/'.length)] as Json) };
  const type = out['type'];
  const objectLike = type === undefined || type === 'object' || (Array.isArray(type) && type.includes('object'));
  const result: Json = objectLike ? { ...out, type: 'object' } : { type: 'object' };
  if (Object.keys(ctx.defs).length > 0) result['$defs'] = ctx.defs;
  return result;
}
