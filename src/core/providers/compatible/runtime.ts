import { countOpenAITokens } from '../openaiFamily';
import type { ProviderRuntime } from '../types';
import { streamCompatibleChat } from './chat';
import { verifyCompatible } from './verify';
import { warmUpVerification } from './warmUp';

/** OpenAI-compatible endpoints (Ollama, LM Studio, OpenRouter, gateways) through the `openai` SDK. */
export const compatibleRuntime: ProviderRuntime = {
  verify: verifyCompatible,
  streamChat: streamCompatibleChat,
  // These servers have no token-count endpoint; the OpenAI tokenizer is the bundled estimate.
  countTokens: async (_ctx, modelId, input) => countOpenAITokens(modelId, input),
  warmUp: warmUpVerification,
};
