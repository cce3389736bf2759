import { createHash } from 'node:crypto';
import type { ChatMessage, ChatPart } from '../../chat/types';
import type { CallContext } from '../types';
import { createGeminiClient, geminiSettings } from './client';
import { LruMap } from './lru';
import { toGeminiConversation, ToolNames } from './messages';

function asMessage(input: string | ChatMessage): ChatMessage {
  return typeof input === 'string' ? { role: 'user', parts: [{ type: 'text', text: input }] } : input;
}

function cacheKey(modelId: string, message: ChatMessage): string {
  const hash = createHash('sha256');
  hash.update(modelId).update('\0').update(message.role);
  for (const part of message.parts) {
    hash.update('\0').update(part.type);
    if (part.type === 'image') hash.update(part.mimeType).update(part.data);
    else hash.update(JSON.stringify(part));
  }
  return hash.digest('hex');
}

/**
 * One message alone is not always a valid conversation (a function response without its call),
 * so it is counted as one user turn with tool parts written as text.
 */
function countable(message: ChatMessage): ChatMessage {
  return {
    role: 'user',
    parts: message.parts.map((part): ChatPart => {
      if (part.type === 'toolCall') return { type: 'text', text: `${part.name} ${JSON.stringify(part.input)}` };
      if (part.type === 'toolResult') return { type: 'text', text: part.content };
      return part;
    }),
  };
}

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
    const key = cacheKey(modelId, message);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const settings = geminiSettings(ctx.settings);
    const apiKey = ctx.secrets['apiKey'];
    const { contents } = toGeminiConversation([countable(message)], new ToolNames(), { get: () => undefined });
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
