import http from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { currentNetworkRoute } from './networkRoute';

/**
 * Node's own HTTP clients start lazily: the first request of a process builds fetch's dispatcher
 * and compiles its HTTP parser (WebAssembly), the first `http.request` its agent and parser, the
 * first TLS connection loads the trusted certificate authorities; and a provider's first Verify
 * opens the first connection to a new origin, which fetch (undici) pays for with a new connection
 * pool, per origin, whose code runs slowly until it has run a few times (measured: ~3 ms more than
 * a reused connection after one warm-up request, ~1 ms after the rounds below). A provider
 * runtime's warm-up answers its requests in-process, so these are paid here instead, against
 * servers of this process on the loopback interface: a few origins, a new connection for every
 * request (the servers close each), the requests shaped as the SDKs send theirs (a GET with an
 * authorization header and manual redirects, a JSON POST). No provider is contacted, no key is
 * sent, nothing leaves the machine. Not with a proxy: provider calls then use their own client.
 */
export async function warmUpHttpClients(): Promise<void> {
  if (currentNetworkRoute().proxy) return;
  // The certificate authorities Node trusts load once per process, with the first secure context.
  tls.createSecureContext();
  const servers = Array.from({ length: ORIGINS }, () =>
    http.createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end('{}'));
    }),
  );
  try {
    const origins = await Promise.all(servers.map(listenOnLoopback));
    for (let round = 0; round < ROUNDS; round++) {
      for (const origin of origins) {
        const listing = await fetch(`${origin}/warm-up`, { headers: { authorization: 'Bearer warm-up' }, redirect: 'manual', signal: AbortSignal.timeout(5000) });
        await listing.json();
        const posted = await fetch(`${origin}/warm-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', redirect: 'manual', signal: AbortSignal.timeout(5000) });
        await posted.json();
        await postWithHttp(origin);
        // Low priority: whatever the page or the editor asks meanwhile goes first.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } catch {
    // A warm-up has nothing to report: the user's Verify reports its own failures.
  } finally {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  }
}

/** Loopback origins and rounds: enough for V8 to compile undici's new-origin path, ~30 ms in all. */
const ORIGINS = 3;
const ROUNDS = 3;

async function listenOnLoopback(server: http.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The AWS SDK's Node handler sends with `http.request`. */
function postWithHttp(origin: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = http.request(`${origin}/warm-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 5000 }, (response) => {
      response.resume();
      response.on('end', resolve);
    });
    request.on('error', reject).on('timeout', () => request.destroy(new Error('warm-up timed out')));
    request.end('{}');
  });
}
