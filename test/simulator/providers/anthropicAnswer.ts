/**
 * What the simulated Claude says, and how many tokens it counts: deterministic functions of the
 * request body, exported so tests can compute the expected values instead of hard-coding them.
 */

import { userRequestOf } from '../userRequest';

export interface AnthropicMessageBody {
  model?: unknown;
  max_tokens?: unknown;
  system?: unknown;
  messages?: unknown;
  tools?: unknown;
  stream?: unknown;
}

type Block = { type?: string; text?: string; content?: unknown; name?: string; input?: unknown; source?: unknown; tool_use_id?: string };
type Message = { role?: string; content?: string | Block[] };
type Tool = { name?: string; input_schema?: { properties?: Record<string, { type?: string }>; required?: string[] } };

/** One text delta, or a tool call whose input is streamed in JSON pieces. */
export type AnswerBlock = { type: 'text'; chunks: string[] } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown>; jsonChunks: string[] };

function blocksOf(message: Message): Block[] {
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return Array.isArray(message.content) ? message.content : [];
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((b: Block) => (typeof b?.text === 'string' ? b.text : '')).join('');
  return '';
}

const tokensOfText = (text: string) => Math.ceil(text.length / 4);

/** The simulator's token count of a request (system + messages + tools): ~4 characters a token, 3 per message, 1,000 per image. */
export function simulatedInputTokens(body: AnthropicMessageBody): number {
  let total = 4 + tokensOfText(textOf(body.system));
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  for (const message of messages) {
    total += 3;
    for (const block of blocksOf(message)) {
      if (block.type === 'text') total += tokensOfText(block.text ?? '');
      else if (block.type === 'image') total += 1000;
      else if (block.type === 'tool_use') total += tokensOfText(`${block.name}${JSON.stringify(block.input ?? {})}`);
      else if (block.type === 'tool_result') total += tokensOfText(textOf(block.content));
    }
  }
  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (tools.length > 0) total += 300 + tokensOfText(JSON.stringify(tools));
  return total;
}

/** Output tokens the simulator reports for an answer. */
export function simulatedOutputTokens(blocks: readonly AnswerBlock[]): number {
  let total = 0;
  for (const b of blocks) total += b.type === 'text' ? tokensOfText(b.chunks.join('')) : tokensOfText(JSON.stringify(b.input)) + 10;
  return Math.max(1, total);
}

/** Splits text into small word pieces so a stream has several deltas. */
export function chunkText(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

function sampleInput(tool: Tool): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const props = tool.input_schema?.properties ?? {};
  for (const name of tool.input_schema?.required ?? Object.keys(props).slice(0, 1)) {
    const type = props[name]?.type;
    input[name] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : type === 'array' ? [] : `sim-${name}`;
  }
  return input;
}

/**
 * The answer: after a tool result, it reports what the tool returned; when tools are offered,
 * it calls the first one; otherwise it echoes the last user text.
 */
export function simulatedAnswer(body: AnthropicMessageBody, toolUseId: string): AnswerBlock[] {
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  const last = messages[messages.length - 1];
  const lastBlocks = last ? blocksOf(last) : [];
  const results = lastBlocks.filter((b) => b.type === 'tool_result');
  if (results.length > 0) {
    return [{ type: 'text', chunks: chunkText(`The tool returned: ${results.map((r) => textOf(r.content)).join(' | ')}`) }];
  }
  const tools = (Array.isArray(body.tools) ? body.tools : []) as Tool[];
  const userText = lastBlocks.filter((b) => b.type === 'text').map((b) => b.text ?? '').join(' ');
  const tool = tools[0];
  if (tool?.name) {
    const input = sampleInput(tool);
    const json = JSON.stringify(input);
    const cut = Math.ceil(json.length / 2);
    return [
      { type: 'text', chunks: chunkText(`Let me call ${tool.name}.`) },
      { type: 'tool_use', id: toolUseId, name: tool.name, input, jsonChunks: [json.slice(0, cut), json.slice(cut)] },
    ];
  }
  const images = lastBlocks.filter((b) => b.type === 'image').length;
  const seen = images > 0 ? ` I see ${images} image${images > 1 ? 's' : ''}.` : '';
  return [{ type: 'text', chunks: chunkText(`Hello from the Anthropic simulator (${String(body.model)}). You said: ${userRequestOf(userText)}${seen}`) }];
}

/** Cuts the answer down to `max_tokens` the way the API stops early (`stop_reason: "max_tokens"`). */
export function limitAnswer(blocks: AnswerBlock[], maxTokens: number): { blocks: AnswerBlock[]; truncated: boolean } {
  if (simulatedOutputTokens(blocks) <= maxTokens) return { blocks, truncated: false };
  const first = blocks.find((b): b is Extract<AnswerBlock, { type: 'text' }> => b.type === 'text');
  const kept: string[] = [];
  for (const chunk of first?.chunks ?? []) {
    if (kept.length > 0 && tokensOfText([...kept, chunk].join('')) > maxTokens) break;
    kept.push(chunk);
  }
  return { blocks: kept.length > 0 ? [{ type: 'text', chunks: kept }] : [], truncated: true };
}
