import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { Server as ProxyServer } from 'proxy-chain';

/** A company's own certificate authority and a server certificate it signed for 127.0.0.1 and `hostNames`. */
export interface PrivateCa {
  caPem: string;
  keyPem: string;
  certPem: string;
}

export function makePrivateCa(hostNames: readonly string[] = []): PrivateCa {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'byok-private-ca-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  try {
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=BYOK Test Corp Root CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', file('ca.key'), '-out', file('ca.pem'));
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr'));
    const names = ['IP:127.0.0.1', 'DNS:localhost', ...hostNames.map((h) => `DNS:${h}`)].join(',');
    writeFileSync(file('ext.cnf'), `subjectAltName=${names}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', file('ext.cnf'), '-out', file('server.pem'));
    return { caPem: readFileSync(file('ca.pem'), 'utf8'), keyPem: readFileSync(file('server.key'), 'utf8'), certPem: readFileSync(file('server.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** TLS in front of a loopback port (HTTP/1.1 only): the simulator as an https endpoint with the private CA's certificate. */
export async function startTlsFront(targetPort: number, ca: PrivateCa): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: ca.keyPem, cert: ca.certPem, ALPNProtocols: ['http/1.1'] }, (client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TestProxy {
  /** `http://127.0.0.1:port`, without credentials. */
  url: string;
  /** What reached the proxy: `CONNECT host:port` for tunnels, `GET http://…` for forwarded requests, then `as <user>` when credentials came. */
  log: string[];
  /** With credentials, the proxy answers 407 to requests without them (or with others). */
  requireCredentials(credentials: { username: string; password: string } | undefined): void;
  close(): Promise<void>;
}

/**
 * A real forward proxy (proxy-chain, from npm) on a loopback port. `privateHosts` resolve to
 * 127.0.0.1 for the proxy only, like a company's internal names: a request to one that does not go
 * through the proxy fails to resolve.
 */
export async function startTestProxy(privateHosts: readonly string[] = []): Promise<TestProxy> {
  const log: string[] = [];
  let required: { username: string; password: string } | undefined;
  const privateLookup = ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) =>
    dns.lookup(privateHosts.includes(hostname) ? '127.0.0.1' : hostname, options, callback as never)) as unknown as typeof dns.lookup;
  const server = new ProxyServer({
    port: 0,
    host: '127.0.0.1',
    prepareRequestFunction: ({ request, username, password, hostname, port, isHttp }) => {
      log.push(`${isHttp ? `${request.method} ${request.url}` : `CONNECT ${hostname}:${port}`}${username ? ` as ${username}` : ''}`);
      if (required && (username !== required.username || password !== required.password)) return { requestAuthentication: true, failMsg: 'Proxy credentials required' };
      return { dnsLookup: privateLookup };
    },
  });
  // Clients that go away mid-tunnel (a cancelled answer) are not the proxy's failure.
  server.on('requestFailed', () => undefined);
  await server.listen();
  return {
    url: `http://127.0.0.1:${server.port}`,
    log,
    requireCredentials: (credentials) => void (required = credentials),
    close: () => server.close(true),
  };
}
