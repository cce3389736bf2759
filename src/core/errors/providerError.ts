import type { ErrorKind, ProviderError } from './errorKind';
import { classifyTransportError } from './classifyTransport';
import { hintFor } from './hints';
import { redact } from './redact';
import type { LocalizableText } from '../text';

export interface ProviderErrorDetails {
  provider: string;
  status?: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  step?: string;
  subject?: string;
  requestId?: string;
  /** A provider-specific hint; otherwise the generic one for the kind. */
  hint?: LocalizableText;
  /** Secret values to scrub from the message. */
  secrets?: readonly (string | undefined)[];
}

/** Builds the error value every provider returns; the message is always redacted here. */
export function providerError(kind: ErrorKind, d: ProviderErrorDetails): ProviderError {
  return {
    kind,
    status: d.status,
    code: d.code,
    message: redact(d.message ?? kind.replace(/_/g, ' '), d.secrets ?? []),
    hint: d.hint ?? hintFor(kind, { provider: d.provider, retryAfterSeconds: d.retryAfterSeconds, subject: d.subject }),
    retryAfterSeconds: d.retryAfterSeconds,
    step: d.step,
    requestId: d.requestId,
  };
}

/** For failures without an HTTP answer (refused, DNS, TLS, timeout, abort); undefined if it had one. */
export function transportError(err: unknown, d: ProviderErrorDetails): ProviderError | undefined {
  const t = classifyTransportError(err);
  if (!t) return undefined;
  const message = t.message ?? (err instanceof Error ? `${err.message} (${t.detail})` : t.detail);
  return providerError(t.kind, { ...d, message });
}
