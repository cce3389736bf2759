import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/core/chat/types';
import { formatText } from '../../../src/core/text';
import { DIRECT_ROUTE, setNetworkRoute, type NetworkRoute } from '../../../src/core/net/networkRoute';
import { providerDefinitions } from '../../../src/core/providers/registry';
import { makePrivateCa, startTestProxy, startTlsFront, type PrivateCa, type TestProxy } from '../../support/networkFixtures';
import { useSimulator } from '../simulatorFixture';
import { chatOnce, providerConfigs, savedProvider, type Config } from './providerConfigs';

/**
 * Corporate networks: every provider (both auth modes of Azure and Bedrock) reached only through a
 * real forward proxy (proxy-chain) that wants a user name and password, at an https endpoint whose
 * certificate a private CA signed. The endpoint's host name resolves for the proxy only, so an
 * answer proves the request went through the proxy (Entra ID token requests and AWS's own HTTP
 * stack included).
 */
const sim = useSimulator();
const PRIVATE_HOST = 'models.corp.invalid';
/** One proxy account per provider, so each provider's requests open their own tunnels (and show in the log). */
const proxyUser = (config: Config) => `user-${config.name.replace(/\W+/g, '-').toLowerCase()}`;
const PROXY_PASSWORD = 'PROXYcanary-s3cret';
const TIMEOUT_MS = 10_000;

let ca: PrivateCa;
let front: Awaited<ReturnType<typeof startTlsFront>>;
let proxy: TestProxy;
let base = '';

beforeAll(async () => {
  await Promise.all([...Object.values(providerDefinitions).map((d) => d.loadRuntime()), import('@azure/identity'), import('undici')]);
  ca = makePrivateCa([PRIVATE_HOST]);
  front = await startTlsFront(sim.port, ca);
  base = front.url.replace('127.0.0.1', PRIVATE_HOST);
  proxy = await startTestProxy([PRIVATE_HOST]);
});
afterEach(() => {
  setNetworkRoute(DIRECT_ROUTE);
  proxy.log.length = 0;
  proxy.requireCredentials(undefined);
});
afterAll(async () => {
  await proxy?.close();
  await front?.close();
});

const configs = providerConfigs(() => sim.url);
const withCredentials = (user: string) => proxy.url.replace('http://', `http://${user}:${PROXY_PASSWORD}@`);
const corporate = (user: string, change: Partial<NetworkRoute> = {}): NetworkRoute => ({ ...DIRECT_ROUTE, proxy: withCredentials(user), extraCertificates: [ca.caPem], ...change });

async function verifyAndChat(config: Config) {
  const page = await savedProvider(config, base, TIMEOUT_MS);
  const keysAndSettings = () => JSON.stringify([[...page.secrets.map], page.settings.dump()]);
  const before = keysAndSettings();
  const result = await page.verifier.verify(config.id, { modelId: config.chatModel });
  const events: ChatEvent[] = await chatOnce(page, config, TIMEOUT_MS);
  const shown = JSON.stringify([result, events, page.posted]);
  expect(shown, 'the key is in no text').not.toContain(config.canary);
  expect(shown, 'the proxy password is in no text').not.toContain(PROXY_PASSWORD);
  const chatError = events.find((e) => e.type === 'error');
  return { result, events, chatError: chatError?.type === 'error' ? chatError.error : undefined, unchanged: keysAndSettings() === before };
}

describe('reliability: proxies and private CAs', () => {
  describe.each(configs.map((c) => [c.name, c] as const))('%s', (_name, config) => {
    it('Verify and chat work through a proxy with credentials to an endpoint signed by a private CA', async () => {
      proxy.requireCredentials({ username: proxyUser(config), password: PROXY_PASSWORD });
      setNetworkRoute(corporate(proxyUser(config)));
      const { result, events, chatError } = await verifyAndChat(config);
      expect(result?.error).toBeUndefined();
      expect(result?.ok).toBe(true);
      expect(chatError).toBeUndefined();
      expect(events.some((e) => e.type === 'text')).toBe(true);
      expect(proxy.log, "the proxy's log shows the requests").toContain(`CONNECT ${PRIVATE_HOST}:${new URL(front.url).port} as ${proxyUser(config)}`);
      expect(sim.requests.length).toBeGreaterThan(0);
    });

    it('the proxy wants credentials the settings lack: Verify and chat name the proxy setting', async () => {
      proxy.requireCredentials({ username: proxyUser(config), password: PROXY_PASSWORD });
      setNetworkRoute(corporate(proxyUser(config), { proxy: proxy.url }));
      const { result, chatError, unchanged } = await verifyAndChat(config);
      for (const error of [result?.error, chatError]) {
        expect(error?.kind).toBe('proxy_auth_required');
        expect(formatText(error!.hint)).toMatch(/proxy.*http\.proxy/);
      }
      expect(unchanged, 'no stored key or setting changed').toBe(true);
      expect(sim.requests).toHaveLength(0);
    });

    it('the private CA is not trusted: Verify and chat say the certificate is not trusted and how to add it', async () => {
      setNetworkRoute(corporate(proxyUser(config), { extraCertificates: [] }));
      const { result, chatError, unchanged } = await verifyAndChat(config);
      for (const error of [result?.error, chatError]) {
        expect(error?.kind).toBe('tls_or_proxy');
        expect(formatText(error!.hint)).toMatch(/does not trust.*certificate store.*NODE_EXTRA_CA_CERTS/);
      }
      expect(unchanged, 'no stored key or setting changed').toBe(true);
    });

    it('http.proxyStrictSSL off: the untrusted certificate is accepted', async () => {
      setNetworkRoute(corporate(proxyUser(config), { extraCertificates: [], strictSSL: false }));
      const { result, chatError } = await verifyAndChat(config);
      expect(result?.error).toBeUndefined();
      expect(chatError).toBeUndefined();
    });
  });

  it('NODE_EXTRA_CA_CERTS and HTTPS_PROXY set when the editor starts: every provider trusts the private CA through the proxy', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'byok-extra-ca-'));
    try {
      writeFileSync(path.join(dir, 'corp-root.pem'), ca.caPem);
      const user = 'fresh-process';
      proxy.requireCredentials({ username: user, password: PROXY_PASSWORD });
      const plan = configs.filter((c) => c.name !== 'Azure (Entra ID)' && !c.id.startsWith('compatible.')).map((c) => ({ id: c.id, settings: c.settings(base), secrets: c.secrets() }));
      const run = (env: Record<string, string>) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../support/verifyInFreshProcess.ts'), JSON.stringify(plan)], { env: { ...process.env, HTTPS_PROXY: withCredentials(user), ...env } });
      const trusted = JSON.parse((await run({ NODE_EXTRA_CA_CERTS: path.join(dir, 'corp-root.pem') })).stdout) as { id: string; ok: boolean; kind?: string }[];
      expect(trusted.map((o) => [o.id, o.ok, o.kind])).toEqual(plan.map((c) => [c.id, true, undefined]));
      expect(proxy.log).toContain(`CONNECT ${PRIVATE_HOST}:${new URL(front.url).port} as ${user}`);
      const untrusted = JSON.parse((await run({})).stdout) as { id: string; ok: boolean; kind?: string }[];
      expect(untrusted.map((o) => [o.id, o.ok, o.kind])).toEqual(plan.map((c) => [c.id, false, 'tls_or_proxy']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('http.noProxy: a listed host goes straight, the proxy sees nothing', async () => {
    proxy.requireCredentials({ username: 'someone', password: PROXY_PASSWORD });
    setNetworkRoute(corporate('someone', { proxy: proxy.url, noProxy: ['127.0.0.1'] }));
    for (const config of configs) {
      const page = await savedProvider(config, sim.url, TIMEOUT_MS);
      const result = await page.verifier.verify(config.id);
      expect(result?.error, config.name).toBeUndefined();
    }
    expect(proxy.log).toEqual([]);
  });
});
