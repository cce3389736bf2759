import type {
  ChatCompletionContentPart,
  ChatCompletionFunctionTool,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import { ToolNameMap } from '../../chat/toolNames';
import type { ChatMessage, ChatRequest, ChatTool } from '../../chat/types';

/** Function names Chat Completions accepts (OpenAI and Azure answer 400 to anything else). */
const VALID_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Tool names as sent in Chat Completions and back. MCP tool names with dots, slashes or spaces,
 * or longer than 64 characters, are rewritten (and made unique); calls map back to the editor's name.
 */
export class OpenAIToolNames extends ToolNameMap {
  constructor() {
    super((name) => (VALID_NAME.test(name) ? name : name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool'));
  }

  /** A map for one request: its tools and every tool called earlier in the conversation. */
  static forRequest(request: Pick<ChatRequest, 'tools' | 'messages'>): OpenAIToolNames {
    const called = request.messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'toolCall' ? [p.name] : [])));
    return new OpenAIToolNames().reserve([...(request.tools ?? []).map((t) => t.name), ...called]);
  }
}

export interface MessageConversionOptions {
  /**
   * Role for system instructions. OpenAI maps "system" to "developer" for reasoning models
   * itself; some older reasoning models and servers only accept one of them.
   */
  systemRole?: 'system' | 'developer';
}

/** `data:` URL for an image part; Chat Completions takes inline images this way. */
export function imageDataUrl(mimeType: string, data: Uint8Array): string {
  return `data:${mimeType};base64,${Buffer.from(data).toString('base64')}`;
}

/**
 * Converts neutral chat messages into Chat Completions messages.
 * Tool results travel as separate `tool` messages that must directly follow the assistant
 * message with the calls, so they are emitted before any other content of the same turn.
 */
export function toChatCompletionMessages(
  messages: readonly ChatMessage[],
  options: MessageConversionOptions = {},
  names: ToolNameMap = new OpenAIToolNames(),
): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  for (const message of messages) {
    if (message.role === 'system') {
      const content = message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
      if (content) out.push({ role: options.systemRole ?? 'system', content });
      continue;
    }
    if (message.role === 'assistant') {
      const text = message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
      const toolCalls: ChatCompletionMessageFunctionToolCall[] = message.parts.flatMap((p) =>
        p.type === 'toolCall' ? [{ id: p.callId, type: 'function' as const, function: { name: names.wire(p.name), arguments: JSON.stringify(p.input ?? {}) } }] : [],
      );
      if (!text && toolCalls.length === 0) continue;
      out.push({ role: 'assistant', content: text || null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
      continue;
    }
    // user: tool results first (they answer the previous assistant turn), then the user's own content.
    for (const part of message.parts) {
      if (part.type === 'toolResult') {
        out.push({ role: 'tool', tool_call_id: part.callId, content: part.isError ? `Error: ${part.content}` : part.content });
      }
    }
    const content: ChatCompletionContentPart[] = [];
    for (const part of message.parts) {
      if (part.type === 'text' && part.text) content.push({ type: 'text', text: part.text });
      if (part.type === 'image') content.push({ type: 'image_url', image_url: { url: imageDataUrl(part.mimeType, part.data) } });
    }
    if (content.length === 0) continue;
    // Plain strings for text-only turns: every OpenAI-compatible server accepts those.
    const onlyText = content.every((c) => c.type === 'text');
    out.push({ role: 'user', content: onlyText ? content.map((c) => (c as { text: string }).text).join('') : content });
  }
  return out;
}

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const isArrayType = (type: unknown) => type === 'array' || (Array.isArray(type) && type.includes('array'));

/**
 * OpenAI rejects a whole request (400 invalid_function_parameters, "array schema missing
 * items") when any tool has an array without `items`; MCP tools often do. Such arrays get a
 * permissive `items: {}`. Returns a copy; the editor's schema is not changed.
 */
function withArrayItems(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (isArrayType(out.type) && out.items === undefined) out.items = {};
  for (const key of ['items', 'additionalProperties', 'not']) if (isSchema(out[key])) out[key] = withArrayItems(out[key] as Schema);
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map((s) => (isSchema(s) ? withArrayItems(s) : s));
  }
  for (const key of ['properties', '$defs', 'definitions']) {
    if (isSchema(out[key])) out[key] = Object.fromEntries(Object.entries(out[key] as Schema).map(([k, s]) => [k, isSchema(s) ? withArrayItems(s) : s]));
  }
  return out;
}

/** Function parameters must be a JSON-schema object; tools without a schema take no input. */
function parametersOf(schema: Schema | undefined): Schema {
  if (!schema || Object.keys(schema).length === 0) return { type: 'object', properties: {} };
  const fixed = withArrayItems(schema);
  if (fixed.type === undefined && isSchema(fixed.properties)) fixed.type = 'object';
  if (fixed.type === 'object' && !fixed.properties) fixed.properties = {};
  return fixed;
}

export function toChatCompletionTools(tools: readonly ChatTool[] | undefined, names: ToolNameMap = new OpenAIToolNames()): ChatCompletionFunctionTool[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((tool) => ({
    type: 'function',
    function: { name: names.wire(tool.name), description: tool.description || undefined, parameters: parametersOf(tool.inputSchema) },
  }));
}

/** `required` with a single tool names it, which every server understands; otherwise the plain modes. */
export function toChatCompletionToolChoice(
  request: Pick<ChatRequest, 'tools' | 'toolMode'>,
  names: ToolNameMap = new OpenAIToolNames(),
): ChatCompletionToolChoiceOption | undefined {
  if (!request.tools?.length) return undefined;
  if (request.toolMode !== 'required') return 'auto';
  if (request.tools.length === 1) return { type: 'function', function: { name: names.wire(request.tools[0]!.name) } };
  return 'required';
}
