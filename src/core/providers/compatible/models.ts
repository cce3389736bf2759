import * as z from '../../zodMini';
import type { ListedModel } from '../openaiFamily';
import type { ModelInfo } from '../../verify/result';

/** OpenRouter-style catalogue entries carry metadata next to `id`; plain servers send only ids. */
const CatalogueEntrySchema = z.object({
  name: z.optional(z.string()),
  context_length: z.nullish(z.number().check(z.int(), z.positive())),
  architecture: z.nullish(z.partial(z.object({ input_modalities: z.optional(z.array(z.string())) }))),
  top_provider: z.nullish(z.partial(z.object({ max_completion_tokens: z.nullish(z.number().check(z.int(), z.positive())) }))),
  supported_parameters: z.nullish(z.array(z.string())),
});

export function compatibleModelInfo(listed: ListedModel): ModelInfo {
  const parsed = CatalogueEntrySchema.safeParse(listed);
  const meta = parsed.success ? parsed.data : {};
  const info: ModelInfo = { id: listed.id, name: meta.name ?? listed.id };
  if (meta.context_length) info.contextWindow = meta.context_length;
  if (meta.top_provider?.max_completion_tokens) info.maxOutputTokens = meta.top_provider.max_completion_tokens;
  if (meta.supported_parameters) info.toolCalling = meta.supported_parameters.includes('tools');
  if (meta.architecture?.input_modalities) info.imageInput = meta.architecture.input_modalities.includes('image');
  return info;
}

/**
 * A public model catalogue (OpenRouter's) answers without a key, so listing proves nothing
 * about the key; such servers have a separate key endpoint.
 */
export function isPublicCatalogue(models: readonly ListedModel[]): boolean {
  return models.some((m) => 'context_length' in m && 'pricing' in m);
}
