import type { ModelCapabilities } from '../core/providers/openaiFamily/modelCapabilities';
import type { ModelInfo } from '../core/verify/result';

/**
 * Conservative limits used when neither the provider nor its documentation gives them; the
 * model's tooltip says they are assumed. (VS Code shows input + output as the context: ~37K.)
 */
export const ASSUMED_CONTEXT_WINDOW = 32_768;
export const ASSUMED_MAX_OUTPUT = 4_096;

export interface ChatModelDescription {
  id: string;
  name: string;
  family: string;
  version: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  toolCalling: boolean;
  imageInput: boolean;
  assumedLimits: boolean;
}

/** The chat-visible id is unique within a vendor: "<providerId>/<modelId>". */
export function chatModelId(providerId: string, modelId: string): string {
  return `${providerId}/${modelId}`;
}

export function splitChatModelId(id: string): { providerId: string; modelId: string } | undefined {
  const slash = id.indexOf('/');
  return slash > 0 ? { providerId: id.slice(0, slash), modelId: id.slice(slash + 1) } : undefined;
}

/**
 * The picker's label. The vendor (e.g. "OpenAI · BYOK Models") already names the provider, so a
 * model is just its name, short enough for the default chat width. Compatible endpoints share one
 * vendor, so there the endpoint's own name tells two "llama3.2" apart.
 */
export function chatModelLabel(providerId: string, providerName: string, model: ModelInfo): string {
  const name = model.name ?? model.id;
  return providerId.startsWith('compatible') ? `${name} · ${providerName}` : name;
}

/**
 * `known`: documented capabilities of the model's family, for what the stored verification
 * result does not say (results saved by older versions have no tool calling).
 */
export function describeChatModel(providerId: string, providerName: string, stored: ModelInfo, known: ModelCapabilities = {}): ChatModelDescription {
  const model: ModelInfo = {
    ...stored,
    contextWindow: stored.contextWindow ?? known.contextWindow,
    maxOutputTokens: stored.maxOutputTokens ?? known.maxOutputTokens,
    toolCalling: stored.toolCalling ?? known.toolCalling,
    imageInput: stored.imageInput ?? known.imageInput,
  };
  const maxOutputTokens = model.maxOutputTokens ?? ASSUMED_MAX_OUTPUT;
  const context = model.contextWindow ?? ASSUMED_CONTEXT_WINDOW;
  return {
    id: chatModelId(providerId, model.id),
    name: chatModelLabel(providerId, providerName, model),
    family: model.family ?? model.id,
    version: model.id,
    maxInputTokens: Math.max(1024, context - (model.contextWindow ? Math.min(maxOutputTokens, context / 2) : 0)),
    maxOutputTokens,
    toolCalling: model.toolCalling ?? false,
    imageInput: model.imageInput ?? false,
    assumedLimits: model.contextWindow === undefined || model.maxOutputTokens === undefined,
  };
}
