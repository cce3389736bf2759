import * as z from '../../zodMini';
import type { ListedModel } from '../openaiFamily';
import type { ModelInfo } from '../../verify/result';
import { openAIModelCapabilities } from '../openaiFamily/modelCapabilities';

/** OpenRouter-style catalogue entries carry metadata next to `id`; plain servers send only ids. */
const CatalogueEntrySchema = z.object({
  name: z.optional(z.string()),
  context_length: z.nullish(z.number().check(z.int(), z.positive())),
  architecture: z.nullish(z.partial(z.object({ input_modalities: z.optional(z.array(z.string())) }))),
  top_provider: z.nullish(z.partial(z.object({ max_completion_tokens: z.nullish(z.number().check(z.int(), z.positive())) }))),
  supported_parameters: z.nullish(z.array(z.string())),
});

/**
 * What the server reported wins (OpenRouter: `supported_parameters` includes "tools" for models
 * that can call tools); then OpenAI's documented capabilities for OpenAI model ids a gateway
 * serves. Otherwise tool calling is unknown, and the model is offered WITH tool calling: Agent
 * mode, where most chat happens, lists only tool-calling models, and a model that cannot use
 * tools answers the first request with a clear error (Ollama: "… does not support tools"),
 * which the chat shows with a hint to use Ask mode or another model. Image input stays off
 * unless reported: an image sent to a text-only model fails every request, not only tool ones.
 */
export function compatibleModelInfo(listed: ListedModel): ModelInfo {
  const parsed = CatalogueEntrySchema.safeParse(listed);
  const meta = parsed.success ? parsed.data : {};
  const known = openAIModelCapabilities(listed.id) ?? {};
  const info: ModelInfo = { id: listed.id, name: meta.name ?? listed.id };
  const contextWindow = meta.context_length ?? known.contextWindow;
  const maxOutputTokens = meta.top_provider?.max_completion_tokens ?? known.maxOutputTokens;
  if (contextWindow) info.contextWindow = contextWindow;
  if (maxOutputTokens) info.maxOutputTokens = maxOutputTokens;
  info.toolCalling = meta.supported_parameters ? meta.supported_parameters.includes('tools') : (known.toolCalling ?? true);
  const imageInput = meta.architecture?.input_modalities ? meta.architecture.input_modalities.includes('image') : known.imageInput;
  if (imageInput !== undefined) info.imageInput = imageInput;
  return info;
}

/** A model id the user typed (the server has no list): capabilities as for a listed id without metadata. */
export function configuredModelInfo(id: string): ModelInfo {
  return compatibleModelInfo({ id });
}

/**
 * A public model catalogue (OpenRouter's) answers without a key, so listing proves nothing
 * about the key; such servers have a separate key endpoint.
 */
export function isPublicCatalogue(models: readonly ListedModel[]): boolean {
  return models.some((m) => 'context_length' in m && 'pricing' in m);
}
