import type { ErrorFix, ErrorKind, ProviderError } from './errorKind';
import { classifyTransportError } from './classifyTransport';
import { hintFor, QUOTA_WAIT_SECONDS, untrustedCertificateHint } from './hints';
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
  /** A correction the page can offer in one click. */
  fix?: ErrorFix;
  /** Secret values to scrub from the message. */
  secrets?: readonly (string | undefined)[];
}

/** Builds the error value every provider returns; the message is always redacted here. */
export function providerError(given: ErrorKind, d: ProviderErrorDetails): ProviderError {
  // "Retry after 86400 seconds" is a quota used up for the day: waiting a moment will not do.
  const kind = given === 'rate_limited' && (d.retryAfterSeconds ?? 0) >= QUOTA_WAIT_SECONDS ? 'quota_exhausted' : given;
  return {
    kind,
    status: d.status,
    code: d.code,
    message: redact(d.message ?? kind.replace(/_/g, ' '), d.secrets ?? []),
    hint: d.hint ?? hintFor(kind, { provider: d.provider, retryAfterSeconds: d.retryAfterSeconds, subject: d.subject }),
    retryAfterSeconds: d.retryAfterSeconds,
    step: d.step,
    requestId: d.requestId,
    ...(d.fix ? { fix: d.fix } : {}),
  };
}

/** Node's codes for a certificate chain that ends at an authority it does not trust (a private CA, a TLS-inspecting proxy). */
const UNTRUSTED_CERTIFICATE = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED']);

/** For failures without an HTTP answer (refused, DNS, TLS, timeout, abort); undefined if it had one. */
export function transportError(err: unknown, d: ProviderErrorDetails): ProviderError | undefined {
  const t = classifyTransportError(err);
  if (!t) return undefined;
  const message = t.message ?? (err instanceof Error ? `${err.message} (${t.detail})` : t.detail);
  return providerError(t.kind, { ...d, message, ...(UNTRUSTED_CERTIFICATE.has(t.detail) ? { hint: untrustedCertificateHint(d.provider) } : {}) });
}
