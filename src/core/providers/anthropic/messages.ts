import type { ContentBlockParam, ImageBlockParam, MessageParam, Tool, ToolChoice } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, ChatPart, ChatTool } from '../../chat/types';
import { ToolNameMap } from '../../chat/toolNames';

type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/**
 * Tool names must match ^[a-zA-Z0-9_-]{1,64}$ on Anthropic; editor tools may use dots or be longer.
 * Keeps both directions so a `tool_use` name maps back to the editor's tool.
 */
export class ToolNames extends ToolNameMap {
  constructor() {
    super((name) => name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool');
  }
}

/** Anthropic wants `input_schema` to be a JSON schema of type object; tools without one take no input. */
export function toAnthropicTools(tools: readonly ChatTool[], names: ToolNames): Tool[] {
  return tools.map((tool) => ({
    name: names.wire(tool.name),
    description: tool.description,
    input_schema: { ...(tool.inputSchema ?? {}), type: 'object' as const, properties: tool.inputSchema?.['properties'] ?? {} },
  }));
}

export function toToolChoice(mode: 'auto' | 'required' | undefined): ToolChoice {
  return mode === 'required' ? { type: 'any' } : { type: 'auto' };
}

function toBlock(part: ChatPart, names: ToolNames): ContentBlockParam | undefined {
  switch (part.type) {
    case 'text':
      // Empty text blocks are rejected by the API.
      return part.text.length > 0 ? { type: 'text', text: part.text } : undefined;
    case 'image': {
      if (!IMAGE_TYPES.includes(part.mimeType)) {
        return { type: 'text', text: `[An image of type ${part.mimeType} was left out: Anthropic accepts JPEG, PNG, GIF and WebP.]` };
      }
      const image: ImageBlockParam = {
        type: 'image',
        source: { type: 'base64', media_type: part.mimeType as ImageMediaType, data: Buffer.from(part.data).toString('base64') },
      };
      return image;
    }
    case 'toolCall':
      return { type: 'tool_use', id: part.callId, name: names.wire(part.name), input: part.input };
    case 'toolResult':
      return { type: 'tool_result', tool_use_id: part.callId, content: part.content, ...(part.isError ? { is_error: true } : {}) };
  }
}

export interface AnthropicConversation {
  system?: string;
  messages: MessageParam[];
}

/**
 * Editor messages → Anthropic's shape: system text goes to the top-level `system`, the rest must
 * alternate user/assistant, so consecutive same-role messages are merged. In a user turn the
 * `tool_result` blocks come first, as the API requires them right after the assistant's `tool_use`.
 */
export function toAnthropicConversation(messages: readonly ChatMessage[], names: ToolNames): AnthropicConversation {
  const system: string[] = [];
  const turns: { role: 'user' | 'assistant'; content: ContentBlockParam[] }[] = [];
  for (const message of messages) {
    if (message.role === 'system') {
      for (const part of message.parts) if (part.type === 'text' && part.text) system.push(part.text);
      continue;
    }
    const blocks = message.parts.map((p) => toBlock(p, names)).filter((b): b is ContentBlockParam => b !== undefined);
    if (blocks.length === 0) continue;
    const last = turns[turns.length - 1];
    if (last && last.role === message.role) last.content.push(...blocks);
    else turns.push({ role: message.role, content: blocks });
  }
  for (const turn of turns) {
    if (turn.role !== 'user') continue;
    const results = turn.content.filter((b) => b.type === 'tool_result');
    if (results.length > 0) turn.content = [...results, ...turn.content.filter((b) => b.type !== 'tool_result')];
  }
  return {
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
    messages: turns.map((t) => ({ role: t.role, content: t.content })),
  };
}
