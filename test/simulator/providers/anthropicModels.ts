import type { ModelCapabilities, ModelInfo } from '@anthropic-ai/sdk/resources/models';

/**
 * The simulator's Anthropic model catalogue, newest first like `GET /v1/models`. Typed with the
 * SDK's own `ModelInfo` (API version 2026-10-21) so the shape cannot drift from what clients parse.
 */

const yes = { supported: true };
const no = { supported: false };

function capabilities(o: { thinking: boolean; effort: boolean; structured: boolean }): ModelCapabilities {
  return {
    batch: yes,
    citations: yes,
    code_execution: o.effort ? yes : no,
    context_management: { supported: o.thinking, clear_thinking_20251015: o.thinking ? yes : null, clear_tool_uses_20250919: o.thinking ? yes : null, compact_20260112: null },
    effort: { supported: o.effort, low: o.effort ? yes : no, medium: o.effort ? yes : no, high: o.effort ? yes : no, max: no, xhigh: null },
    image_input: yes,
    pdf_input: yes,
    server_tools: { supported: true, code_execution: o.effort ? yes : no, web_search: yes },
    structured_outputs: o.structured ? yes : no,
    thinking: { supported: o.thinking, types: { adaptive: no, between_tools: o.thinking ? yes : no, disabled: yes, enabled: o.thinking ? yes : no } },
  };
}

const modern = capabilities({ thinking: true, effort: true, structured: true });
const previous = capabilities({ thinking: true, effort: false, structured: false });
const legacy = capabilities({ thinking: false, effort: false, structured: false });

function model(
  id: string,
  display_name: string,
  created: string,
  line: ModelInfo['line'],
  max_tokens: number,
  caps: ModelCapabilities,
  lifecycle: ModelInfo['lifecycle'] = 'active',
  dates: { deprecated_at?: string; retires_at?: string } = {},
): ModelInfo {
  return {
    type: 'model',
    id,
    display_name,
    created_at: `${created}T00:00:00Z`,
    line,
    max_input_tokens: 200_000,
    max_tokens,
    capabilities: caps,
    lifecycle,
    deprecated_at: dates.deprecated_at ?? null,
    retires_at: dates.retires_at ?? null,
  };
}

// Ids are the ones the installed SDK's `Model` type names; dates and limits are modelled, not captured.
export const ANTHROPIC_MODELS: readonly ModelInfo[] = [
  model('claude-sonnet-4-6', 'Claude Sonnet 4.6', '2026-02-17', 'sonnet', 64_000, modern),
  model('claude-opus-4-6', 'Claude Opus 4.6', '2026-02-05', 'opus', 128_000, modern),
  model('claude-opus-4-5-20251101', 'Claude Opus 4.5', '2025-11-24', 'opus', 64_000, modern),
  model('claude-haiku-4-5-20251001', 'Claude Haiku 4.5', '2025-10-15', 'haiku', 64_000, modern),
  // The SDK warns that this one reaches end-of-life on 2026-11-30.
  model('claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5', '2025-09-29', 'sonnet', 64_000, modern, 'deprecated', {
    deprecated_at: '2026-08-30T00:00:00Z',
    retires_at: '2026-11-30T00:00:00Z',
  }),
  model('claude-opus-4-1-20250805', 'Claude Opus 4.1', '2025-08-05', 'opus', 32_000, previous),
  model('claude-sonnet-4-20250514', 'Claude Sonnet 4', '2025-05-22', 'sonnet', 64_000, previous, 'deprecated', {
    deprecated_at: '2026-08-01T00:00:00Z',
    retires_at: '2027-02-01T00:00:00Z',
  }),
  model('claude-3-5-haiku-20241022', 'Claude Haiku 3.5', '2024-10-22', 'haiku', 8_192, legacy, 'retired', {
    deprecated_at: '2025-12-19T00:00:00Z',
    retires_at: '2026-02-19T00:00:00Z',
  }),
];

/** The classic (2023-06-01) list entry: only these four fields. */
export function classicModel(m: ModelInfo): Pick<ModelInfo, 'type' | 'id' | 'display_name' | 'created_at'> {
  return { type: m.type, id: m.id, display_name: m.display_name, created_at: m.created_at };
}

/** Exact ids and their undated aliases ("claude-sonnet-4-5") are accepted, like the real API. Retired models are not. */
export function findModel(id: string): ModelInfo | undefined {
  return ANTHROPIC_MODELS.find((m) => m.lifecycle !== 'retired' && (m.id === id || m.id.replace(/-\d{8}$/, '') === id));
}
