import { countOpenAITokens } from '../openaiFamily';
import type { ProviderRuntime } from '../types';
import { streamOpenAIChat } from './chat';
import { verifyOpenAI } from './verify';
import { warmUpVerification } from './warmUp';

/** OpenAI (api.openai.com or a compatible base URL with OpenAI's auth): loaded lazily with the `openai` SDK. */
export const openAIRuntime: ProviderRuntime = {
  verify: verifyOpenAI,
  streamChat: streamOpenAIChat,
  // OpenAI has no free token-count endpoint for chat; the bundled tokenizer is exact for text.
  countTokens: async (_ctx, modelId, input) => countOpenAITokens(modelId, input),
  warmUp: warmUpVerification,
};
