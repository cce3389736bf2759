import { asCountableUserTurn, asMessage, LruMap, tokenCountKey } from '../../chat/tokenCountCache';
import type { ChatMessage } from '../../chat/types';
import type { CallContext } from '../types';
import { anthropicSettings, createAnthropicClient } from './client';
import { toAnthropicConversation, ToolNames } from './messages';

/**
 * Estimate for when the free counter cannot answer (offline, rate limited). Claude's tokenizer is
 * not public, so any local count is approximate; 3 characters a token errs high, which makes the
 * editor trim history early rather than overflow the context. (Bundling an OpenAI BPE tokenizer
 * for this rare path would quintuple this provider's bundle.)
 */
function estimate(message: ChatMessage): number {
  let total = 0;
  for (const part of message.parts) {
    if (part.type === 'text') total += Math.ceil(part.text.length / 3);
    else if (part.type === 'toolResult') total += Math.ceil(part.content.length / 3);
    else if (part.type === 'toolCall') total += Math.ceil((part.name.length + JSON.stringify(part.input).length) / 3);
    // Anthropic bills an image at about width×height/750 tokens, capped near 1,600.
    else total += 1600;
  }
  return total;
}

/**
 * Counts with Anthropic's free `POST /v1/messages/count_tokens` (its answer includes a few
 * tokens of message framing), cached by model + content hash. Falls back to an estimate on failure,
 * without caching it, so a later call asks the API again.
 */
export function createTokenCounter(capacity = 500) {
  const cache = new LruMap<number>(capacity);
  return async function countAnthropicTokens(ctx: CallContext, modelId: string, input: string | ChatMessage): Promise<number> {
    const message = asMessage(input);
    const key = tokenCountKey(modelId, message);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const settings = anthropicSettings(ctx.settings);
    const apiKey = ctx.secrets['apiKey'];
    const conversation = toAnthropicConversation([asCountableUserTurn(message)], new ToolNames());
    if (!settings || !apiKey || conversation.messages.length === 0) return estimate(message);
    try {
      const client = createAnthropicClient(settings, apiKey, ctx.timeoutMs);
      const answer = await client.messages.countTokens(
        { model: modelId, messages: conversation.messages },
        { signal: ctx.signal, timeout: ctx.timeoutMs },
      );
      if (typeof answer?.input_tokens !== 'number') return estimate(message);
      cache.set(key, answer.input_tokens);
      return answer.input_tokens;
    } catch {
      return estimate(message);
    }
  };
}
