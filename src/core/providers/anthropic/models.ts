import type Anthropic from '@anthropic-ai/sdk';
import * as z from '../../zodMini';
import type { ModelInfo } from '../../verify/result';

/**
 * One entry of `GET /v1/models`. Only `id` is required: the classic API (2023-06-01) sends
 * id/display_name/created_at, the 2026-10-21 version adds limits, capabilities and lifecycle.
 */
const AnthropicModelSchema = z.object({
  id: z.string().check(z.minLength(1)),
  display_name: z.nullish(z.string()),
  max_input_tokens: z.nullish(z.number().check(z.int(), z.positive())),
  max_tokens: z.nullish(z.number().check(z.int(), z.positive())),
  lifecycle: z.nullish(z.string()),
  line: z.nullish(z.string()),
  capabilities: z.nullish(z.object({ image_input: z.nullish(z.object({ supported: z.boolean() })) })),
});
type AnthropicModel = z.infer<typeof AnthropicModelSchema>;

export const ModelsPageSchema = z.object({
  data: z.array(AnthropicModelSchema),
  has_more: z.optional(z.boolean()),
  last_id: z.nullish(z.string()),
});

export function toModelInfo(m: AnthropicModel): ModelInfo {
  return {
    id: m.id,
    name: m.display_name ?? undefined,
    family: m.line ?? undefined,
    contextWindow: m.max_input_tokens ?? undefined,
    maxOutputTokens: m.max_tokens ?? undefined,
    // Every model served by the Messages API takes tools; the list has no per-model flag for it.
    toolCalling: true,
    imageInput: m.capabilities?.image_input?.supported ?? undefined,
  };
}

export type ModelListing = { ok: true; models: ModelInfo[] } | { ok: false; body: unknown };

/** Upper bound on pages followed, so a misbehaving server cannot keep us paging forever. */
const MAX_PAGES = 20;

/**
 * All pages of `GET /v1/models` (`after_id = last_id` while `has_more`), each body checked
 * against the API's shape, which the SDK does not do. Retired models are left out: requests naming them fail.
 */
export async function listAnthropicModels(client: Anthropic, options: { signal: AbortSignal; timeout: number }): Promise<ModelListing> {
  const models: ModelInfo[] = [];
  let afterId: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string | number> = { limit: 1000, ...(afterId ? { after_id: afterId } : {}) };
    const body: unknown = await client.get('/v1/models', { query, ...options });
    const parsed = ModelsPageSchema.safeParse(body);
    if (!parsed.success) return { ok: false, body };
    for (const m of parsed.data.data) if (m.lifecycle !== 'retired') models.push(toModelInfo(m));
    if (!parsed.data.has_more || !parsed.data.last_id) break;
    afterId = parsed.data.last_id;
  }
  return { ok: true, models };
}
