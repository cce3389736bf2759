import { fetchFor } from './routedFetch';

/**
 * Keys travel in headers (and Entra client secrets in bodies), and fetch repeats those on a
 * redirect to any host. Every provider call therefore goes through here: a redirect is followed
 * only while it stays on the origin the request was made to.
 */

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Same-origin hops allowed before giving up (fetch's own limit is 20; an API needs one at most). */
const MAX_REDIRECTS = 5;
/** Request headers that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/** A redirect that was not followed because it leaves the origin; `code` is how classifiers recognise it across bundles. */
export class RedirectRefused extends Error {
  override readonly name = 'RedirectRefused';
  readonly code = 'REDIRECT_REFUSED';
  constructor(
    readonly fromHost: string,
    readonly toHost: string,
  ) {
    super(`${fromHost} redirected the request to ${toHost}; the key was not sent there.`);
  }
}

/** The refusal for an answer that redirects away from `requestUrl`'s origin; undefined for any other answer. */
export function crossOriginRedirect(requestUrl: string, status: number, location: string | null | undefined): RedirectRefused | undefined {
  if (!REDIRECT_STATUSES.has(status) || !location) return undefined;
  const from = new URL(requestUrl);
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return undefined;
  }
  return to.origin === from.origin ? undefined : new RedirectRefused(from.host, to.host);
}

/**
 * A `fetch` for SDK clients (`fetch` option): sends with `redirect: 'manual'`, follows same-origin
 * redirects itself (303, and 301/302 after a POST, become a GET without body as browsers do; 307/308
 * repeat method and body) and rejects with `RedirectRefused` before anything is sent to another origin.
 * Each hop goes the way the editor's network settings say (`fetchFor`: proxy, certificates).
 */
export async function sameOriginFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  let url = input instanceof Request ? input.url : String(input);
  let request: RequestInit =
    input instanceof Request && !init
      ? ({ method: input.method, headers: input.headers, body: input.body, signal: input.signal, duplex: 'half' } as RequestInit)
      : { ...init };
  for (let hop = 0; ; hop++) {
    const send = await fetchFor(url);
    const response = await send(url, { ...request, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
    await response.body?.cancel().catch(() => undefined);
    const refused = crossOriginRedirect(url, response.status, location);
    if (refused) throw refused;
    if (hop >= MAX_REDIRECTS) throw new TypeError(`${new URL(url).host} redirected the request more than ${MAX_REDIRECTS} times.`);
    const method = (request.method ?? 'GET').toUpperCase();
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      const headers = new Headers(request.headers);
      for (const name of BODY_HEADERS) headers.delete(name);
      request = { ...request, method: method === 'HEAD' ? 'HEAD' : 'GET', headers, body: undefined };
    } else if (request.body instanceof ReadableStream) {
      // A streamed body is gone once sent; fetch itself fails here too.
      throw new TypeError(`${new URL(url).host} redirected a request whose body cannot be sent again.`);
    }
    url = new URL(location, url).toString();
  }
}
