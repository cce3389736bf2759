import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyTransportError } from '../../src/core/errors/classifyTransport';
import { transportError } from '../../src/core/errors/providerError';
import { crossOriginRedirect, sameOriginFetch } from '../../src/core/net/sameOriginFetch';

/** Two loopback origins: `here` answers with whatever redirect a test asks for, `there` records anything that reaches it. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const seenHere: Seen[] = [];
const seenThere: Seen[] = [];
let here: http.Server;
let there: http.Server;
let hereUrl = '';
let thereUrl = '';

function recording(seen: Seen[], answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res);
    });
  });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

beforeAll(async () => {
  // /redirect/<status>?to=<location> answers that redirect, /loop redirects to itself; anything else echoes 200.
  here = recording(seenHere, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const match = /^\/redirect\/(\d+)$/.exec(url.pathname);
    if (match) return void res.writeHead(Number(match[1]), { location: url.searchParams.get('to') ?? '/' }).end();
    if (url.pathname === '/loop') return void res.writeHead(307, { location: '/loop' }).end();
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${req.method} ${url.pathname}`);
  });
  there = recording(seenThere, (_req, res) => void res.writeHead(200).end('there'));
  hereUrl = await listen(here);
  thereUrl = await listen(there);
});
afterAll(async () => {
  await new Promise((r) => here.close(r));
  await new Promise((r) => there.close(r));
});
beforeEach(() => {
  seenHere.length = 0;
  seenThere.length = 0;
});

const post = { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'AIzaCANARY0123456789abcdef' }, body: '{"a":1}' };

describe('sameOriginFetch', () => {
  it.each([301, 302, 303, 307, 308])('refuses a %i to another origin before anything is sent there, naming both hosts', async (status) => {
    const to = `${thereUrl}/v1/models`;
    const attempt = sameOriginFetch(`${hereUrl}/redirect/${status}?to=${encodeURIComponent(to)}`, post);
    await expect(attempt).rejects.toMatchObject({
      code: 'REDIRECT_REFUSED',
      message: `${new URL(hereUrl).host} redirected the request to ${new URL(thereUrl).host}; the key was not sent there.`,
    });
    expect(seenThere).toEqual([]);
  });

  it('follows 307 and 308 within the origin with the same method, headers and body', async () => {
    for (const status of [307, 308]) {
      seenHere.length = 0;
      const response = await sameOriginFetch(`${hereUrl}/redirect/${status}?to=/moved`, post);
      expect(await response.text()).toBe('ok POST /moved');
      expect(seenHere[1]).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'x-goog-api-key': 'AIzaCANARY0123456789abcdef' } });
    }
  });

  it('turns a POST into a GET without body on 303 (and on 301/302, as browsers do)', async () => {
    for (const status of [303, 301, 302]) {
      seenHere.length = 0;
      const response = await sameOriginFetch(`${hereUrl}/redirect/${status}?to=/moved`, post);
      expect(await response.text()).toBe('ok GET /moved');
      expect(seenHere[1]).toMatchObject({ method: 'GET', body: '' });
      expect(seenHere[1]!.headers).not.toHaveProperty('content-type');
    }
  });

  it('gives up after a few same-origin hops instead of looping', async () => {
    await expect(sameOriginFetch(`${hereUrl}/loop`, { method: 'GET' })).rejects.toThrow(/redirected the request more than 5 times/);
    expect(seenHere.length).toBe(6);
  });

  it('returns a 3xx without Location (or a 304) as the answer it is', async () => {
    const response = await sameOriginFetch(`${hereUrl}/redirect/304`, { method: 'GET' });
    expect(response.status).toBe(304);
  });
});

describe('the refusal as an error value', () => {
  it('classifies as redirect_refused with the refusal as the message, also when an SDK wraps it', () => {
    const refused = crossOriginRedirect('https://api.example.com/v1/models', 307, 'https://evil.example.net/v1/models')!;
    const wrapped = Object.assign(new Error('Connection error.'), { cause: refused });
    expect(classifyTransportError(wrapped)?.kind).toBe('redirect_refused');
    expect(transportError(wrapped, { provider: 'OpenAI' })).toMatchObject({
      kind: 'redirect_refused',
      message: 'api.example.com redirected the request to evil.example.net; the key was not sent there.',
    });
  });

  it('is no refusal when the redirect stays on the origin or the answer is no redirect', () => {
    expect(crossOriginRedirect('https://api.example.com/v1/models', 307, '/v2/models')).toBeUndefined();
    expect(crossOriginRedirect('https://api.example.com/v1/models', 200, 'https://evil.example.net/')).toBeUndefined();
    // Another port or scheme is another origin.
    expect(crossOriginRedirect('https://api.example.com/v1', 308, 'http://api.example.com/v1')?.toHost).toBe('api.example.com');
    expect(crossOriginRedirect('https://api.example.com/v1', 308, 'https://api.example.com:8443/v1')?.toHost).toBe('api.example.com:8443');
  });
});
