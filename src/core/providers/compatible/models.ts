import { z } from 'zod';
import type { ListedModel } from '../openaiFamily';
import type { ModelInfo } from '../../verify/result';

/** OpenRouter-style catalogue entries carry metadata next to `id`; plain servers send only ids. */
const CatalogueEntrySchema = z.object({
  name: z.string().optional(),
  context_length: z.number().int().positive().nullish(),
  architecture: z.object({ input_modalities: z.array(z.string()).optional() }).partial().nullish(),
  top_provider: z.object({ max_completion_tokens: z.number().int().positive().nullish() }).partial().nullish(),
  supported_parameters: z.array(z.string()).nullish(),
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
