import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { currentNetworkRoute, customTls, proxyFor, trustedCertificates, type NetworkRoute } from './networkRoute';

/**
 * The fetch a provider request to `url` is sent with. Straight and with Node's own trust, the
 * global fetch (which the editor itself may route: VS Code patches it for its proxy resolution and
 * system certificates). With a proxy or a TLS setup of the user's, undici's fetch with a dispatcher
 * for it: a dispatcher given to the editor's patched fetch would be replaced by its own.
 */
export async function fetchFor(url: string): Promise<typeof fetch> {
  const route = currentNetworkRoute();
  const proxy = proxyFor(route, url);
  if (!proxy && !customTls(route)) return globalThis.fetch;
  const undici = await loadUndici();
  const dispatcher = dispatcherFor(undici, route, proxy);
  return ((input: string, init?: RequestInit) => undici.fetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

/**
 * undici is CommonJS: Node's own ESM loader offers its named exports, but in the bundled extension
 * esbuild's wrapper offers only `default` (without this, every proxied call failed as "Connection error").
 */
async function loadUndici(): Promise<typeof import('undici')> {
  const loaded = (await import('undici')) as typeof import('undici') & { default?: typeof import('undici') };
  return typeof loaded.ProxyAgent === 'function' ? loaded : loaded.default!;
}

/** Connections are kept per route; a changed setting makes new ones and closes the oldest. */
const dispatchers = new Map<string, Dispatcher>();
const MAX_DISPATCHERS = 4;

function dispatcherFor(undici: typeof import('undici'), route: NetworkRoute, proxy: URL | undefined): Dispatcher {
  const key = createHash('sha256')
    .update(JSON.stringify([proxy?.href ?? '', route.strictSSL, route.extraCertificates]))
    .digest('hex');
  const found = dispatchers.get(key);
  if (found) return found;
  const tlsOptions = { rejectUnauthorized: route.strictSSL, ca: trustedCertificates(route) };
  const dispatcher = proxy ? new undici.ProxyAgent({ uri: proxy.href, requestTls: tlsOptions, proxyTls: tlsOptions }) : new undici.Agent({ connect: tlsOptions });
  dispatchers.set(key, dispatcher);
  if (dispatchers.size > MAX_DISPATCHERS) {
    const [oldest, old] = dispatchers.entries().next().value as [string, Dispatcher];
    dispatchers.delete(oldest);
    void old.close().catch(() => undefined);
  }
  return dispatcher;
}
