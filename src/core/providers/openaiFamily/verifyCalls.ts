import type OpenAI from 'openai';
import * as z from '../../zodMini';
import { looksLikeHtml } from '../../errors/classifyTransport';
import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { classifyOpenAIError, type OpenAIErrorContext } from './classifyError';
import { budgetParameters, withParameterStyleFallback, type ParameterStyle } from './parameters';

export type CallResult<T> = { ok: true; value: T; latencyMs: number } | { ok: false; error: ProviderError; latencyMs: number };

export interface VerifyCallOptions {
  signal: AbortSignal;
  timeoutMs: number;
  errors: Omit<OpenAIErrorContext, 'signal'>;
}

/** One entry of a `/models` list; gateways such as OpenRouter add metadata next to `id`. */
const ListedModelSchema = z.looseObject({ id: z.string().check(z.minLength(1)) });
const ModelListSchema = z.looseObject({ data: z.array(z.unknown()) });
export type ListedModel = z.infer<typeof ListedModelSchema>;

/** An answer that parsed but is not the API's JSON (a web page, a proxy's text). */
function notAnApiAnswer(body: unknown, contentType: string, status: number, c: OpenAIErrorContext): ProviderError {
  const html = /html/i.test(contentType) || looksLikeHtml(body);
  return providerError(html ? 'wrong_base_url' : 'unexpected_response', {
    ...c,
    status,
    message: html ? `HTTP ${status}: the server answered with a web page, not the API.` : `HTTP ${status}: unexpected ${contentType || 'untyped'} answer.`,
  });
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

async function timed<T>(run: () => Promise<Outcome<T>>): Promise<CallResult<T>> {
  const started = performance.now();
  const outcome = await run();
  return { ...outcome, latencyMs: Math.round(performance.now() - started) };
}

/** GET {baseURL}/models: costs nothing, proves the key (and the base URL) on OpenAI-style APIs. */
export async function listOpenAIModels(client: OpenAI, o: VerifyCallOptions): Promise<CallResult<ListedModel[]>> {
  const c: OpenAIErrorContext = { ...o.errors, signal: o.signal };
  return timed<ListedModel[]>(async () => {
    try {
      const { data, response } = await client.get<unknown>('/models', { signal: o.signal, timeout: o.timeoutMs, maxRetries: 0 }).withResponse();
      const contentType = response.headers.get('content-type') ?? '';
      const list = ModelListSchema.safeParse(data);
      if (!list.success) return { ok: false, error: notAnApiAnswer(data, contentType, response.status, c) };
      const models = list.data.data.flatMap((entry) => {
        const parsed = ListedModelSchema.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      });
      return { ok: true, value: models };
    } catch (err) {
      return { ok: false, error: classifyOpenAIError(err, c) };
    }
  });
}

const CompletionSchema = z.looseObject({
  choices: z.array(z.looseObject({ finish_reason: z.optional(z.nullable(z.string())) })).check(z.minLength(1)),
});

/**
 * The smallest paid call: one user token in, one token out. Proves quota and access to this
 * model. Reasoning models get `max_completion_tokens`; a 400 about it switches sets once.
 */
export async function sendTinyChatCompletion(client: OpenAI, model: string, style: ParameterStyle, o: VerifyCallOptions): Promise<CallResult<{ finishReason: string | null | undefined }>> {
  const c: OpenAIErrorContext = { subject: model, ...o.errors, signal: o.signal };
  return timed<{ finishReason: string | null | undefined }>(async () => {
    try {
      const { data, response } = await withParameterStyleFallback(style, (s) =>
        client.chat.completions
          .create({ model, messages: [{ role: 'user', content: 'hi' }], ...budgetParameters(s, 1, undefined) }, { signal: o.signal, timeout: o.timeoutMs, maxRetries: 0 })
          .withResponse(),
      );
      const parsed = CompletionSchema.safeParse(data);
      if (!parsed.success) return { ok: false, error: notAnApiAnswer(data, response.headers.get('content-type') ?? '', response.status, c) };
      return { ok: true, value: { finishReason: parsed.data.choices[0]!.finish_reason } };
    } catch (err) {
      return { ok: false, error: classifyOpenAIError(err, c) };
    }
  });
}
