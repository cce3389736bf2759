import type { ContentBlock, ConverseStreamCommandInput, ImageFormat, Message, SystemContentBlock, Tool } from '@aws-sdk/client-bedrock-runtime';
import type { ChatMessage, ChatPart, ChatRequest } from '../../chat/types';
import { toBedrockSchema, ToolNames } from './toolSchema';

const IMAGE_FORMATS: Record<string, ImageFormat> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

export type ConverseInput = Pick<ConverseStreamCommandInput, 'messages' | 'system' | 'toolConfig' | 'inferenceConfig'>;

function block(part: ChatPart, names: ToolNames): ContentBlock | undefined {
  switch (part.type) {
    case 'text':
      // Bedrock rejects blank text blocks.
      return part.text.trim() ? { text: part.text } : undefined;
    case 'image': {
      const format = IMAGE_FORMATS[part.mimeType.toLowerCase()];
      return format ? { image: { format, source: { bytes: part.data } } } : { text: `[image of type ${part.mimeType} left out: Bedrock accepts PNG, JPEG, GIF and WebP]` };
    }
    case 'toolCall':
      return { toolUse: { toolUseId: part.callId, name: names.bedrockName(part.name), input: part.input as never } };
    case 'toolResult':
      return {
        toolResult: {
          toolUseId: part.callId,
          content: [{ text: part.content.trim() ? part.content : '(no output)' }],
          ...(part.isError ? { status: 'error' as const } : {}),
        },
      };
  }
}

/**
 * Chat messages in Converse's shape: system text goes to `system`; roles must alternate and
 * start with the user (consecutive messages of one role are merged); in a user message, tool
 * results come before any text (Anthropic models require it).
 */
export function toConverseMessages(messages: readonly ChatMessage[], names: ToolNames): { system: SystemContentBlock[]; messages: Message[] } {
  const system: SystemContentBlock[] = [];
  const out: Message[] = [];
  for (const m of messages) {
    if (m.role === 'system') {
      for (const p of m.parts) if (p.type === 'text' && p.text.trim()) system.push({ text: p.text });
      continue;
    }
    const content = m.parts.map((p) => block(p, names)).filter((b): b is ContentBlock => !!b);
    if (!content.length) continue;
    const last = out[out.length - 1];
    if (last?.role === m.role) last.content!.push(...content);
    else out.push({ role: m.role, content });
  }
  for (const m of out) if (m.role === 'user') m.content!.sort((a, b) => Number(!a.toolResult) - Number(!b.toolResult));
  if (out[0]?.role === 'assistant') out.unshift({ role: 'user', content: [{ text: '(The conversation continues.)' }] });
  return { system, messages: out };
}

function toolNamesIn(messages: readonly ChatMessage[]): string[] {
  return messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'toolCall' ? [p.name] : [])));
}

export function toConverseInput(request: ChatRequest, names: ToolNames): ConverseInput {
  const { system, messages } = toConverseMessages(request.messages, names);
  const tools: Tool[] = (request.tools ?? []).map((t) => ({
    toolSpec: { name: names.bedrockName(t.name), description: t.description || t.name, inputSchema: { json: toBedrockSchema(t.inputSchema) as never } },
  }));
  // Bedrock refuses toolUse/toolResult blocks without a toolConfig: declare the tools the history used.
  const declared = new Set(tools.map((t) => t.toolSpec!.name));
  for (const name of toolNamesIn(request.messages)) {
    const bedrockName = names.bedrockName(name);
    if (declared.has(bedrockName)) continue;
    declared.add(bedrockName);
    tools.push({ toolSpec: { name: bedrockName, description: name, inputSchema: { json: { type: 'object', properties: {} } as never } } });
  }
  const input: ConverseInput = { messages, system: system.length ? system : undefined };
  if (tools.length) {
    // toolChoice is sent only when needed: several model families reject the field altogether.
    input.toolConfig = request.toolMode === 'required' && request.tools?.length ? { tools, toolChoice: { any: {} } } : { tools };
  }
  if (request.maxOutputTokens !== undefined || request.temperature !== undefined) {
    input.inferenceConfig = { maxTokens: request.maxOutputTokens, temperature: request.temperature };
  }
  return input;
}

export function allToolNames(request: ChatRequest): string[] {
  return [...(request.tools ?? []).map((t) => t.name), ...toolNamesIn(request.messages)];
}
