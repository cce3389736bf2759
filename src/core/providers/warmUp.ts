import type { CallContext } from './types';

/**
 * A runtime's warm-up (`ProviderRuntime.warmUp`): its own verification, run once with placeholder
 * settings and key against answers made in this process. An SDK's first call costs far more than
 * its later ones (lazy setup, middleware stacks, signing, compiling the request and parsing path);
 * paid here, after the Models page rendered, the user's first Verify costs what a later one does.
 */

/** Where a warm-up's placeholder endpoints point: a reserved name that resolves nowhere (RFC 2606). */
export const WARM_UP_ORIGIN = 'https://warm-up.invalid';

/** One answer: status 200 unless given; a string body is sent as is, anything else as JSON. */
export interface InProcessAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** A fetch that opens no connection: every request is read and answered by `answer` in this process. */
export function inProcessFetch(answer: (url: URL, method: string) => InProcessAnswer): typeof globalThis.fetch {
  return async (input, init) => {
    // Read the body the way fetch sends one (a clone of the request, its stream iterated), so
    // that path is compiled too.
    const request = new Request(input, { ...init, duplex: 'half' } as RequestInit).clone();
    if (request.body) for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) void chunk;
    const { status = 200, headers, body } = answer(new URL(request.url), request.method);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/plain' : 'application/json';
    return new Response(text, { status, headers: { 'content-type': type, 'content-length': String(Buffer.byteLength(text)), ...headers } });
  };
}

/** A call context for a warm-up: never aborted, a generous timeout, requests answered by `fetch`. */
export function warmUpContext(settings: unknown, secrets: CallContext['secrets'], fetch: typeof globalThis.fetch): CallContext {
  return { settings, secrets, timeoutMs: 30_000, signal: new AbortController().signal, inProcessFetch: fetch };
}
