import { ApiError } from '@google/genai/web';
import * as z from '../../zodMini';
import { kindFromStatus, looksLikeHtml } from '../../errors/classifyTransport';
import type { ErrorKind, ProviderError } from '../../errors/errorKind';
import { regionNotServedHint } from '../../errors/hints';
import { providerError, transportError } from '../../errors/providerError';
import { waitStatedInMessage } from '../../errors/statedWait';
import { text, type LocalizableText } from '../../text';

export const PROVIDER = 'Google Gemini';

export interface ErrorContext {
  signal: AbortSignal;
  secrets: readonly (string | undefined)[];
  /** Which call failed, e.g. "GET /v1beta/models". */
  step?: string;
  /** Model the call was about; a 403/404 then concerns the model, not the key or URL. */
  modelId?: string;
}

/** `google.rpc.Status` as the Gemini API sends it: `{error:{code,message,status,details}}`. */
const DetailSchema = z.looseObject({
  '@type': z.optional(z.string()),
  reason: z.optional(z.string()),
  retryDelay: z.optional(z.string()),
  violations: z.optional(z.array(z.looseObject({ quotaId: z.optional(z.string()), quotaValue: z.optional(z.string()) }))),
});
const GoogleErrorBodySchema = z.object({
  error: z.object({
    code: z.optional(z.number()),
    message: z.optional(z.string()),
    status: z.optional(z.string()),
    details: z.optional(z.array(DetailSchema)),
  }),
});
export type GoogleErrorBody = z.infer<typeof GoogleErrorBodySchema>['error'];

/**
 * @google/genai puts the whole error body, as JSON text, into `ApiError.message`
 * (prefixed with "got status: X. " when the error came inside a stream). Undefined when it is not JSON.
 */
export function parseGoogleError(message: string): GoogleErrorBody | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = GoogleErrorBodySchema.safeParse(JSON.parse(message.slice(start)));
    if (!parsed.success) return undefined;
    // Without a JSON content type the SDK wraps the whole body, as text, in the message of its own error object.
    const inner = parsed.data.error.message?.trimStart().startsWith('{') ? parseGoogleError(parsed.data.error.message) : undefined;
    return inner ?? parsed.data.error;
  } catch {
    return undefined;
  }
}

const typeOf = (detail: z.infer<typeof DetailSchema>) => detail['@type']?.split('/').pop();

/** Seconds from `RetryInfo.retryDelay` ("38s", "1.5s", protobuf Duration JSON). */
export function retryDelaySeconds(body: GoogleErrorBody): number | undefined {
  const delay = body.details?.find((d) => typeOf(d) === 'google.rpc.RetryInfo')?.retryDelay;
  const match = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
  return match ? Number(match[1]) : undefined;
}

function reasonOf(body: GoogleErrorBody): string | undefined {
  return body.details?.find((d) => typeOf(d) === 'google.rpc.ErrorInfo')?.reason;
}

/** A per-day quota, or a limit of 0 (the free tier does not include the model), does not recover by waiting. */
function isExhaustedQuota(body: GoogleErrorBody): boolean {
  const violations = body.details?.filter((d) => typeOf(d) === 'google.rpc.QuotaFailure').flatMap((d) => d.violations ?? []) ?? [];
  return violations.some((v) => /PerDay/i.test(v.quotaId ?? '') || v.quotaValue === '0');
}

/** 400 FAILED_PRECONDITION "User location is not supported for the API use.": a country (or VPN exit) Google does not serve. */
function isRegionBlocked(body: GoogleErrorBody | undefined): boolean {
  return /User location is not supported/i.test(body?.message ?? '');
}

export function kindOfGoogleError(status: number, body: GoogleErrorBody | undefined, modelId: string | undefined): ErrorKind {
  const reason = body ? reasonOf(body) : undefined;
  const message = body?.message ?? '';
  if (isRegionBlocked(body)) return 'permission_denied';
  // A bad key is a 400 INVALID_ARGUMENT on the Gemini API, not a 401.
  if (reason === 'API_KEY_INVALID' || reason === 'API_KEY_EXPIRED' || /API key (not valid|expired)|API Key not found/i.test(message)) return 'invalid_key';
  if (status === 403 && /leaked/i.test(message)) return 'invalid_key';
  if (status === 403 && (reason === 'SERVICE_DISABLED' || reason === 'API_KEY_SERVICE_BLOCKED')) return 'permission_denied';
  if (status === 403) return modelId ? 'model_access_not_enabled' : 'permission_denied';
  if (status === 404) return modelId && body?.status === 'NOT_FOUND' ? 'model_not_found' : 'wrong_base_url';
  if (status === 429) return body && isExhaustedQuota(body) ? 'quota_exhausted' : 'rate_limited';
  if (status === 504 || body?.status === 'DEADLINE_EXCEEDED') return 'timeout';
  return kindFromStatus(status);
}

/** Hints that say more than the generic ones: where Google keeps keys, quotas and the API switch. */
function geminiHint(kind: ErrorKind, body: GoogleErrorBody | undefined, modelId: string | undefined): LocalizableText | undefined {
  const message = body?.message ?? '';
  switch (kind) {
    case 'invalid_key':
      return /leaked/i.test(message)
        ? text('Google blocked this key because it was reported as leaked. Create a new key at aistudio.google.com/apikey, paste it into API key and Verify.')
        : text('Google rejected the API key. Create or copy a key at aistudio.google.com/apikey (it starts with AIza), paste it into API key and Verify.');
    case 'permission_denied':
      return text('The key is valid but may not call the Gemini API. Enable the Generative Language API for the key’s Google Cloud project and check the key’s API restrictions (console.cloud.google.com › APIs & Services › Credentials).');
    case 'model_access_not_enabled':
      return text('The key is valid but may not use {0}. Check the key’s project at aistudio.google.com, or pick another model from the verified list.', modelId ?? 'this model');
    case 'model_not_found':
      return text('Gemini does not offer the model {0} for chat. Pick a model id from the verified list (for example gemini-2.5-flash).', modelId ?? '');
    case 'quota_exhausted':
      return text('The Gemini quota for this key is used up (a daily limit, or a model the free tier does not include). Enable billing or raise the quota at aistudio.google.com; retrying now will not help.');
    case 'wrong_base_url':
      return text('The base URL does not look like the Gemini API. Use https://generativelanguage.googleapis.com (without /v1beta) or your gateway’s Gemini-compatible address.');
    case 'overloaded':
      return text('The Gemini model is overloaded right now (HTTP 503). Try again in a minute or pick another model.');
    default:
      return undefined;
  }
}

/** Turns anything a @google/genai call threw into the error value the page and chat show. */
export function classifyGeminiError(err: unknown, ctx: ErrorContext): ProviderError {
  const base = { provider: PROVIDER, secrets: ctx.secrets, step: ctx.step, subject: ctx.modelId };

  // The verifier aborts with a reason that says why: its timeout, or the user's cancel.
  if (ctx.signal.aborted) {
    const reason = ctx.signal.reason as { name?: string; message?: string } | undefined;
    const kind: ErrorKind = reason?.name === 'TimeoutError' ? 'timeout' : 'cancelled';
    return providerError(kind, { ...base, message: reason?.message ?? kind });
  }
  // Not our signal: the SDK's own `httpOptions.timeout` aborted the fetch (it has no error class of its own).
  if ((err as { name?: string } | null)?.name === 'AbortError') {
    return providerError('timeout', { ...base, message: 'The request timed out' });
  }
  if (err instanceof ApiError) {
    const body = parseGoogleError(err.message);
    const kind = body && looksLikeHtml(body.message) ? 'wrong_base_url' : kindOfGoogleError(err.status, body, ctx.modelId);
    // RetryInfo first; the message also says it ("Please retry in 56.39s.").
    const retryAfter = body && kind === 'rate_limited' ? (retryDelaySeconds(body) ?? waitStatedInMessage(body.message ?? '')) : undefined;
    // A non-JSON body (an HTML page, a proxy's text) is synthesised into `message`: keep it short.
    const raw = body?.message ?? err.message;
    const message = looksLikeHtml(raw) ? `HTTP ${err.status}: an HTML page came back instead of JSON` : raw.slice(0, 300);
    return providerError(kind, {
      ...base,
      status: err.status,
      code: (body ? reasonOf(body) : undefined) ?? body?.status,
      message,
      retryAfterSeconds: retryAfter,
      hint: isRegionBlocked(body) ? regionNotServedHint(PROVIDER) : geminiHint(kind, body, ctx.modelId),
    });
  }
  // A 200 whose body is not JSON (an HTML page, a truncated answer) fails in `response.json()`.
  if (err instanceof SyntaxError) {
    const html = /Unexpected token '<'/.test(err.message);
    const kind: ErrorKind = html ? 'wrong_base_url' : 'unexpected_response';
    const message = html ? 'An HTML page came back instead of JSON' : `The answer is not valid JSON: ${err.message.slice(0, 200)}`;
    return providerError(kind, { ...base, message, hint: geminiHint(kind, undefined, ctx.modelId) });
  }
  const transport = transportError(err, base);
  if (transport) return transport;
  const message = err instanceof Error ? err.message : String(err);
  return providerError('unexpected_response', { ...base, message: message.slice(0, 300) });
}
