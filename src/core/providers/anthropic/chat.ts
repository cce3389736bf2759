import type { MessageCreateParamsStreaming, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ChatEvent, ChatRequest } from '../../chat/types';
import { providerError } from '../../errors/providerError';
import type { ModelInfo } from '../../verify/result';
import type { CallContext } from '../types';
import { anthropicSettings, createAnthropicClient } from './client';
import { classifyAnthropicError, PROVIDER, type ErrorContext } from './classifyError';
import { toAnthropicConversation, toAnthropicTools, toToolChoice, ToolNames } from './messages';

const STEP = 'POST /v1/messages';
/** `max_tokens` is required; used when neither the request nor the model list says more. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8192;
/** Streams are bounded by the user's cancel, not by the verification timeout; this only caps a dead connection. */
const STREAM_TIMEOUT_MS = 10 * 60_000;

/**
 * `request.temperature` is not sent: the request type of API version 2026-10-21 (the one SDK 1.x
 * speaks) has no sampling parameters any more (temperature was deprecated).
 */
export function buildStreamRequest(request: ChatRequest, model: ModelInfo | undefined, names: ToolNames): MessageCreateParamsStreaming {
  const conversation = toAnthropicConversation(request.messages, names);
  const tools = request.tools && request.tools.length > 0 ? toAnthropicTools(request.tools, names) : undefined;
  return {
    model: request.modelId,
    max_tokens: request.maxOutputTokens ?? model?.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    ...(conversation.system ? { system: conversation.system } : {}),
    messages: conversation.messages,
    ...(tools ? { tools, tool_choice: toToolChoice(request.toolMode) } : {}),
    stream: true,
  };
}

interface ToolBlock {
  id: string;
  name: string;
  json: string;
}

/**
 * Streams one answer: text deltas as they arrive, each tool call once its JSON input is complete,
 * one usage event at the end. All state lives in this generator (requests run concurrently).
 */
export async function* streamAnthropicChat(ctx: CallContext, request: ChatRequest, model: ModelInfo | undefined): AsyncGenerator<ChatEvent> {
  const secrets = Object.values(ctx.secrets);
  const errorCtx: ErrorContext = { signal: ctx.signal, secrets, step: STEP, modelId: request.modelId };
  const settings = anthropicSettings(ctx.settings);
  const apiKey = ctx.secrets['apiKey'];
  if (!settings || !apiKey) {
    const kind = settings ? 'missing_credentials' : 'invalid_configuration';
    yield { type: 'error', error: providerError(kind, { provider: PROVIDER, secrets, message: kind.replace(/_/g, ' ') }) };
    return;
  }
  const client = createAnthropicClient(settings, apiKey, STREAM_TIMEOUT_MS);
  const names = new ToolNames();
  const body = buildStreamRequest(request, model, names);

  const tools = new Map<number, ToolBlock>();
  let inputTokens: number | undefined;
  let outputTokens = 0;
  let cacheReadTokens = 0;
  let cacheWriteTokens = 0;
  let started = false;
  let stopped = false;
  let stream: AsyncIterable<RawMessageStreamEvent> & { controller: AbortController } | undefined;
  try {
    stream = await client.messages.create(body, { signal: ctx.signal, timeout: STREAM_TIMEOUT_MS });
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start': {
          started = true;
          const u = event.message.usage;
          // Cached prompt tokens are reported apart from `input_tokens`; the prompt is their sum.
          inputTokens = (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
          cacheWriteTokens = u.cache_creation_input_tokens ?? 0;
          cacheReadTokens = u.cache_read_input_tokens ?? 0;
          outputTokens = u.output_tokens ?? 0;
          break;
        }
        case 'content_block_start': {
          const block = event.content_block;
          if (block.type === 'tool_use') tools.set(event.index, { id: block.id, name: block.name, json: '' });
          else if (block.type === 'text' && block.text) yield { type: 'text', text: block.text };
          break;
        }
        case 'content_block_delta': {
          const delta = event.delta;
          if (delta.type === 'text_delta') yield { type: 'text', text: delta.text };
          else if (delta.type === 'input_json_delta') {
            const tool = tools.get(event.index);
            if (tool) tool.json += delta.partial_json;
          }
          break;
        }
        case 'content_block_stop': {
          const tool = tools.get(event.index);
          if (!tool) break;
          tools.delete(event.index);
          const input = parseToolInput(tool.json);
          if (!input) {
            yield { type: 'error', error: providerError('unexpected_response', { provider: PROVIDER, secrets, step: STEP, message: `Tool call ${tool.name} came with input that is not a JSON object` }) };
            return;
          }
          yield { type: 'toolCall', callId: tool.id, name: names.original(tool.name), input };
          break;
        }
        case 'message_delta': {
          const u = event.usage;
          outputTokens = u.output_tokens ?? outputTokens;
          if (u.input_tokens != null) {
            cacheWriteTokens = u.cache_creation_input_tokens ?? cacheWriteTokens;
            cacheReadTokens = u.cache_read_input_tokens ?? cacheReadTokens;
            inputTokens = u.input_tokens + cacheWriteTokens + cacheReadTokens;
          }
          break;
        }
        case 'message_stop':
          stopped = true;
          break;
      }
    }
  } catch (err) {
    yield { type: 'error', error: classifyAnthropicError(err, errorCtx) };
    return;
  } finally {
    // A consumer that stops early must not leave the HTTP request running.
    if (!stopped) stream?.controller.abort();
  }
  // On abort the SDK's iterator ends quietly instead of throwing.
  if (ctx.signal.aborted) {
    yield { type: 'error', error: classifyAnthropicError(ctx.signal.reason, errorCtx) };
    return;
  }
  if (!started) {
    yield { type: 'error', error: providerError('unexpected_response', { provider: PROVIDER, secrets, step: STEP, message: 'The answer was not an Anthropic event stream' }) };
    return;
  }
  if (!stopped) {
    yield { type: 'error', error: providerError('answer_cut_off', { provider: PROVIDER, secrets, step: STEP, message: 'The answer stream ended before message_stop' }) };
    return;
  }
  yield { type: 'usage', inputTokens: inputTokens ?? 0, outputTokens, cacheReadTokens: cacheReadTokens || undefined, cacheWriteTokens: cacheWriteTokens || undefined };
}

function parseToolInput(json: string): Record<string, unknown> | undefined {
  if (json.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
