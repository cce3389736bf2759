import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { ChatEvent, ChatRequest } from '../../chat/types';
import { providerError } from '../../errors/providerError';
import type { ModelInfo } from '../../verify/result';
import type { CallContext } from '../types';
import { runtimeClient, STREAM_IDLE_TIMEOUT_MS } from './clients';
import { classifyBedrockError, PROVIDER } from './classifyError';
import { converseOnce, converseUsage, refusesStreamingToolUse } from './converseOnce';
import { secretValues, type SigningCredentials } from './credentials';
import type { BedrockSettings } from './definition';
import { allToolNames, toConverseInput } from './messages';
import { ToolNames } from './toolSchema';

interface PendingToolUse {
  callId: string;
  name: string;
  json: string;
}

/**
 * One chat turn through ConverseStream: text as it arrives, tool calls once their input is
 * complete, usage from the final `metadata` event. A model that needs an inference profile is
 * invoked through it. Failures end the stream with one classified `error` event.
 */
export async function* streamBedrockChat(ctx: CallContext, request: ChatRequest, model: ModelInfo | undefined, signing: SigningCredentials): AsyncGenerator<ChatEvent> {
  const s = ctx.settings as BedrockSettings;
  const modelId = (model?.id === request.modelId ? model.inferenceProfileId : undefined) ?? request.modelId;
  let client: BedrockRuntimeClient | undefined;
  let secrets = secretValues(ctx);
  // Our own signal too, so a consumer that stops reading (break) also resets the HTTP/2 stream.
  const stop = new AbortController();
  const onAbort = () => stop.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  const classify = (err: unknown) => classifyBedrockError(err, { settings: s, step: 'chat', signal: ctx.signal, secrets, model: modelId });
  try {
    const credentials = await signing.forCall(s, ctx);
    secrets = secretValues(ctx, credentials);
    const names = new ToolNames(allToolNames(request));
    client = await runtimeClient(s, credentials, STREAM_IDLE_TIMEOUT_MS);
    const { ConverseStreamCommand } = await import('@aws-sdk/client-bedrock-runtime');
    const input = toConverseInput(request, names);
    let response;
    try {
      response = await client.send(new ConverseStreamCommand({ modelId, ...input }), { abortSignal: stop.signal });
    } catch (err) {
      if (!refusesStreamingToolUse(err, request)) throw err;
      // Tool use without streaming (e.g. Llama 3.1, Mistral Large): the answer arrives at once.
      yield* converseOnce(client, modelId, input, names, stop.signal);
      return;
    }
    const tools = new Map<number, PendingToolUse>();
    let finished = false;
    for await (const event of response.stream ?? []) {
      if (event.contentBlockStart?.start?.toolUse) {
        const { toolUseId, name } = event.contentBlockStart.start.toolUse;
        tools.set(event.contentBlockStart.contentBlockIndex ?? 0, { callId: toolUseId ?? '', name: names.editorName(name ?? ''), json: '' });
      } else if (event.contentBlockDelta) {
        const { delta, contentBlockIndex } = event.contentBlockDelta;
        if (delta?.text) yield { type: 'text', text: delta.text };
        else if (delta?.toolUse?.input !== undefined) {
          const pending = tools.get(contentBlockIndex ?? 0);
          if (pending) pending.json += delta.toolUse.input;
        }
      } else if (event.contentBlockStop) {
        const index = event.contentBlockStop.contentBlockIndex ?? 0;
        const pending = tools.get(index);
        if (!pending) continue;
        tools.delete(index);
        const input = parseToolInput(pending.json);
        if (!input) {
          yield { type: 'error', error: providerError('unexpected_response', { provider: PROVIDER, step: 'chat', message: `The model sent invalid JSON as input for tool ${pending.name}.`, secrets }) };
          return;
        }
        yield { type: 'toolCall', callId: pending.callId, name: pending.name, input };
      } else if (event.messageStop) {
        finished = true;
      } else if (event.metadata?.usage) {
        yield { type: 'usage', ...converseUsage(event.metadata.usage) };
      }
    }
    // The SDK ends the iteration quietly when the stream is aborted or cut: that is not a complete answer.
    if (!finished) {
      const message = 'The answer stream ended before messageStop.';
      const cut = Object.assign(new Error(message), { code: 'ECONNRESET' });
      yield { type: 'error', error: ctx.signal.aborted ? classify(cut) : providerError('answer_cut_off', { provider: PROVIDER, step: 'chat', message, secrets }) };
    }
  } catch (err) {
    yield { type: 'error', error: classify(err) };
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    stop.abort();
    client?.destroy();
  }
}

function parseToolInput(json: string): Record<string, unknown> | undefined {
  if (!json.trim()) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
