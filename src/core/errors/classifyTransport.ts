import type { ErrorKind } from './errorKind';

/** Walks an error's `cause` chain; SDKs wrap fetch/undici errors two or three levels deep. */
export function errorChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  while (current && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function field(e: unknown, name: string): unknown {
  return e && typeof e === 'object' ? (e as Record<string, unknown>)[name] : undefined;
}

/**
 * Classifies failures below HTTP (DNS, refused, reset, TLS, timeouts, aborts).
 * Returns undefined when the error carries an HTTP answer, so the provider's own classifier decides.
 */
export function classifyTransportError(err: unknown): { kind: ErrorKind; detail: string; message?: string } | undefined {
  for (const e of errorChain(err)) {
    const code = String(field(e, 'code') ?? '');
    const name = String(field(e, 'name') ?? '');
    const message = String(field(e, 'message') ?? '');
    // Our own refusal (src/core/net/sameOriginFetch.ts), by code: each provider bundle has its own copy of the class.
    if (code === 'REDIRECT_REFUSED') return { kind: 'redirect_refused', detail: code, message };
    // undici's ProxyAgent: a 407 to CONNECT (tunnel) or to a forwarded request; any other refusal of the tunnel.
    if (/Proxy response \(407\)|Proxy Authentication Required \(407\)/.test(message)) return { kind: 'proxy_auth_required', detail: 'HTTP 407', message };
    if (/Proxy response \(\d+\) !== 200/.test(message)) return { kind: 'tls_or_proxy', detail: 'proxy refused the tunnel', message };
    if (/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/.test(code)) return { kind: 'dns', detail: code };
    if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|UND_ERR_SOCKET|ERR_HTTP2_STREAM_ERROR|ERR_HTTP2_SESSION_ERROR|ERR_HTTP2_ERROR)$/.test(code)) {
      return { kind: 'network_unreachable', detail: code };
    }
    if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return { kind: 'tls_or_proxy', detail: code };
    if (/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/.test(code) || name === 'TimeoutError' || name === 'APIConnectionTimeoutError') {
      return { kind: 'timeout', detail: code || name };
    }
    if (name === 'AbortError' || name === 'APIUserAbortError' || code === 'ABORT_ERR') return { kind: 'cancelled', detail: name };
    if (/socket hang up|other side closed|\bterminated\b/i.test(message)) return { kind: 'network_unreachable', detail: 'connection reset' };
  }
  return undefined;
}

/** A body that is an HTML page means the base URL points at a website, not an API. */
export function looksLikeHtml(body: unknown): boolean {
  return typeof body === 'string' && /^\s*<(!doctype|html|head|body)/i.test(body);
}

/** Seconds from `Retry-After` (seconds or HTTP date) or `retry-after-ms`. */
export function retryAfterSeconds(get: (name: string) => string | null | undefined): number | undefined {
  const ms = get('retry-after-ms');
  if (ms && !Number.isNaN(Number(ms))) return Number(ms) / 1000;
  const ra = get('retry-after');
  if (!ra) return undefined;
  if (!Number.isNaN(Number(ra))) return Number(ra);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Fallback by HTTP status when a provider body says nothing more specific. */
export function kindFromStatus(status: number): ErrorKind {
  if (status === 401) return 'invalid_key';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'wrong_base_url';
  if (status === 407) return 'proxy_auth_required';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'bad_request';
  return 'unexpected_response';
}
