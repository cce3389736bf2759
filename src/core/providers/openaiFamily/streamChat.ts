import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ChatEvent, ChatRequest } from '../../chat/types';
import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import type { LocalizableText } from '../../text';
import { classifyOpenAIError, abortKind, type OpenAIErrorContext } from './classifyError';
import { OpenAIToolNames, toChatCompletionMessages, toChatCompletionToolChoice, toChatCompletionTools, type MessageConversionOptions } from './messages';
import { budgetParameters, withParameterStyleFallback, type ParameterStyle } from './parameters';
import { CONTENT_FILTER_FINISH, contentFilterError } from './contentFilter';
import { chatEventsFromChunks, ToolArgumentsError, type StreamEnd } from './streamEvents';

export interface ChatCompletionStreamInput {
  client: OpenAI;
  /** Sent as `model`: a model id, or an Azure deployment name. */
  model: string;
  request: ChatRequest;
  /** Parameter set to try first; on an unsupported-parameter 400 the other one is tried once. */
  parameterStyle: ParameterStyle;
  signal: AbortSignal;
  errors: Omit<OpenAIErrorContext, 'signal'>;
  messageOptions?: MessageConversionOptions;
  /** Extra fields merged into the request body (e.g. provider-specific options). */
  extraBody?: Record<string, unknown>;
  /** Replaces `classifyOpenAIError` for thrown errors (Azure has its own error codes, e.g. DeploymentNotFound). */
  classifyError?: (err: unknown) => ProviderError;
  /** What to do when the provider's content filter cuts the answer, where the provider knows better than the generic hint. */
  contentFilterHint?: LocalizableText;
}

/** A whole (non-streamed) completion as chunks, for servers that ignore `stream: true`. */
async function* chunksOfCompletion(completion: ChatCompletion): AsyncGenerator<ChatCompletionChunk> {
  const first = completion.choices?.[0];
  const message = first?.message;
  const choice: ChatCompletionChunk.Choice & { content_filter_results?: unknown } = {
    index: 0,
    finish_reason: first?.finish_reason ?? 'stop',
    delta: {
      content: message?.content ?? undefined,
      tool_calls: (message?.tool_calls ?? []).flatMap((call, index) =>
        call.type === 'function' ? [{ index, id: call.id, type: 'function' as const, function: { name: call.function.name, arguments: call.function.arguments } }] : [],
      ),
    },
    // Azure's per-category verdicts, so a filtered whole answer names its category too.
    content_filter_results: (first as { content_filter_results?: unknown } | undefined)?.content_filter_results,
  };
  yield { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model, choices: [choice], usage: completion.usage };
}

/**
 * Streams one Chat Completions answer as chat events; every failure becomes exactly one
 * `error` event. Aborting `signal` closes the HTTP connection.
 */
export async function* streamChatCompletion(input: ChatCompletionStreamInput): AsyncGenerator<ChatEvent> {
  const errors: OpenAIErrorContext = { subject: input.model, ...input.errors, signal: input.signal };
  const classify = input.classifyError ?? ((err: unknown) => classifyOpenAIError(err, errors));
  const { request } = input;
  // One map for tools, tool choice and history, so a rewritten name is the same everywhere.
  const names = OpenAIToolNames.forRequest(request);
  const tools = toChatCompletionTools(request.tools, names);
  const toolChoice = toChatCompletionToolChoice(request, names);
  const base = {
    model: input.model,
    messages: toChatCompletionMessages(request.messages, input.messageOptions, names),
    ...(tools ? { tools, tool_choice: toolChoice } : {}),
    stream: true as const,
    stream_options: { include_usage: true },
    ...input.extraBody,
  };

  let chunks: AsyncIterable<ChatCompletionChunk>;
  let sawChunk = false;
  try {
    const { data, response } = await withParameterStyleFallback(input.parameterStyle, (style) =>
      input.client.chat.completions
        .create({ ...base, ...budgetParameters(style, request.maxOutputTokens, request.temperature) }, { signal: input.signal, maxRetries: 0 })
        .withResponse(),
    );
    const contentType = response.headers.get('content-type') ?? '';
    if (/text\/event-stream/i.test(contentType)) {
      chunks = data;
    } else {
      // Not SSE: the SDK would silently yield nothing. Read the body ourselves.
      const body = await response.text();
      const completion = parseCompletion(body);
      if (!completion) {
        yield {
          type: 'error',
          error: providerError(/html/i.test(contentType) ? 'wrong_base_url' : 'unexpected_response', {
            ...errors,
            status: response.status,
            message: `Expected a stream of events, got ${contentType || 'no content type'} (${body.length} bytes).`,
          }),
        };
        return;
      }
      chunks = chunksOfCompletion(completion);
    }
  } catch (err) {
    yield { type: 'error', error: classify(err) };
    return;
  }

  let end: StreamEnd;
  try {
    const counted = (async function* () {
      for await (const chunk of chunks) {
        sawChunk = true;
        yield chunk;
      }
    })();
    end = yield* chatEventsFromChunks(counted, names);
  } catch (err) {
    if (err instanceof ToolArgumentsError) {
      yield { type: 'error', error: providerError('unexpected_response', { ...errors, message: err.message }) };
    } else {
      yield { type: 'error', error: classify(err) };
    }
    return;
  }
  // The SDK ends a stream quietly when it is aborted; the caller still needs to know why it ended.
  if (input.signal.aborted) {
    const kind = abortKind(input.signal);
    yield { type: 'error', error: providerError(kind, { ...errors, message: kind === 'timeout' ? 'No answer in time.' : 'The request was cancelled.' }) };
    return;
  }
  if (!sawChunk) {
    yield { type: 'error', error: providerError('unexpected_response', { ...errors, message: 'The stream ended without an answer.' }) };
    return;
  }
  // Every complete answer ends with a finish_reason; a body that ends before it was cut off on the way.
  if (!end.finishReason) {
    yield { type: 'error', error: providerError('answer_cut_off', { ...errors, message: 'The stream ended before its finish_reason.' }) };
    return;
  }
  // A filtered answer ends like a finished one; without this the user sees a cut-off text and no reason.
  if (end.finishReason === CONTENT_FILTER_FINISH) {
    yield { type: 'error', error: contentFilterError(end.filtered, { ...errors, hint: input.contentFilterHint }) };
  }
}

function parseCompletion(body: string): ChatCompletion | undefined {
  try {
    const value = JSON.parse(body) as Partial<ChatCompletion>;
    return Array.isArray(value.choices) ? (value as ChatCompletion) : undefined;
  } catch {
    return undefined;
  }
}
