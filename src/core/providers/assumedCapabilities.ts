import type { ModelInfo } from '../verify/result';
import { bedrockToolUse } from './bedrock/capabilities';
import type { ProviderKind } from './kinds';
import { openAIModelCapabilities, type ModelCapabilities } from './openaiFamily/modelCapabilities';

/**
 * Capabilities for a model whose stored verification predates them (results saved before
 * verification recorded tool calling): the same tables verification uses now. Pure data, so
 * the host can use it without loading a provider runtime.
 */
export function assumedCapabilities(kind: ProviderKind, model: ModelInfo): ModelCapabilities {
  switch (kind) {
    case 'openai':
    case 'azure':
    case 'compatible':
      return openAIModelCapabilities(model.family ?? model.id) ?? openAIModelCapabilities(model.id) ?? { toolCalling: true };
    case 'bedrock':
      return { toolCalling: bedrockToolUse(model.id) };
    default:
      return {};
  }
}
