import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { kindFromStatus, looksLikeHtml, retryAfterSeconds } from '../../errors/classifyTransport';
import type { ErrorKind, ProviderError } from '../../errors/errorKind';
import { providerError, transportError } from '../../errors/providerError';
import { regionNotServedHint } from '../../errors/hints';
import { goDurationSeconds, waitStatedInMessage } from '../../errors/statedWait';
import { text, type LocalizableText } from '../../text';

export interface OpenAIErrorContext {
  /** Display name, e.g. "OpenAI" or the compatible endpoint's name. */
  provider: string;
  /** Secret values to scrub from messages (all of the call's secrets). */
  secrets: readonly (string | undefined)[];
  /** The call's signal: its `reason` tells a verifier timeout from a user cancel. */
  signal?: AbortSignal;
  /** Failing step, e.g. "GET /models" or "chat gpt-4o". */
  step?: string;
  /** Model (or deployment) the call was about; used in hints. */
  subject?: string;
  /** Provider-specific hints that replace the generic hint of a kind. */
  hints?: Partial<Record<ErrorKind, LocalizableText>>;
}

/** Why an aborted signal was aborted: the verifier aborts with a `TimeoutError` on timeout. */
export function abortKind(signal: AbortSignal | undefined): 'timeout' | 'cancelled' {
  const reason = signal?.reason as { name?: unknown } | undefined;
  return reason?.name === 'TimeoutError' ? 'timeout' : 'cancelled';
}

/** Seconds until a rate limit lifts, from Retry-After or OpenAI's x-ratelimit-reset-* headers. */
export function rateLimitWaitSeconds(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) => headers.get(name);
  return retryAfterSeconds(get) ?? goDurationSeconds(get('x-ratelimit-reset-requests')) ?? goDurationSeconds(get('x-ratelimit-reset-tokens'));
}

/**
 * OpenRouter answers "Provider returned error" and keeps the reason in `metadata`:
 * `{raw: "qwen/qwen3-coder:free is temporarily rate-limited upstream. Please retry shortly, or add your own key …",
 * provider_name: "Chutes", retry_after_seconds?: 28}`.
 */
function upstreamDetail(body: Record<string, unknown>): { summary: string; providerName?: string; retryAfterSeconds?: number } | undefined {
  const metadata = body.metadata;
  if (!metadata || typeof metadata !== 'object') return undefined;
  const m = metadata as Record<string, unknown>;
  const raw = typeof m.raw === 'string' ? m.raw : m.raw !== undefined ? JSON.stringify(m.raw) : undefined;
  const providerName = typeof m.provider_name === 'string' ? m.provider_name : undefined;
  if (!raw && !providerName) return undefined;
  const detail = (raw ?? '').trim().slice(0, 400);
  const summary = providerName ? (detail ? `${providerName}: ${detail}` : providerName) : detail;
  const retryAfterSeconds = typeof m.retry_after_seconds === 'number' && m.retry_after_seconds >= 0 ? m.retry_after_seconds : undefined;
  return { summary, providerName, retryAfterSeconds };
}

function upstreamRateLimitHint(provider: string, upstream: string): LocalizableText {
  return text('{1}, the model’s host behind {0}, is rate limiting it. Try again shortly, pick another model, or add your own {1} key in your {0} account’s integrations.', provider, upstream);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** OpenAI's 401 when a request carried no Authorization header at all: the key never arrived. */
const KEY_NOT_RECEIVED = /Missing bearer or basic authentication|You didn't provide an API key/i;

/** The kind for an HTTP answer with an OpenAI-style error body (status undefined: an error chunk mid-stream). */
function kindOfApiError(status: number | undefined, code: string | undefined, type: string | undefined, message: string, aboutModel: boolean): ErrorKind {
  if (status === 401 && KEY_NOT_RECEIVED.test(message)) return 'missing_credentials';
  const has = (...values: string[]) => values.some((v) => v === code || v === type);
  if (has('insufficient_quota', 'billing_hard_limit_reached', 'billing_not_active')) return 'quota_exhausted';
  if (has('invalid_api_key', 'invalid_authentication', 'authentication_error')) return 'invalid_key';
  if (has('context_length_exceeded', 'string_above_max_length')) return 'bad_request';
  if (has('rate_limit_exceeded', 'requests', 'tokens')) return 'rate_limited';
  if (has('model_not_found')) return status === 403 ? 'model_access_not_enabled' : 'model_not_found';
  if (has('server_error', 'internal_error')) return status === 503 || status === 529 ? 'overloaded' : 'server_error';
  if (has('overloaded', 'engine_overloaded', 'overloaded_error')) return 'overloaded';
  // Mid-stream error chunks have no HTTP status; gateways put one in a numeric `code`.
  if (status === undefined) return code && /^\d{3}$/.test(code) ? kindFromStatus(Number(code)) : 'server_error';
  if (status === 402) return 'quota_exhausted'; // OpenRouter and other gateways: credits used up
  if (status === 404) {
    // A 404 on a call about a model that names a model is about the model; else the path is not an API
    // ("404 page not found" at {base}/models: the base URL lacks /v1).
    return aboutModel && /model/i.test(message) && !looksLikeHtml(message) ? 'model_not_found' : 'wrong_base_url';
  }
  if (status === 400 && /model/i.test(message) && /(not found|does not exist|unknown|not a valid model)/i.test(message)) return 'model_not_found';
  return kindFromStatus(status);
}

/** Ollama: "registry.ollama.ai/library/gemma3:4b does not support tools"; other servers word it alike. */
const TOOLS_UNSUPPORTED = /does(?:n't| not) support (?:tools|tool use|tool calling|function calling)|(?:tools|tool_choice|function calling) (?:is |are )?not supported/i;

function hintFor(kind: ErrorKind, c: OpenAIErrorContext, code: string | undefined, param: string | undefined, message: string): LocalizableText | undefined {
  if (c.hints?.[kind]) return c.hints[kind];
  if (kind === 'missing_credentials' && KEY_NOT_RECEIVED.test(message) && c.secrets.some((s) => s)) {
    return text('{0} received no key, although one was sent: a proxy or gateway on the way removed the Authorization header. The key itself may be fine; check the base URL and proxy settings (http.proxy), or ask the gateway’s admin to pass the header on.', c.provider);
  }
  // Compatible models are offered to Agent mode without knowing whether they can call tools: say which one cannot.
  if (kind === 'bad_request' && TOOLS_UNSUPPORTED.test(message)) {
    return text('The model {0} does not accept the parameter {1}. Pick another model or report this.', c.subject ?? '', 'tools');
  }
  if (kind === 'bad_request' && (code === 'unsupported_parameter' || code === 'unsupported_value') && param) {
    return text('The model {0} does not accept the parameter {1}. Pick another model or report this.', c.subject ?? '', param);
  }
  if (kind === 'bad_request' && code === 'context_length_exceeded') {
    return text('The conversation is longer than the model’s context window. Start a new chat or remove attached files.');
  }
  if (kind === 'permission_denied' && code === 'unsupported_country_region_territory') {
    return regionNotServedHint(c.provider);
  }
  return undefined;
}

/**
 * Turns anything the `openai` SDK throws into a provider error value with a hint.
 * Used by OpenAI, Azure OpenAI and OpenAI-compatible runtimes.
 */
export function classifyOpenAIError(err: unknown, c: OpenAIErrorContext): ProviderError {
  const base = { provider: c.provider, secrets: c.secrets, step: c.step, subject: c.subject };
  if (err instanceof APIUserAbortError || (c.signal?.aborted && !(err instanceof APIError && err.status))) {
    const kind = abortKind(c.signal);
    return providerError(kind, { ...base, message: kind === 'timeout' ? 'No answer in time; the request was stopped.' : 'The request was cancelled.', hint: c.hints?.[kind] });
  }
  if (err instanceof APIConnectionTimeoutError) {
    return providerError('timeout', { ...base, message: 'Request timed out.', hint: c.hints?.timeout });
  }
  if (err instanceof APIConnectionError) {
    const transport = transportError(err.cause ?? err, base);
    if (transport) return { ...transport, hint: c.hints?.[transport.kind] ?? transport.hint };
    return providerError('network_unreachable', { ...base, message: err.message, hint: c.hints?.network_unreachable });
  }
  if (err instanceof APIError) {
    const body = (err.error ?? {}) as Record<string, unknown>;
    const code = stringField(err.code ?? body.code);
    const type = stringField(err.type ?? body.type);
    const param = stringField(err.param ?? body.param);
    const upstream = upstreamDetail(body);
    const message = upstream ? `${err.message} (${upstream.summary})` : err.message;
    const status = err.status;
    const kind = kindOfApiError(status, code, type, message, !!c.subject);
    // Headers first; Azure and gateways often state the wait only in the text ("Please retry after 2 seconds").
    const wait = kind === 'rate_limited' ? (rateLimitWaitSeconds(err.headers) ?? upstream?.retryAfterSeconds ?? waitStatedInMessage(message)) : undefined;
    return providerError(kind, {
      ...base,
      status,
      code,
      message: looksLikeHtml(message.replace(/^\d{3}\s+/, '')) ? `HTTP ${status}: the server answered with a web page` : message,
      retryAfterSeconds: wait,
      requestId: err.requestID ?? undefined,
      hint: kind === 'rate_limited' && upstream?.providerName ? upstreamRateLimitHint(c.provider, upstream.providerName) : hintFor(kind, c, code, param, message),
    });
  }
  // Before the transport check: "Unterminated string in JSON" would read as a dropped connection.
  if (err instanceof SyntaxError) {
    return providerError('unexpected_response', { ...base, message: `The answer was not valid JSON (${err.message}).`, hint: c.hints?.unexpected_response });
  }
  const transport = transportError(err, base);
  if (transport) return { ...transport, hint: c.hints?.[transport.kind] ?? transport.hint };
  return providerError('unexpected_response', { ...base, message: err instanceof Error ? err.message : String(err), hint: c.hints?.unexpected_response });
}
