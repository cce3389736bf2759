import http from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { currentNetworkRoute } from './networkRoute';

/** Rounds of the warm-up's requests (see the loop). */
const WARM_UP_ROUNDS = 3;

/**
 * Node's own HTTP clients start lazily: the first request of a process builds fetch's dispatcher
 * and connection pool and compiles its HTTP parser (WebAssembly), the first `http.request` its
 * agent and parser, and the first TLS connection loads the trusted certificate authorities. A
 * provider runtime's warm-up answers its requests in-process, so the user's first Verify still
 * paid these. Here they are paid against a server of this process on the loopback interface:
 * a fetch and an `http.request` to it, three times, then it closes. No provider is contacted, no key is
 * sent, nothing leaves the machine. Not with a proxy: provider calls then use their own client.
 */
export async function warmUpHttpClients(): Promise<void> {
  if (currentNetworkRoute().proxy) return;
  // The certificate authorities Node trusts load once per process, with the first secure context.
  tls.createSecureContext();
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  try {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Several rounds: from a process's second fetch on, V8 recompiles Node's HTTP parser
    // (WebAssembly) with its optimizing compiler in the background (~10 MB, which the second
    // request of the process pays anyway). With one round that work fell on the user's first
    // Verify: 3.8-8.3 ms beyond the network in half the runs, against at most 2.7 ms with three
    // (bench "First Verify 1 s after the page opened"); the JavaScript around it warms up too.
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      const answer = await fetch(`${origin}/warm-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(5000) });
      await answer.json();
      await new Promise<void>((resolve, reject) => {
        const request = http.request(`${origin}/warm-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 5000 }, (response) => {
          response.resume();
          response.on('end', resolve);
        });
        request.on('error', reject).on('timeout', () => request.destroy(new Error('warm-up timed out')));
        request.end('{}');
      });
    }
  } catch {
    // A warm-up has nothing to report: the user's Verify reports its own failures.
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
