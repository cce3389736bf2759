import { createHash } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { currentNetworkRoute, customTls, proxyFor, trustedCertificates } from '../../net/networkRoute';
import { crossOriginRedirect } from '../../net/sameOriginFetch';
import type { BedrockSettings } from './definition';
import { inProcessAgent } from './inProcessAgent';

/** Streaming chat has no overall deadline (only the user's cancel); this bounds silence between events. */
export const STREAM_IDLE_TIMEOUT_MS = 5 * 60_000;

function domainOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * Always an explicit endpoint: left out, the SDK would read `AWS_ENDPOINT_URL_*` from the user's
 * shell and could send the credentials somewhere else.
 */
export function endpoints(s: BedrockSettings) {
  const d = domainOf(s.region);
  return {
    runtime: s.runtimeEndpoint ?? `https://bedrock-runtime.${s.region}.${d}`,
    control: s.controlEndpoint ?? `https://bedrock.${s.region}.${d}`,
    sts: s.stsEndpoint ?? `https://sts.${s.region}.${d}`,
  };
}

/**
 * Options every client gets, so nothing comes from the environment: region, endpoint, credentials,
 * one attempt (the SDK retries 3 times by default), SigV4 even when `AWS_BEARER_TOKEN_BEDROCK` is set
 * (it would otherwise replace the credentials), no FIPS/dual-stack endpoint variants from env.
 */
function common(s: BedrockSettings, endpoint: string, credentials: AwsCredentialIdentity) {
  return {
    region: s.region,
    endpoint,
    credentials,
    maxAttempts: 1,
    retryMode: 'standard',
    authSchemePreference: ['sigv4'],
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
  };
}

interface RawHttpRequest {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
}
interface RawHttpResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
}

/**
 * The SDK's Node handlers follow no redirect (test/integration/redirectRefused.test.ts proves it),
 * so the signed request never reaches another host; this only says so, instead of the SDK's
 * "Unknown" about a 307. It runs below the deserializer, on the raw answer.
 */
function withRedirectsRefused<C extends { middlewareStack: { add(middleware: never, options: { step: 'deserialize'; priority: 'low'; name: string }): void } }>(client: C): C {
  const middleware =
    (next: (args: { request: unknown }) => Promise<{ response: unknown }>) =>
    async (args: { request: unknown }): Promise<{ response: unknown }> => {
      const result = await next(args);
      const request = args.request as RawHttpRequest;
      const response = result.response as RawHttpResponse;
      const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`;
      const location = response.headers['location'] ?? response.headers['Location'];
      const refused = crossOriginRedirect(url, response.statusCode, location);
      if (refused) throw refused;
      if (location && response.statusCode >= 300 && response.statusCode < 400) {
        // Same origin: still not followed (a SigV4 signature covers the path); say so instead of "Unknown".
        throw new Error(`${request.hostname}${request.port ? `:${request.port}` : ''} answered with a redirect (${response.statusCode}) to ${location}; AWS requests are not redirected.`);
      }
      return result;
    };
  client.middlewareStack.add(middleware as never, { step: 'deserialize', priority: 'low', name: 'byokRefuseCrossOriginRedirect' });
  return client;
}

/**
 * Agents for requests to `endpoint` when the editor's network settings ask for them: through the
 * proxy (a CONNECT tunnel, for http: and https: endpoints alike), or straight with the user's
 * certificate checks. None: Node's own agents, which the editor may route itself.
 */
function routedAgents(endpoint: string): { httpAgent?: http.Agent; httpsAgent?: https.Agent } | undefined {
  const route = currentNetworkRoute();
  const proxy = proxyFor(route, endpoint);
  if (!proxy && !customTls(route)) return undefined;
  const tls = { rejectUnauthorized: route.strictSSL, ca: trustedCertificates(route) };
  if (!proxy) return { httpsAgent: new https.Agent({ ...tls, keepAlive: true }) };
  const tunnel = new TunnelAgent(proxy, tls);
  return { httpAgent: tunnel, httpsAgent: tunnel };
}

/** https-proxy-agent takes the endpoint's TLS options from each request only, and the SDK's requests carry none. */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: URL,
    private readonly endpointTls: { rejectUnauthorized: boolean; ca: string[] | undefined },
  ) {
    super(proxy, { keepAlive: true });
  }

  override connect(req: Parameters<HttpsProxyAgent<string>['connect']>[0], opts: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
    return super.connect(req, { ...opts, ...this.endpointTls });
  }
}

/**
 * The request handler of a warm-up's clients: the SDK's own Node handler, as for a user's call,
 * over in-process connections answered by `fetch` (see `inProcessAgent`).
 */
function inProcessHandler(fetch: typeof globalThis.fetch): NodeHttpHandler {
  return new NodeHttpHandler({ connectionTimeout: 30_000, requestTimeout: 30_000, throwOnRequestTimeout: true, httpsAgent: inProcessAgent(fetch) });
}

/** What the pools tell apart: a changed proxy or certificate setting needs new connections. */
function routeKey(): string {
  return JSON.stringify(currentNetworkRoute());
}

/**
 * HTTP/1.1 handler options: `requestTimeout` alone only logs a warning, `throwOnRequestTimeout`
 * makes a hung call fail at the deadline.
 */
function http1Handler(endpoint: string, timeoutMs: number) {
  return { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true, ...routedAgents(endpoint) };
}

/**
 * STS and control-plane clients are kept per endpoint and credentials, so verifying again reuses
 * their keep-alive connections instead of opening new ones. An idle client is dropped after
 * IDLE_MS, before servers tend to close idle connections (a request on a socket the server just
 * closed would fail, and verification does not retry), but never while a call given `timeoutMs`
 * may still be running on it. The key holds a hash of the credentials.
 */
class ClientPool<C extends { destroy(): void }> {
  private static readonly CAPACITY = 8;
  private static readonly IDLE_MS = 20_000;
  private readonly entries = new Map<string, { client: C; idle: NodeJS.Timeout }>();

  get(parts: readonly unknown[], timeoutMs: number, create: () => C): C {
    const key = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
    const found = this.entries.get(key);
    if (found) clearTimeout(found.idle);
    const client = found?.client ?? create();
    this.entries.delete(key);
    const idle = setTimeout(() => this.drop(key), Math.max(ClientPool.IDLE_MS, timeoutMs + 1_000));
    idle.unref();
    this.entries.set(key, { client, idle });
    if (this.entries.size > ClientPool.CAPACITY) this.drop(this.entries.keys().next().value as string);
    return client;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    clearTimeout(entry.idle);
    entry.client.destroy();
  }
}

const stsClients = new ClientPool<STSClient>();
const controlClients = new ClientPool<BedrockClient>();

function poolKey(s: BedrockSettings, endpoint: string, credentials: AwsCredentialIdentity, timeoutMs: number) {
  return [s.region, endpoint, timeoutMs, routeKey(), credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken];
}

/** Shared: callers must not destroy it. A warm-up's (`inProcessFetch`) is its own, never pooled. */
export function stsClient(s: BedrockSettings, credentials: AwsCredentialIdentity, timeoutMs: number, inProcessFetch?: typeof fetch): STSClient {
  const endpoint = endpoints(s).sts;
  if (inProcessFetch) return withRedirectsRefused(new STSClient({ ...common(s, endpoint, credentials), requestHandler: inProcessHandler(inProcessFetch) }));
  return stsClients.get(poolKey(s, endpoint, credentials, timeoutMs), timeoutMs, () =>
    withRedirectsRefused(new STSClient({ ...common(s, endpoint, credentials), requestHandler: http1Handler(endpoint, timeoutMs) })),
  );
}

/** Shared: callers must not destroy it. A warm-up's (`inProcessFetch`) is its own, never pooled. */
export function controlClient(s: BedrockSettings, credentials: AwsCredentialIdentity, timeoutMs: number, inProcessFetch?: typeof fetch): BedrockClient {
  const endpoint = endpoints(s).control;
  if (inProcessFetch) return withRedirectsRefused(new BedrockClient({ ...common(s, endpoint, credentials), requestHandler: inProcessHandler(inProcessFetch) }));
  return controlClients.get(poolKey(s, endpoint, credentials, timeoutMs), timeoutMs, () =>
    withRedirectsRefused(new BedrockClient({ ...common(s, endpoint, credentials), requestHandler: http1Handler(endpoint, timeoutMs) })),
  );
}

/**
 * The runtime speaks HTTP/2 (the SDK's default handler). Its `requestTimeout` is a per-stream idle
 * timeout, which does throw; one session per request as in the SDK default. Through a proxy or
 * with the user's certificate settings it speaks HTTP/1.1 (Node's HTTP/2 client goes to no proxy
 * and takes no agent); its `requestTimeout` there is a socket idle timeout too.
 */
export async function runtimeClient(s: BedrockSettings, credentials: AwsCredentialIdentity, idleTimeoutMs: number): Promise<BedrockRuntimeClient> {
  // Loaded on first use: verification without a model check never needs the runtime SDK.
  const { BedrockRuntimeClient } = await import('@aws-sdk/client-bedrock-runtime');
  const endpoint = endpoints(s).runtime;
  const agents = routedAgents(endpoint);
  return withRedirectsRefused(
    new BedrockRuntimeClient({
      ...common(s, endpoint, credentials),
      requestHandler: agents
        ? new NodeHttpHandler({ requestTimeout: idleTimeoutMs, throwOnRequestTimeout: true, ...agents })
        : { requestTimeout: idleTimeoutMs, sessionTimeout: idleTimeoutMs, disableConcurrentStreams: true },
    }),
  );
}
