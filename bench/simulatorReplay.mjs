// The simulator's recorded requests, and their replay with Node's plain HTTP clients: the network
// and simulator time a verification would take without any SDK. Used by our figures and by the
// SDK-alone floors (bundled on their own, so nothing here loads the extension).
import http from 'node:http';
import http2 from 'node:http2';

export async function fetchJson(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

export const simRequests = (simUrl) => fetchJson(`${simUrl}/__sim/requests`);
export const clearSimRequests = (simUrl) => fetch(`${simUrl}/__sim/requests`, { method: 'DELETE' });
export const setSimOverride = (simUrl, provider, override) =>
  fetchJson(`${simUrl}/__sim/override`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider, ...override }) });

const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

/**
 * Requests a verification had in flight together (one started before the others ended) form one
 * wave; waves follow each other. The raw replay keeps that shape, so a verification that sends
 * independent calls together is compared with plain HTTP doing the same, not with a slower
 * one-after-another baseline.
 */
export function concurrentWaves(recorded) {
  const waves = [];
  let wave = [];
  let waveEnd = -Infinity;
  for (const r of [...recorded].sort((a, b) => a.startedMs - b.startedMs)) {
    if (wave.length && r.startedMs >= waveEnd) {
      waves.push(wave);
      wave = [];
      waveEnd = -Infinity;
    }
    wave.push(r);
    waveEnd = Math.max(waveEnd, r.endedMs ?? r.startedMs);
  }
  if (wave.length) waves.push(wave);
  return waves;
}

/**
 * Sends recorded requests again with Node's plain HTTP clients, wave by wave (see
 * `concurrentWaves`): the network and simulator time of a verification without any SDK. `fresh`
 * opens a new connection per request.
 */
export async function replayRaw(simUrl, recorded, { fresh } = {}) {
  const started = performance.now();
  for (const wave of concurrentWaves(recorded)) await Promise.all(wave.map((r) => sendRaw(simUrl, r, fresh)));
  return performance.now() - started;
}

function sendRaw(simUrl, r, fresh) {
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => !HOP_HEADERS.has(k) && !k.startsWith(':')));
  const path = r.query ? `${r.path}?${r.query}` : r.path;
  if (r.httpVersion === '2') {
    const session = http2.connect(simUrl);
    return new Promise((resolve, reject) => {
      const stream = session.request({ ':method': r.method, ':path': path, ...headers });
      stream.on('error', reject);
      stream.on('data', () => {});
      stream.on('end', resolve);
      stream.end(r.body);
    }).finally(() => session.close());
  }
  return new Promise((resolve, reject) => {
    const req = http.request(`${simUrl}${path}`, { method: r.method, headers, agent: fresh ? false : rawAgent }, (res) => {
      res.on('data', () => {});
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}
const rawAgent = new http.Agent({ keepAlive: true });

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * After a second of idle: each provider's first verification (`timeOnce(id)`, ms), beyond the
 * network (a fresh raw replay of its requests), against its warm one beyond the network (median
 * of the last 8 of 11 that follow). The same sequence measures our Verify after the page opened
 * and its floor, the SDK alone warmed up elsewhere (bench/sdkNewOrigin.mjs).
 */
export async function firstThenWarmBeyondNetwork(simUrl, ids, routeOf, timeOnce) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const perProvider = {};
  for (const [index, id] of ids.entries()) {
    await clearSimRequests(simUrl);
    const firstMs = await timeOnce(id);
    const recorded = (await simRequests(simUrl)).filter((r) => r.provider === routeOf[id]);
    // The baseline under the first call's own conditions: it came after a second of idle, and
    // the first request after idle costs ~1 ms more on its own (the process and CPU wake up).
    if (index === 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    const firstNetworkMs = await replayRaw(simUrl, recorded, { fresh: true });
    const warmBeyond = [];
    for (let i = 0; i < 11; i++) {
      const ms = await timeOnce(id);
      warmBeyond.push(ms - (await replayRaw(simUrl, recorded, { fresh: false })));
    }
    perProvider[id] = { firstBeyondNetworkMs: firstMs - firstNetworkMs, warmBeyondNetworkMs: median(warmBeyond.slice(3)) };
  }
  return perProvider;
}
