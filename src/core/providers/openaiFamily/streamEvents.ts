import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ToolNameMap } from '../../chat/toolNames';
import type { ChatEvent, ChatUsage } from '../../chat/types';
import { CONTENT_FILTER_FINISH, filteredCategories, type FilteredCategory } from './contentFilter';

/** A tool call whose arguments arrived as invalid JSON: the stream cannot be trusted further. */
export class ToolArgumentsError extends Error {
  override readonly name = 'ToolArgumentsError';
  constructor(toolName: string) {
    super(`The model sent arguments for the tool ${toolName} that are not valid JSON.`);
  }
}

interface PendingToolCall {
  id: string;
  name: string;
  args: string;
}

function parseArguments(call: PendingToolCall): Record<string, unknown> {
  if (!call.args.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(call.args);
  } catch {
    throw new ToolArgumentsError(call.name);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ToolArgumentsError(call.name);
  return value as Record<string, unknown>;
}

/** How the stream ended, for the caller to turn into an error where the answer is incomplete. */
export interface StreamEnd {
  /** The last finish_reason of the first choice (undefined if none came). */
  finishReason?: string;
  /** Content filters that fired on the answer (Azure's `content_filter_results`), by category. */
  filtered: FilteredCategory[];
}

/**
 * Turns Chat Completions stream chunks into chat events: text as it arrives, each tool call
 * once complete (its JSON arguments are streamed in pieces, keyed by `index`), and one usage
 * event at the end (the `stream_options.include_usage` chunk; some servers repeat usage in
 * every chunk, so the last one wins). Returns how the answer ended. All state lives in this call.
 */
export async function* chatEventsFromChunks(
  chunks: AsyncIterable<ChatCompletionChunk>,
  /** Maps names the request rewrote back to the editor's (a name may arrive in pieces, so once the call is complete). */
  names?: Pick<ToolNameMap, 'original'>,
): AsyncGenerator<ChatEvent, StreamEnd> {
  const calls = new Map<number, PendingToolCall>();
  let usage: ChatUsage | undefined;
  const end: StreamEnd = { filtered: [] };

  function* flushToolCalls(): Generator<ChatEvent> {
    for (const index of [...calls.keys()].sort((a, b) => a - b)) {
      const call = calls.get(index)!;
      if (names) call.name = names.original(call.name);
      // Some local servers omit call ids; the follow-up tool result needs one.
      yield { type: 'toolCall', callId: call.id || `call_${index}`, name: call.name, input: parseArguments(call) };
    }
    calls.clear();
  }

  for await (const chunk of chunks) {
    if (chunk.usage) usage = usageOfChunk(chunk.usage);
    // Only the first choice is used (n is never set).
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (!choice) continue;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content) yield { type: 'text', text: delta.content };
    for (const part of delta.tool_calls ?? []) {
      const index = part.index ?? calls.size;
      const call = calls.get(index) ?? { id: '', name: '', args: '' };
      if (part.id) call.id = part.id;
      if (part.function?.name) call.name += part.function.name;
      const args: unknown = part.function?.arguments;
      // Some compatible servers send the arguments as an object instead of a JSON string.
      if (typeof args === 'string') call.args += args;
      else if (args && typeof args === 'object') call.args = JSON.stringify(args);
      calls.set(index, call);
    }
    // Azure annotates choices with per-category verdicts (not in the SDK's types).
    for (const category of filteredCategories((choice as { content_filter_results?: unknown }).content_filter_results)) {
      if (!end.filtered.includes(category)) end.filtered.push(category);
    }
    if (choice.finish_reason) {
      end.finishReason = choice.finish_reason;
      // A tool call cut by the filter is incomplete: drop it rather than run half of it.
      if (choice.finish_reason === CONTENT_FILTER_FINISH) calls.clear();
      yield* flushToolCalls();
    }
  }
  yield* flushToolCalls();
  if (usage) yield { type: 'usage', ...usage };
  return end;
}

/** Cached and reasoning tokens are parts of prompt and completion tokens; gateways such as OpenRouter add `cost` in USD. */
function usageOfChunk(usage: NonNullable<ChatCompletionChunk['usage']>): ChatUsage {
  const cost = (usage as { cost?: unknown }).cost;
  return {
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
    cacheReadTokens: usage.prompt_tokens_details?.cached_tokens || undefined,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens || undefined,
    reportedCostUsd: typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : undefined,
  };
}
