import type { ChatEvent, ChatRequest } from '../../chat/types';
import type { ModelInfo } from '../../verify/result';
import { streamChatCompletion } from '../openaiFamily';
import type { CallContext } from '../types';
import { compatibleCall, compatibleClientFor, explainMissingKey } from './client';

/**
 * Streams from an OpenAI-compatible server. Starts with `max_tokens`/`temperature`, the set
 * local servers document; a gateway in front of a reasoning model answers 400 and gets the other set.
 */
export async function* streamCompatibleChat(ctx: CallContext, request: ChatRequest, model: ModelInfo | undefined): AsyncGenerator<ChatEvent> {
  const call = compatibleCall(ctx);
  const made = compatibleClientFor(ctx, call);
  if ('error' in made) {
    yield { type: 'error', error: made.error };
    return;
  }
  const modelId = model?.id ?? request.modelId;
  for await (const event of streamChatCompletion({
    client: made.client,
    model: modelId,
    request,
    parameterStyle: 'classic',
    signal: ctx.signal,
    errors: { provider: call.provider, secrets: call.secrets, step: `chat ${modelId}` },
  })) {
    yield event.type === 'error' ? { type: 'error', error: explainMissingKey(event.error, ctx, call) } : event;
  }
}
