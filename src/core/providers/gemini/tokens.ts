import { asCountableUserTurn, asMessage, LruMap, tokenCountKey } from '../../chat/tokenCountCache';
import type { ChatMessage } from '../../chat/types';
import type { CallContext } from '../types';
import { createGeminiClient, geminiSettings } from './client';
import { toGeminiConversation, ToolNames } from './messages';

/** Rough count when the free counter cannot answer (offline, rate limited): a BPE tokenizer, not characters ÷ 4. */
async function estimate(message: ChatMessage): Promise<number> {
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
  let total = 0;
  for (const part of message.parts) {
    if (part.type === 'text') total += countTokens(part.text);
    else if (part.type === 'toolResult') total += countTokens(part.content);
    else if (part.type === 'toolCall') total += countTokens(part.name + JSON.stringify(part.input));
    // Gemini counts a small image as 258 tokens (larger ones are tiled at 258 per tile).
    else total += 258;
  }
  return total;
}

/**
 * Counts with Gemini's free `models.countTokens`, cached by model + content hash in a small LRU
 * (the editor asks for the same messages on every turn). On failure it estimates without
 * caching, so a later call asks the API again.
 */
export function createTokenCounter(capacity = 500) {
  const cache = new LruMap<number>(capacity);
  return async function countGeminiTokens(ctx: CallContext, modelId: string, input: string | ChatMessage): Promise<number> {
    const message = asMessage(input);
    const key = tokenCountKey(modelId, message);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const settings = geminiSettings(ctx.settings);
    const apiKey = ctx.secrets['apiKey'];
    const { contents } = toGeminiConversation([asCountableUserTurn(message)], new ToolNames(), { get: () => undefined });
    if (!settings || !apiKey || contents.length === 0) return contents.length === 0 ? 0 : estimate(message);
    try {
      const client = createGeminiClient(settings, apiKey, ctx.timeoutMs);
      const answer = await client.models.countTokens({
        model: modelId,
        contents,
        config: { abortSignal: ctx.signal, httpOptions: { timeout: ctx.timeoutMs } },
      });
      if (typeof answer?.totalTokens !== 'number') return estimate(message);
      cache.set(key, answer.totalTokens);
      return answer.totalTokens;
    } catch {
      return estimate(message);
    }
  };
}
