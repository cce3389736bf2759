import tls from 'node:tls';

/**
 * How provider calls reach the network: the editor's proxy (`http.proxy`, else `HTTPS_PROXY`),
 * the hosts that skip it (`http.noProxy`, `NO_PROXY`), whether certificates are checked
 * (`http.proxyStrictSSL`) and extra trusted certificate authorities (the editor's system
 * certificates). The host sets it at activation and on every settings change; every provider's
 * HTTP stack reads it when it builds a client (fetch dispatcher, AWS agent, Entra ID pipeline).
 */

export interface NetworkRoute {
  /** `http://[user:password@]host:port` (or https:); none means straight to the provider. */
  proxy?: string;
  /** Host patterns that go straight: `example.com` (and its subdomains), `.example.com`, `*.example.com`, `host:port`, `*`. */
  noProxy: readonly string[];
  /** Check the provider's (and proxy's) certificate; off only when the user switched `http.proxyStrictSSL` off. */
  strictSSL: boolean;
  /** Certificate authorities (PEM) trusted in addition to Node's own (which include NODE_EXTRA_CA_CERTS). */
  extraCertificates: readonly string[];
}

export const DIRECT_ROUTE: NetworkRoute = { noProxy: [], strictSSL: true, extraCertificates: [] };

export interface EditorNetworkSettings {
  /** `http.proxy` ('' when unset). */
  proxy?: string;
  /** `http.proxyStrictSSL` (default true). */
  proxyStrictSSL?: boolean;
  /** `http.noProxy`. */
  noProxy?: readonly string[];
}

/** The route for the editor's settings, falling back to the proxy environment variables as the editor does. */
export function networkRouteFrom(settings: EditorNetworkSettings, env: Record<string, string | undefined>): NetworkRoute {
  const fromEnv = env['HTTPS_PROXY'] || env['https_proxy'] || env['HTTP_PROXY'] || env['http_proxy'];
  const proxy = settings.proxy?.trim() || fromEnv?.trim() || undefined;
  const envNoProxy = (env['NO_PROXY'] || env['no_proxy'] || '').split(',');
  const noProxy = [...(settings.noProxy ?? []), ...envNoProxy].map((p) => p.trim().toLowerCase()).filter(Boolean);
  return { proxy, noProxy, strictSSL: settings.proxyStrictSSL !== false, extraCertificates: [] };
}

/** Process-wide, like the editor's own proxy settings: the eager bundle sets it, each provider bundle (with its own copy of this module) reads it. */
const ROUTE_KEY = Symbol.for('byok-models.networkRoute');

export function setNetworkRoute(route: NetworkRoute): void {
  (globalThis as Record<symbol, unknown>)[ROUTE_KEY] = route;
}

export function currentNetworkRoute(): NetworkRoute {
  return ((globalThis as Record<symbol, unknown>)[ROUTE_KEY] as NetworkRoute | undefined) ?? DIRECT_ROUTE;
}

function bypasses(pattern: string, host: string, port: string): boolean {
  if (pattern === '*') return true;
  const [name, patternPort] = pattern.replace(/^\*?\./, '').split(/:(?=\d+$)/) as [string, string | undefined];
  if (patternPort && patternPort !== port) return false;
  return host === name || host.endsWith(`.${name}`);
}

/** The proxy a request to `url` goes through under `route`, or undefined when it goes straight. */
export function proxyFor(route: NetworkRoute, url: string | URL): URL | undefined {
  if (!route.proxy) return undefined;
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  if (route.noProxy.some((p) => bypasses(p, host, port))) return undefined;
  try {
    return new URL(route.proxy.includes('://') ? route.proxy : `http://${route.proxy}`);
  } catch {
    return undefined;
  }
}

/** Whether requests need a TLS setup of their own (custom trust or no checks), proxy or not. */
export function customTls(route: NetworkRoute): boolean {
  return !route.strictSSL || route.extraCertificates.length > 0;
}

/**
 * Certificate authorities for a route that adds some: Node's own (with NODE_EXTRA_CA_CERTS where
 * this Node can list them) plus the added ones. Undefined keeps Node's defaults.
 */
export function trustedCertificates(route: NetworkRoute): string[] | undefined {
  if (!route.extraCertificates.length) return undefined;
  const listCertificates = (tls as { getCACertificates?: (kind: 'default') => string[] }).getCACertificates;
  return [...(listCertificates?.('default') ?? tls.rootCertificates), ...route.extraCertificates];
}
