import type { ProviderRuntime } from '../types';
import { countOpenAITokens } from '../openaiFamily';
import type { AzureSettings } from './definition';
import { streamAzureChat } from './chat';
import { verifyAzure } from './verify';
import { warmUpVerification } from './warmUp';

/** Azure OpenAI: key or Entra ID auth, classic deployments or /openai/v1/ surface, one folder top to bottom. */
export const azureRuntime: ProviderRuntime = {
  verify: (ctx) => verifyAzure(ctx),
  streamChat: (ctx, request, model) => streamAzureChat(ctx, request, model),
  async countTokens(ctx, modelId, input) {
    // Azure has no free counter; the deployment's model (when known) picks the OpenAI tokenizer.
    const deployments = ((ctx.settings ?? {}) as Partial<AzureSettings>).deployments ?? [];
    const model = deployments.find((d) => d.name === modelId)?.model ?? modelId;
    return countOpenAITokens(model, input);
  },
  warmUp: warmUpVerification,
};
