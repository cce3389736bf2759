import type { ChatMessage, ChatPart } from '../core/chat/types';

/**
 * Converts the editor's chat messages to core's neutral ones. Parts are recognised by shape
 * rather than `instanceof`, so this runs in unit tests and accepts part classes newer than the
 * declared API (e.g. LanguageModelDataPart for images).
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

function textOfToolResult(content: unknown): string {
  if (!Array.isArray(content)) return typeof content === 'string' ? content : JSON.stringify(content ?? '');
  return content
    .map((part) => {
      if (isObj(part) && typeof part.value === 'string') return part.value;
      if (isObj(part) && part.data instanceof Uint8Array && typeof part.mimeType === 'string') {
        return /^(text\/|application\/json)/.test(part.mimeType) ? new TextDecoder().decode(part.data) : `[${part.mimeType} data]`;
      }
      return JSON.stringify(part);
    })
    .join('');
}

export function toChatPart(part: unknown): ChatPart | undefined {
  if (typeof part === 'string') return { type: 'text', text: part };
  if (!isObj(part)) return undefined;
  if (typeof part.callId === 'string' && typeof part.name === 'string' && 'input' in part) {
    return { type: 'toolCall', callId: part.callId, name: part.name, input: isObj(part.input) ? part.input : {} };
  }
  if (typeof part.callId === 'string' && 'content' in part) {
    return { type: 'toolResult', callId: part.callId, content: textOfToolResult(part.content) };
  }
  if (typeof part.value === 'string') return { type: 'text', text: part.value };
  if (part.data instanceof Uint8Array && typeof part.mimeType === 'string') {
    if (part.mimeType.startsWith('image/')) return { type: 'image', mimeType: part.mimeType, data: part.data };
    // Other data parts (e.g. cache-control markers) carry no user content.
    return undefined;
  }
  return undefined;
}

/** Role numbers of LanguageModelChatMessageRole: User = 1, Assistant = 2, System = 3. */
export function toChatMessages(messages: readonly { role: number; content: readonly unknown[] }[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    const role = message.role === 2 ? 'assistant' : message.role === 3 ? 'system' : 'user';
    const parts = message.content.map(toChatPart).filter((p): p is ChatPart => p !== undefined);
    if (parts.length) out.push({ role, parts });
  }
  return out;
}
