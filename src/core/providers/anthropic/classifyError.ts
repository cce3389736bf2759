import { APIError, APIConnectionTimeoutError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { ErrorKind, ProviderError } from '../../errors/errorKind';
import { kindFromStatus, looksLikeHtml, retryAfterSeconds } from '../../errors/classifyTransport';
import { providerError, transportError } from '../../errors/providerError';
import { text, type LocalizableText } from '../../text';

export const PROVIDER = 'Anthropic';

export interface ErrorContext {
  signal: AbortSignal;
  secrets: readonly (string | undefined)[];
  /** Which call failed, e.g. "GET /v1/models". */
  step?: string;
  /** Model the call was about, when there is one. */
  modelId?: string;
}

/** Hints that can say more than the generic ones: where Anthropic keeps keys, billing and limits. */
function anthropicHint(kind: ErrorKind, modelId: string | undefined): LocalizableText | undefined {
  switch (kind) {
    case 'invalid_key':
      return text('Anthropic rejected the API key. Create a key at console.anthropic.com (Settings › API keys); it starts with sk-ant-. Paste it into API key and Verify.');
    case 'quota_exhausted':
      return text('Your Anthropic credit balance is too low or a spend limit was reached. Add credits or raise the limit at console.anthropic.com (Settings › Billing / Limits); retrying will not help.');
    case 'model_access_not_enabled':
      return text('The key is valid but may not use {0}. Check the model restrictions of the key’s workspace at console.anthropic.com (Settings › Workspaces).', modelId ?? 'this model');
    case 'permission_denied':
      return text('The key is valid but lacks permission for this call. Check the key’s workspace and organization at console.anthropic.com.');
    case 'model_not_found':
      return text('Anthropic does not know the model {0}. Pick a model id from the verified list (for example claude-sonnet-4-5).', modelId ?? '');
    case 'wrong_base_url':
      return text('The base URL does not look like the Anthropic API. Use https://api.anthropic.com (without /v1) or your gateway’s Anthropic-compatible address.');
    case 'overloaded':
      return text('Anthropic is overloaded right now (HTTP 529). Try again in a minute; status.anthropic.com shows incidents.');
    default:
      return undefined;
  }
}

/** Kinds for the `error.type` of an Anthropic error body (also used by mid-stream `event: error` frames, which carry no status). */
function kindFromErrorType(type: string | null | undefined): ErrorKind | undefined {
  switch (type) {
    case 'authentication_error':
      return 'invalid_key';
    case 'permission_error':
      return 'permission_denied';
    case 'not_found_error':
      return 'wrong_base_url';
    case 'rate_limit_error':
      return 'rate_limited';
    case 'overloaded_error':
      return 'overloaded';
    case 'api_error':
      return 'server_error';
    case 'billing_error':
      return 'quota_exhausted';
    case 'request_too_large':
    case 'invalid_request_error':
      return 'bad_request';
    default:
      return undefined;
  }
}

function kindOfApiError(err: APIError, modelId: string | undefined): ErrorKind {
  const message = err.apiMessage ?? '';
  if (err.errorCode === 'enforced_spend_limit_reached' || /credit balance is too low/i.test(message) || err.status === 402) {
    return 'quota_exhausted';
  }
  const kind = kindFromErrorType(err.type) ?? (err.status !== undefined ? kindFromStatus(err.status) : 'unexpected_response');
  // A 404 whose body names a model ("model: claude-x") means the id is wrong, not the URL.
  if (kind === 'wrong_base_url' && err.type === 'not_found_error' && /\bmodel\b/i.test(message)) return 'model_not_found';
  // A 403 on a model call (the model list worked) means this model is off limits for the key.
  if (kind === 'permission_denied' && modelId) return 'model_access_not_enabled';
  return kind;
}

/** Turns anything an Anthropic SDK call threw into the error value the page and chat show. */
export function classifyAnthropicError(err: unknown, ctx: ErrorContext): ProviderError {
  const base = { provider: PROVIDER, secrets: ctx.secrets, step: ctx.step, subject: ctx.modelId };

  // The verifier aborts with a reason that says why: its timeout, or the user's cancel.
  if (ctx.signal.aborted) {
    const reason = ctx.signal.reason as { name?: string; message?: string } | undefined;
    const kind: ErrorKind = reason?.name === 'TimeoutError' ? 'timeout' : 'cancelled';
    return providerError(kind, { ...base, message: reason?.message ?? kind });
  }
  if (err instanceof APIConnectionTimeoutError) {
    return providerError('timeout', { ...base, message: err.message });
  }
  if (err instanceof APIUserAbortError) {
    return providerError('cancelled', { ...base, message: err.message });
  }
  if (err instanceof APIError && (err.status !== undefined || err.type)) {
    const kind = kindOfApiError(err, ctx.modelId);
    const retryAfter = kind === 'rate_limited' && err.headers ? retryAfterSeconds((name) => err.headers?.get(name)) : undefined;
    // Without a JSON body the SDK's message is the raw text (maybe a whole HTML page): keep it short.
    const message = err.apiMessage ?? (err.error ? err.message : err.message.slice(0, 200));
    return providerError(kind, {
      ...base,
      status: err.status,
      code: err.errorCode ?? err.type ?? undefined,
      message,
      retryAfterSeconds: retryAfter,
      requestId: err.requestID ?? undefined,
      hint: anthropicHint(kind, ctx.modelId),
    });
  }
  // A 200 whose body is not JSON (a proxy, a captive portal, a truncated answer) fails to parse.
  if (err instanceof SyntaxError) {
    return providerError('unexpected_response', { ...base, message: `The answer is not valid JSON: ${err.message}` });
  }
  const transport = transportError(err, base);
  if (transport) return { ...transport, hint: anthropicHint(transport.kind, ctx.modelId) ?? transport.hint };
  const message = err instanceof Error ? err.message : String(err);
  return providerError('unexpected_response', { ...base, message });
}

/** A successful HTTP answer that is not the API's shape (an HTML page, a different API). */
export function unexpectedBody(body: unknown, ctx: ErrorContext, what: string): ProviderError {
  const html = looksLikeHtml(body);
  const kind: ErrorKind = html ? 'wrong_base_url' : 'unexpected_response';
  return providerError(kind, {
    provider: PROVIDER,
    secrets: ctx.secrets,
    step: ctx.step,
    message: html ? `${what}: an HTML page came back instead of JSON` : `${what}: the answer is not in the Anthropic API format`,
    hint: anthropicHint(kind, ctx.modelId),
  });
}
