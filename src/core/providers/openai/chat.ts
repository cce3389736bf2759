import type { ChatEvent, ChatRequest } from '../../chat/types';
import { providerError } from '../../errors/providerError';
import type { ModelInfo } from '../../verify/result';
import { parameterStyleFor, streamChatCompletion } from '../openaiFamily';
import type { CallContext } from '../types';
import { openAIHints } from './hints';
import { OPENAI_DISPLAY_NAME, openAIClientFor } from './client';

/** Streams a Chat Completions answer; `ctx.timeoutMs` is not applied (answers may take minutes), the signal is. */
export async function* streamOpenAIChat(ctx: CallContext, request: ChatRequest, model: ModelInfo | undefined): AsyncGenerator<ChatEvent> {
  const secrets = Object.values(ctx.secrets);
  if (!ctx.secrets.apiKey) {
    yield { type: 'error', error: providerError('missing_credentials', { provider: OPENAI_DISPLAY_NAME, secrets }) };
    return;
  }
  const modelId = model?.id ?? request.modelId;
  yield* streamChatCompletion({
    client: openAIClientFor(ctx),
    model: modelId,
    request,
    parameterStyle: parameterStyleFor(modelId),
    signal: ctx.signal,
    errors: { provider: OPENAI_DISPLAY_NAME, secrets, step: `chat ${modelId}`, hints: openAIHints(modelId) },
  });
}
