import { createHash } from 'node:crypto';
import type { ChatMessage, ChatPart } from '../../chat/types';
import type { CallContext } from '../types';
import { anthropicSettings, createAnthropicClient } from './client';
import { toAnthropicConversation, ToolNames } from './messages';

/** A small least-recently-used map: the editor asks for the same messages' counts on every turn. */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

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
 * One message alone is not always a valid conversation (a lone assistant turn, a tool_result
 * without its tool_use), so it is counted as a user turn with tool parts written as text.
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
  const cache = new LruCache<number>(capacity);
  return async function countAnthropicTokens(ctx: CallContext, modelId: string, input: string | ChatMessage): Promise<number> {
    const message = asMessage(input);
    const key = cacheKey(modelId, message);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const settings = anthropicSettings(ctx.settings);
    const apiKey = ctx.secrets['apiKey'];
    const conversation = toAnthropicConversation([countable(message)], new ToolNames());
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
