import { createHash } from 'node:crypto';
import type { ChatMessage, ChatPart } from './types';

/** A small least-recently-used map (token counts, thought signatures): bounded, so it cannot grow without end. */
export class LruMap<V> {
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

/** The editor counts a bare string or one message; both become one message. */
export function asMessage(input: string | ChatMessage): ChatMessage {
  return typeof input === 'string' ? { role: 'user', parts: [{ type: 'text', text: input }] } : input;
}

/** Cache key of a count: the model and a hash of the content (never the content itself). */
export function tokenCountKey(modelId: string, message: ChatMessage): string {
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
 * One message alone is not always a valid conversation for a provider's counter (a lone assistant
 * turn, a tool result without its call), so it is counted as one user turn with tool parts as text.
 */
export function asCountableUserTurn(message: ChatMessage): ChatMessage {
  return {
    role: 'user',
    parts: message.parts.map((part): ChatPart => {
      if (part.type === 'toolCall') return { type: 'text', text: `${part.name} ${JSON.stringify(part.input)}` };
      if (part.type === 'toolResult') return { type: 'text', text: part.content };
      return part;
    }),
  };
}
