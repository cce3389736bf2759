import { randomBytes } from 'node:crypto';
import { cachedPromptTokens } from '../promptCache';
import { sendJson } from '../scenario';
import type { SimRequest, SimResponse, SimulatorState } from '../types';
import { userRequestOf, userWordsOf } from '../userRequest';
import { openAIErrorBody, requestId, sendError } from './openaiErrors';

/**
 * Chat Completions and Responses answers as OpenAI-style servers give them, JSON and SSE.
 * The fake model is deterministic: it echoes the user, calls a tool when the user names one
 * (or tool_choice requires it), and reports what a tool answered.
 */

export interface SimChatModel {
  id: string;
  /** o-series/gpt-5 style: rejects `max_tokens` and non-default `temperature`. */
  reasoning?: boolean;
}

interface ToolDef {
  type?: string;
  function?: { name?: string; parameters?: { properties?: Record<string, { type?: string }>; required?: string[] } };
}

export interface ChatBody {
  model?: string;
  messages?: { role?: string; content?: unknown; tool_call_id?: string; tool_calls?: { function?: { name?: unknown } }[] }[];
  tools?: ToolDef[];
  tool_choice?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
}

type Reply = { kind: 'text'; text: string } | { kind: 'tool'; name: string; args: Record<string, unknown> };

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((p) => (p && typeof p === 'object' && (p as { type?: string }).type === 'text' ? String((p as { text?: unknown }).text ?? '') : '')).join('');
  }
  return '';
}

function imageCount(content: unknown): number {
  return Array.isArray(content) ? content.filter((p) => p && typeof p === 'object' && (p as { type?: string }).type === 'image_url').length : 0;
}

/** A 400 for parameters a reasoning model does not take, exactly as OpenAI words it. */
export function unsupportedParameterError(body: ChatBody, model: SimChatModel): { message: string; param: string; code: string } | undefined {
  if (!model.reasoning) return undefined;
  if (body.max_tokens !== undefined) {
    return { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", param: 'max_tokens', code: 'unsupported_parameter' };
  }
  if (body.temperature !== undefined && body.temperature !== 1) {
    return {
      message: `Unsupported value: 'temperature' does not support ${body.temperature} with this model. Only the default (1) value is supported.`,
      param: 'temperature',
      code: 'unsupported_value',
    };
  }
  return undefined;
}

/** OpenAI validates every tool schema: an array without `items` fails the whole request. */
function arrayWithoutItems(schema: unknown, path: string[] = []): string[] | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const node = schema as Record<string, unknown>;
  const isArray = node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array'));
  if (isArray && node.items === undefined) return path;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) {
        const found = arrayWithoutItems(child, [...path, 'properties', name]);
        if (found) return found;
      }
    } else if (key === 'items' || key === 'additionalProperties') {
      const found = arrayWithoutItems(value, [...path, key]);
      if (found) return found;
    } else if (Array.isArray(value) && ['anyOf', 'oneOf', 'allOf'].includes(key)) {
      for (const [i, child] of value.entries()) {
        const found = arrayWithoutItems(child, [...path, key, String(i)]);
        if (found) return found;
      }
    }
  }
  return undefined;
}

export function invalidToolSchema(body: ChatBody): { message: string; param: string } | undefined {
  for (const [index, tool] of (body.tools ?? []).entries()) {
    const path = arrayWithoutItems(tool.function?.parameters);
    if (path) {
      const context = path.map((p) => `'${p}'`).join(', ');
      return { message: `Invalid schema for function '${tool.function?.name}': In context=(${context}), array schema missing items.`, param: `tools[${index}].function.parameters` };
    }
  }
  return undefined;
}

const NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;
const NAME_MAX = 64;

/**
 * OpenAI checks every function name, in `tools` and in earlier assistant tool calls, and
 * rejects the whole request with the first bad one, worded as the real API does (code
 * `invalid_value` for the pattern, `string_above_max_length` for the length).
 */
export function invalidFunctionName(body: ChatBody): { message: string; param: string; code: string } | undefined {
  const named: [string, unknown][] = [
    ...(body.tools ?? []).map((tool, i): [string, unknown] => [`tools[${i}].function.name`, tool.function?.name]),
    ...(body.messages ?? []).flatMap((m, i) => (m.tool_calls ?? []).map((call, j): [string, unknown] => [`messages[${i}].tool_calls[${j}].function.name`, call.function?.name])),
  ];
  for (const [param, name] of named) {
    if (typeof name !== 'string') continue;
    if (name.length > NAME_MAX) {
      return { message: `Invalid '${param}': string too long. Expected a string with maximum length ${NAME_MAX}, but got a string with length ${name.length} instead.`, param, code: 'string_above_max_length' };
    }
    if (!NAME_PATTERN.test(name)) {
      return { message: `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '${NAME_PATTERN.source}'.`, param, code: 'invalid_value' };
    }
  }
  return undefined;
}

/** One value per required property; strings get the user's last word ("weather for Paris" → "Paris"). */
function argumentsFor(tool: ToolDef, userText: string): Record<string, unknown> {
  const parameters = tool.function?.parameters;
  const lastWord = /([\p{L}\p{N}_-]+)[^\p{L}\p{N}]*$/u.exec(userText)?.[1] ?? 'example';
  const args: Record<string, unknown> = {};
  for (const name of parameters?.required ?? []) {
    const type = parameters?.properties?.[name]?.type;
    args[name] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : type === 'array' ? [] : type === 'object' ? {} : lastWord;
  }
  return args;
}

export function replyFor(body: ChatBody): Reply {
  const messages = body.messages ?? [];
  const last = messages[messages.length - 1];
  if (last?.role === 'tool') return { kind: 'text', text: `The tool answered: ${textOf(last.content)}` };
  const userText = textOf(last?.content);
  const tools = (body.tools ?? []).filter((t) => t.function?.name);
  const choice = body.tool_choice as { function?: { name?: string } } | string | undefined;
  const named = typeof choice === 'object' ? tools.find((t) => t.function?.name === choice.function?.name) : undefined;
  const userWords = userWordsOf(userText);
  const mentioned = tools.find((t) => userWords.includes(t.function!.name!));
  const tool = named ?? mentioned ?? (choice === 'required' ? tools[0] : undefined);
  if (tool) return { kind: 'tool', name: tool.function!.name!, args: argumentsFor(tool, userWords) };
  const images = messages.reduce((n, m) => n + imageCount(m.content), 0);
  const seen = images ? ` I see ${images} image${images > 1 ? 's' : ''}.` : '';
  return { kind: 'text', text: `Hello from the simulator! You said: ${userRequestOf(userText) || '(nothing)'}.${seen}` };
}

/** Text split the way a model streams it: word by word, spaces kept. */
export function chunksOf(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [''];
}

/** Prompt "tokens" the fake reports: the byte length of the messages JSON, so tests can recompute it. */
export function simulatedPromptTokens(body: ChatBody): number {
  return Buffer.byteLength(JSON.stringify(body.messages ?? []));
}

function writeChunk(res: SimResponse, data: string, event?: string): void {
  (res as unknown as { write(chunk: string): boolean }).write(`${event ? `event: ${event}\n` : ''}data: ${data}\n\n`);
}

/** Waits between streamed chunks (chunkDelayMs); false when the client has gone away. */
async function pause(sim: SimulatorState, provider: string, res: SimResponse): Promise<boolean> {
  const delay = sim.override(provider).chunkDelayMs ?? 2;
  if (res.destroyed) return false;
  // 0 = as fast as the socket takes it (throughput benchmark): no timer per chunk.
  if (delay <= 0) return true;
  return sim.sleep(delay, res);
}

export interface ChatAnswerOptions {
  /** Streams only: after this many content chunks, send this error object as an SSE chunk and stop (OpenRouter does so when an upstream fails mid-answer). */
  midStreamError?: { afterChunks: number; error: Record<string, unknown> };
  /** USD per prompt and completion token: the answer's usage carries `cost` (OpenRouter). */
  costPerToken?: { prompt: number; completion: number };
}

export async function answerChatCompletion(provider: string, req: SimRequest, res: SimResponse, sim: SimulatorState, model: SimChatModel, options: ChatAnswerOptions = {}): Promise<void> {
  const servedModel = model.id;
  const body = req.json as ChatBody;
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return sendError(res, { status: 400, body: openAIErrorBody("Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages') });
  }
  const badTool = invalidToolSchema(body);
  if (badTool) return sendError(res, { status: 400, body: openAIErrorBody(badTool.message, 'invalid_request_error', 'invalid_function_parameters', badTool.param) });
  const unsupported = unsupportedParameterError(body, model);
  if (unsupported) return sendError(res, { status: 400, body: openAIErrorBody(unsupported.message, 'invalid_request_error', unsupported.code, unsupported.param) });

  const reply = replyFor(body);
  const id = `chatcmpl-${randomBytes(10).toString('hex')}`;
  const created = Math.floor(Date.now() / 1000);
  const budget = body.max_completion_tokens ?? body.max_tokens;
  const texts = reply.kind === 'text' ? chunksOf(reply.text) : [];
  const limited = budget !== undefined && budget < texts.length;
  const shown = limited ? texts.slice(0, budget) : texts;
  const finish = reply.kind === 'tool' ? 'tool_calls' : limited ? 'length' : 'stop';
  const callId = `call_${randomBytes(8).toString('hex')}`;
  const argsJson = reply.kind === 'tool' ? JSON.stringify(reply.args) : '';
  const usage = {
    prompt_tokens: simulatedPromptTokens(body),
    completion_tokens: reply.kind === 'tool' ? 3 : shown.length,
    total_tokens: 0,
    prompt_tokens_details: { cached_tokens: cachedPromptTokens(simulatedPromptTokens(body), body.messages.some((m) => m.role === 'assistant')), audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: model.reasoning ? 1 : 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  if (options.costPerToken) {
    // OpenRouter adds what the answer cost in USD to the usage object.
    const { prompt, completion } = options.costPerToken;
    Object.assign(usage, { cost: usage.prompt_tokens * prompt + usage.completion_tokens * completion });
  }

  if (!body.stream) {
    const message =
      reply.kind === 'tool'
        ? { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: reply.name, arguments: argsJson } }], refusal: null, annotations: [] }
        : { role: 'assistant', content: shown.join(''), refusal: null, annotations: [] };
    return sendJson(
      res,
      200,
      { id, object: 'chat.completion', created, model: servedModel, choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage, service_tier: 'default', system_fingerprint: 'fp_sim' },
      { 'x-request-id': requestId() },
    );
  }

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': requestId() });
  const includeUsage = body.stream_options?.include_usage === true;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model: servedModel,
      system_fingerprint: 'fp_sim',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
  const deltas: Record<string, unknown>[] = [{ role: 'assistant', content: '', refusal: null }];
  if (reply.kind === 'tool') {
    deltas.push({ tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: reply.name, arguments: '' } }] });
    // Arguments arrive in pieces that are not valid JSON on their own.
    const third = Math.ceil(argsJson.length / 3);
    for (let i = 0; i < argsJson.length; i += third) deltas.push({ tool_calls: [{ index: 0, function: { arguments: argsJson.slice(i, i + third) } }] });
  } else {
    for (const piece of shown) deltas.push({ content: piece });
  }
  for (const [index, delta] of deltas.entries()) {
    if (options.midStreamError && index === options.midStreamError.afterChunks) {
      writeChunk(res, JSON.stringify({ id, object: 'chat.completion.chunk', created, model: servedModel, error: options.midStreamError.error, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] }));
      res.end();
      return;
    }
    writeChunk(res, chunk(delta));
    if (!(await pause(sim, provider, res))) return;
  }
  writeChunk(res, chunk({}, finish));
  if (includeUsage) writeChunk(res, JSON.stringify({ id, object: 'chat.completion.chunk', created, model: servedModel, system_fingerprint: 'fp_sim', choices: [], usage }));
  writeChunk(res, '[DONE]');
  res.end();
}

interface ResponsesBody {
  model?: string;
  input?: unknown;
  stream?: boolean;
  max_output_tokens?: number;
  temperature?: number;
}

/** POST /responses: the Responses API (JSON, or SSE with `event:` lines and sequence numbers). */
export async function answerResponses(provider: string, req: SimRequest, res: SimResponse, sim: SimulatorState, model: SimChatModel): Promise<void> {
  const body = req.json as ResponsesBody;
  if (body.max_output_tokens !== undefined && body.max_output_tokens < 16) {
    return sendError(res, {
      status: 400,
      body: openAIErrorBody(`Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${body.max_output_tokens} instead.`, 'invalid_request_error', 'integer_below_min_value', 'max_output_tokens'),
    });
  }
  const input = typeof body.input === 'string' ? body.input : Array.isArray(body.input) ? textOf((body.input.at(-1) as { content?: unknown })?.content) : '';
  const text = `Hello from the simulator! You said: ${userRequestOf(input) || '(nothing)'}.`;
  const id = `resp_${randomBytes(10).toString('hex')}`;
  const itemId = `msg_${randomBytes(10).toString('hex')}`;
  const usage = { input_tokens: Buffer.byteLength(JSON.stringify(body.input ?? '')), output_tokens: chunksOf(text).length, total_tokens: 0, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } };
  usage.total_tokens = usage.input_tokens + usage.output_tokens;
  const part = { type: 'output_text', text, annotations: [] };
  const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [part] };
  const response = (status: string, output: unknown[]) => ({ id, object: 'response', created_at: Math.floor(Date.now() / 1000), status, model: model.id, output, usage: status === 'completed' ? usage : null });
  if (!body.stream) return sendJson(res, 200, response('completed', [item]), { 'x-request-id': requestId() });

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': requestId() });
  let sequence = 0;
  const events: [string, Record<string, unknown>][] = [
    ['response.created', { response: response('in_progress', []) }],
    ['response.in_progress', { response: response('in_progress', []) }],
    ['response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }],
    ['response.content_part.added', { item_id: itemId, output_index: 0, content_index: 0, part: { ...part, text: '' } }],
    ...chunksOf(text).map((delta): [string, Record<string, unknown>] => ['response.output_text.delta', { item_id: itemId, output_index: 0, content_index: 0, delta, logprobs: [] }]),
    ['response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text, logprobs: [] }],
    ['response.content_part.done', { item_id: itemId, output_index: 0, content_index: 0, part }],
    ['response.output_item.done', { output_index: 0, item }],
    ['response.completed', { response: response('completed', [item]) }],
  ];
  for (const [type, data] of events) {
    writeChunk(res, JSON.stringify({ type, sequence_number: sequence++, ...data }), type);
    if (!(await pause(sim, provider, res))) return;
  }
  res.end();
}
