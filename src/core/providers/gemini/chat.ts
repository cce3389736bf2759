import { randomBytes } from 'node:crypto';
import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai/web';
import type { ChatEvent, ChatRequest } from '../../chat/types';
import { providerError } from '../../errors/providerError';
import { text } from '../../text';
import type { ModelInfo } from '../../verify/result';
import type { CallContext } from '../types';
import { classifyGeminiError, PROVIDER, type ErrorContext } from './classifyError';
import { createGeminiClient, geminiSettings } from './client';
import { LruMap } from '../../chat/tokenCountCache';
import { needsThoughtSignatures, STAND_IN_SIGNATURE, toFunctionDeclarations, toGeminiConversation, toToolConfig, ToolNames, type SignatureLookup } from './messages';

const step = (modelId: string) => `POST /v1beta/models/${modelId}:streamGenerateContent`;

export function buildStreamRequest(request: ChatRequest, names: ToolNames, signatures: SignatureLookup, signal: AbortSignal): GenerateContentParameters {
  const standIn = needsThoughtSignatures(request.modelId) ? STAND_IN_SIGNATURE : undefined;
  const conversation = toGeminiConversation(request.messages, names, signatures, standIn);
  const declarations = request.tools && request.tools.length > 0 ? toFunctionDeclarations(request.tools, names) : undefined;
  const toolConfig = declarations ? toToolConfig(request.toolMode) : undefined;
  return {
    model: request.modelId,
    contents: conversation.contents,
    config: {
      ...(conversation.systemInstruction ? { systemInstruction: conversation.systemInstruction } : {}),
      ...(declarations ? { tools: [{ functionDeclarations: declarations }] } : {}),
      ...(toolConfig ? { toolConfig } : {}),
      ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      abortSignal: signal,
    },
  };
}

/** Finish reasons that mean the answer was withheld, not completed. */
const BLOCKED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'MALFORMED_FUNCTION_CALL', 'IMAGE_SAFETY', 'UNEXPECTED_TOOL_CALL']);

/**
 * Streams answers with `generateContentStream`. Thought signatures of function calls are kept
 * in a bounded map by call id, because Gemini 3 wants them back with the call in the next turn;
 * everything else lives in the generator (requests run concurrently).
 */
export function createChatStreamer(signatureCapacity = 2000) {
  const signatures = new LruMap<string>(signatureCapacity);

  return async function* streamGeminiChat(ctx: CallContext, request: ChatRequest, _model: ModelInfo | undefined): AsyncGenerator<ChatEvent> {
    const secrets = Object.values(ctx.secrets);
    const errorCtx: ErrorContext = { signal: ctx.signal, secrets, step: step(request.modelId), modelId: request.modelId };
    const settings = geminiSettings(ctx.settings);
    const apiKey = ctx.secrets['apiKey'];
    if (!settings || !apiKey) {
      const kind = settings ? 'missing_credentials' : 'invalid_configuration';
      yield { type: 'error', error: providerError(kind, { provider: PROVIDER, secrets, message: kind.replace(/_/g, ' ') }) };
      return;
    }
    // No client timeout: the SDK keeps it armed while the body streams, which would cut long answers.
    const client = createGeminiClient(settings, apiKey, 0);
    // Our own controller, so a consumer that stops early (or the user's cancel) closes the connection.
    const controller = new AbortController();
    const onAbort = () => controller.abort(ctx.signal.reason);
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });

    const names = new ToolNames();
    let usage: GenerateContentResponse['usageMetadata'];
    let sawCandidate = false;
    let finished = false;
    let finishReason: string | undefined;
    try {
      const stream = await client.models.generateContentStream(buildStreamRequest(request, names, signatures, controller.signal));
      for await (const chunk of stream) {
        if (chunk.usageMetadata) usage = chunk.usageMetadata;
        const blockReason = chunk.promptFeedback?.blockReason;
        if (blockReason) {
          yield { type: 'error', error: providerError('bad_request', { provider: PROVIDER, secrets, step: errorCtx.step, code: blockReason, message: `Gemini blocked the prompt (${blockReason})`, hint: text('Gemini refused this prompt under its safety settings ({0}). Rephrase the request.', blockReason) }) };
          return;
        }
        const candidate = chunk.candidates?.[0];
        if (!candidate) continue;
        sawCandidate = true;
        for (const part of candidate.content?.parts ?? []) {
          // Thought summaries are the model's reasoning, not its answer.
          if (part.thought) continue;
          if (typeof part.text === 'string' && part.text.length > 0) yield { type: 'text', text: part.text };
          if (part.functionCall?.name) {
            // The Gemini API usually sends no call id; the editor needs one to pair the result.
            const callId = part.functionCall.id ?? `call_${randomBytes(9).toString('base64url')}`;
            if (part.thoughtSignature) signatures.set(callId, part.thoughtSignature);
            yield { type: 'toolCall', callId, name: names.original(part.functionCall.name), input: part.functionCall.args ?? {} };
          }
        }
        const reason = candidate.finishReason;
        finishReason ??= reason;
        if (reason && BLOCKED.has(reason)) {
          yield { type: 'error', error: providerError('bad_request', { provider: PROVIDER, secrets, step: errorCtx.step, code: reason, message: `Gemini stopped the answer (${reason})`, hint: text('Gemini withheld the rest of the answer ({0}). Rephrase the request or try another model.', reason) }) };
          return;
        }
      }
      finished = true;
    } catch (err) {
      yield { type: 'error', error: classifyGeminiError(err, errorCtx) };
      return;
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      if (!finished) controller.abort();
    }
    if (!sawCandidate) {
      yield { type: 'error', error: providerError('unexpected_response', { provider: PROVIDER, secrets, step: errorCtx.step, message: 'The answer stream had no candidates' }) };
      return;
    }
    // The API sends no end event: the last chunk carries the finishReason, so a body that ends without one was cut off.
    if (!finishReason) {
      yield { type: 'error', error: providerError('answer_cut_off', { provider: PROVIDER, secrets, step: errorCtx.step, message: 'The answer stream ended without a finishReason' }) };
      return;
    }
    // Thinking tokens are billed as output.
    // promptTokenCount includes the cached part.
    yield {
      type: 'usage',
      inputTokens: usage?.promptTokenCount ?? 0,
      outputTokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
      cacheReadTokens: usage?.cachedContentTokenCount || undefined,
      reasoningTokens: usage?.thoughtsTokenCount || undefined,
    };
  };
}
