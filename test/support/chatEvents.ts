import type { ChatEvent, ChatMessage } from '../../src/core/chat/types';

/** Every event of a chat stream, in order, once it has ended. */
export async function collectEvents(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** A user turn of plain text. */
export const userMessage = (text: string): ChatMessage => ({ role: 'user', parts: [{ type: 'text', text }] });
