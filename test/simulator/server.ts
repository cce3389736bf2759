import http, { type IncomingMessage } from 'node:http';
import http2, { type Http2ServerRequest } from 'node:http2';
import net from 'node:net';
import { scenarioFromCredential, sendJson } from './scenario';
import type { ProviderOverride, RecordedRequest, RouteModule, Scenario, SimRequest, SimResponse, SimulatorState } from './types';
import { SCENARIOS } from './types';

export interface Simulator {
  /** Base origin, e.g. http://127.0.0.1:43210 (HTTP/1.1 and h2c on the same port). */
  url: string;
  port: number;
  /** `url` and one origin per extra port (`SimulatorOptions.extraPorts`): the same simulator. */
  urls: string[];
  requests: RecordedRequest[];
  /** Sets a provider-wide scenario/latency; `undefined` clears it. */
  setOverride(provider: string, override: ProviderOverride | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  port?: number;
  /**
   * More loopback ports serving the same simulator: the benchmark gives each provider its own
   * origin, as providers are on a user's machine (a first Verify opens its own connection).
   */
  extraPorts?: number;
  routes: RouteModule[];
  log?: (line: string) => void;
}

const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n');
/** Path prefix of requests sent here by a simulated redirect (see `ProviderOverride.redirectTo`). */
const REDIRECTED_PREFIX = '/__sim/redirected';

/**
 * One loopback port that speaks HTTP/1.1 and cleartext HTTP/2 (Bedrock runtime's default),
 * telling them apart by the client preface.
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const requests: RecordedRequest[] = [];
  const overrides = new Map<string, ProviderOverride>();
  const openSockets = new Set<net.Socket>();

  const state: SimulatorState = {
    scenarioFor(provider, credential) {
      return overrides.get(provider)?.scenario ?? scenarioFromCredential(credential) ?? 'valid';
    },
    override(provider) {
      return overrides.get(provider) ?? {};
    },
    sleep(ms, res) {
      return new Promise((resolve) => {
        if (res.destroyed || res.writableEnded) return resolve(false);
        const onClose = () => {
          clearTimeout(timer);
          resolve(false);
        };
        const timer = setTimeout(() => {
          res.off('close', onClose);
          resolve(true);
        }, ms);
        res.once('close', onClose);
      });
    },
    record(provider, req, scenario, res) {
      const entry: RecordedRequest = {
        provider,
        method: req.method,
        path: req.path,
        query: req.query.toString(),
        headers: req.headers,
        body: req.body.toString('utf8'),
        httpVersion: req.httpVersion,
        scenario,
        clientClosedEarly: false,
        at: Date.now(),
        startedMs: performance.timeOrigin + performance.now(),
      };
      res.once('close', () => {
        entry.endedMs = performance.timeOrigin + performance.now();
        // Node's HTTP/2 compat response reports writableFinished=true after a client reset; writableEnded tells.
        if (!res.writableEnded || !res.writableFinished) entry.clientClosedEarly = true;
      });
      requests.push(entry);
      return entry;
    },
  };

  async function dispatch(raw: IncomingMessage | Http2ServerRequest, res: SimResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of raw) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(raw.url ?? '/', 'http://sim');
    const redirected = url.pathname.startsWith(REDIRECTED_PREFIX + '/');
    if (redirected) url.pathname = url.pathname.slice(REDIRECTED_PREFIX.length);
    let json: unknown;
    try {
      json = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      json = undefined;
    }
    const req: SimRequest = {
      method: raw.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: raw.headers,
      body,
      httpVersion: raw.httpVersion === '2.0' ? '2' : '1.1',
      json,
      redirected,
    };
    if (req.path === '/__sim/override' && req.method === 'POST') {
      const { provider, ...override } = (json ?? {}) as { provider?: string } & ProviderOverride;
      if (!provider || (override.scenario && !(SCENARIOS as readonly string[]).includes(override.scenario))) {
        return sendJson(res, 400, { error: 'provider and a known scenario are required' });
      }
      overrides.set(provider, override);
      return sendJson(res, 200, { ok: true });
    }
    if (req.path === '/__sim/requests' && req.method === 'GET') {
      return sendJson(res, 200, requests);
    }
    if (req.path === '/__sim/requests' && req.method === 'DELETE') {
      requests.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (req.path === '/healthz') return sendJson(res, 200, { ok: true });
    for (const route of options.routes) {
      if (await route.handle(req, res, state)) return;
    }
    options.log?.(`no route for ${req.method} ${req.path}`);
    sendJson(res, 404, { error: { message: `Simulator has no route for ${req.method} ${req.path}` } });
  }

  const onRequest = (raw: IncomingMessage | Http2ServerRequest, res: SimResponse) => {
    dispatch(raw, res).catch((err: unknown) => {
      options.log?.(`simulator error: ${String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'simulator internal error' } });
      else res.end();
    });
  };
  const h1 = http.createServer(onRequest);
  h1.keepAliveTimeout = 5_000;
  const h2 = http2.createServer({}, onRequest);

  const onConnection = (socket: net.Socket) => {
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
    socket.once('readable', () => {
      const head: Buffer | null = socket.read(H2_PREFACE.length) ?? socket.read();
      if (!head) return socket.destroy();
      socket.unshift(head);
      (head.subarray(0, H2_PREFACE.length).equals(H2_PREFACE) ? h2 : h1).emit('connection', socket);
    });
  };
  const fronts = Array.from({ length: 1 + (options.extraPorts ?? 0) }, () => net.createServer(onConnection));
  const ports = await Promise.all(
    fronts.map(
      (front, i) =>
        new Promise<number>((resolve, reject) => {
          front.once('error', reject);
          front.listen(i === 0 ? (options.port ?? 0) : 0, '127.0.0.1', () => resolve((front.address() as net.AddressInfo).port));
        }),
    ),
  );
  const port = ports[0]!;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    urls: ports.map((p) => `http://127.0.0.1:${p}`),
    requests,
    setOverride(provider, override) {
      if (override) overrides.set(provider, override);
      else overrides.delete(provider);
    },
    reset() {
      requests.length = 0;
      overrides.clear();
    },
    close() {
      for (const socket of openSockets) socket.destroy();
      return Promise.all(fronts.map((front) => new Promise<void>((resolve) => front.close(() => resolve())))).then(() => undefined);
    },
  };
}

/** Used by route modules: the scenario for this request, after the provider's injected latency. */
export async function prepare(
  provider: string,
  req: SimRequest,
  res: SimResponse,
  sim: SimulatorState,
  credential: string | undefined,
): Promise<{ scenario: Scenario; entry: RecordedRequest } | undefined> {
  const scenario = sim.scenarioFor(provider, credential);
  const entry = sim.record(provider, req, scenario, res);
  const override = sim.override(provider);
  const latency = override.latencyMs ?? 0;
  if (latency > 0 && !(await sim.sleep(latency, res))) return undefined;
  if (override.redirectTo && !req.redirected && req.path.includes(override.redirectPathIncludes ?? '')) {
    const query = req.query.toString();
    res.writeHead(override.redirectStatus ?? 307, { location: `${override.redirectTo}${REDIRECTED_PREFIX}${req.path}${query ? `?${query}` : ''}`, 'content-length': 0 });
    res.end();
    return undefined;
  }
  if (override.stallAfterBytes !== undefined) stallAfter(res, override.stallAfterBytes);
  if (override.endAfterWrites !== undefined) endAfterWrites(res, override.endAfterWrites);
  return { scenario, entry };
}

/**
 * Ends the answer after `limit` writes and drops the rest: the route streams its normal answer
 * event by event, the client gets the first events and a clean end of the body, never the end event.
 */
function endAfterWrites(res: SimResponse, limit: number): void {
  const target = res as unknown as { write(chunk: unknown, ...rest: unknown[]): boolean; end(...args: unknown[]): unknown };
  const write = target.write.bind(target);
  const end = target.end.bind(target);
  let writes = 0;
  target.write = (chunk: unknown) => {
    if (++writes <= limit) write(chunk);
    if (writes === limit) end();
    return true;
  };
  target.end = (chunk?: unknown) => {
    if (writes >= limit) return target;
    if (chunk !== undefined && typeof chunk !== 'function') write(chunk);
    return end();
  };
}

/**
 * Lets the first `limit` body bytes through, then swallows the rest and never ends the answer:
 * the route writes its normal answer, the client sees headers and a part of it, then silence.
 */
function stallAfter(res: SimResponse, limit: number): void {
  const target = res as unknown as {
    write(chunk: unknown, ...rest: unknown[]): boolean;
    end(...args: unknown[]): unknown;
    writeHead(...args: unknown[]): unknown;
    flushHeaders?(): void;
  };
  const write = target.write.bind(target);
  const writeHead = target.writeHead.bind(target);
  let sent = 0;
  const pass = (chunk: unknown): void => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    const room = Math.max(0, limit - sent);
    if (room > 0) write(bytes.subarray(0, room));
    sent += bytes.length;
  };
  target.writeHead = (...args: unknown[]) => {
    const result = writeHead(...args);
    // Headers normally leave with the first body byte; a stall right after the headers must still send them.
    if (target.flushHeaders) target.flushHeaders();
    else write(Buffer.alloc(0));
    return result;
  };
  target.write = (chunk: unknown) => {
    pass(chunk);
    return true;
  };
  target.end = (chunk?: unknown) => {
    pass(chunk);
    return target;
  };
}
