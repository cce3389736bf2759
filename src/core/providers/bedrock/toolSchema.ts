import { ToolNameMap } from '../../chat/toolNames';

/**
 * Tools as Bedrock's Converse API accepts them. A VS Code request carries ~40 tools named by
 * extensions (`mcp_github.search`, `copilot:runTests`…), while Bedrock allows only
 * `[a-zA-Z0-9_-]{1,64}` and an input schema whose top level is a plain object.
 */
const VALID_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Two-way map between the editor's tool names and the names sent to Bedrock. */
export class ToolNames extends ToolNameMap {
  constructor(names: Iterable<string>) {
    super((name) => (VALID_NAME.test(name) ? name : name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool'));
    for (const name of names) this.wire(name);
  }

  bedrockName(editorName: string): string {
    return this.wire(editorName);
  }

  editorName(bedrockName: string): string {
    return this.original(bedrockName);
  }
}

/** Keywords some Bedrock model backends reject and none needs. */
const DROPPED_KEYS = new Set(['$schema', '$id', '$comment']);

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!DROPPED_KEYS.has(k)) out[k] = clean(v);
  return out;
}

/**
 * The editor's JSON schema made acceptable: top level `type: "object"` with `properties`
 * (Anthropic models on Bedrock reject anything else there, including top-level
 * `oneOf`/`anyOf`/`allOf`); nested schemas are kept as given, minus `$schema`/`$id`/`$comment`.
 */
export function toBedrockSchema(schema: Record<string, unknown> | undefined): Record<string, unknown> {
  const cleaned = (schema && typeof schema === 'object' ? clean(schema) : {}) as Record<string, unknown>;
  if (cleaned.type !== undefined && cleaned.type !== 'object') {
    // A non-object input (rare) is wrapped so the model still sees its shape.
    return { type: 'object', properties: { input: cleaned }, required: ['input'] };
  }
  const { oneOf: _oneOf, anyOf: _anyOf, allOf: _allOf, ...rest } = cleaned;
  const properties = rest.properties && typeof rest.properties === 'object' ? rest.properties : {};
  const result: Record<string, unknown> = { ...rest, type: 'object', properties };
  if (Array.isArray(rest.required)) result.required = rest.required.filter((k) => typeof k === 'string' && k in (properties as object));
  return result;
}
