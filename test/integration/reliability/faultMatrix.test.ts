import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorKind, ProviderError } from '../../../src/core/errors/errorKind';
import { DIRECT_ROUTE, setNetworkRoute, type NetworkRoute } from '../../../src/core/net/networkRoute';
import { providerDefinitions } from '../../../src/core/providers/registry';
import { formatText } from '../../../src/core/text';
import type { ProviderOverride, Scenario } from '../../simulator/types';
import { startTestProxy, type TestProxy } from '../../support/networkFixtures';
import { pageHarness } from '../../support/pageHarness';
import { chatOnce, providerConfigs, savedProvider, type Config } from './providerConfigs';
import { closedPort, useSimulator } from '../simulatorFixture';

/**
 * Fault matrix: every provider configuration × the faults users meet, for Verify and for chat,
 * through the real SDKs against the simulator (or a local server that misbehaves the same way).
 * Each cell asserts the error kind, a hint that names the fix, no exception or unhandled rejection
 * (vitest fails the run on one), no stored key or setting changed, and the key in no text.
 */
const sim = useSimulator();
const TIMEOUT_MS = 2_500;

// ---- servers for the faults the simulator cannot play -------------------------------------------

let tlsServer: https.Server;
let tlsUrl = '';
let refusedUrl = '';
/** A proxy that wants a user name and password the editor's settings do not have. */
let proxy: TestProxy;

beforeAll(async () => {
  // Loaded before the clock runs: on a busy machine the first import of an SDK (MSAL) can take longer than the timeout.
  await Promise.all([...Object.values(providerDefinitions).map((d) => d.loadRuntime()), import('@azure/identity'), import('undici')]);
  // A certificate made now, trusted by nobody: what a TLS-intercepting proxy without its CA installed looks like.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'byok-untrusted-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  tlsServer = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
  refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  proxy = await startTestProxy();
  proxy.requireCredentials({ username: 'alice', password: 'proxy-pass-canary' });
});
afterEach(() => setNetworkRoute(DIRECT_ROUTE));
afterAll(async () => {
  tlsServer?.close();
  await proxy?.close();
});

const configs = providerConfigs(() => sim.url);

// ---- faults -----------------------------------------------------------------------------------------

interface Fault {
  name: string;
  /** A provider-wide simulator scenario, or a base URL of a server that misbehaves. */
  scenario?: Scenario;
  /** Other provider-wide simulator behaviour (see ProviderOverride). */
  override?: ProviderOverride;
  base?: () => string;
  /** The editor's network settings for the cell (a proxy). */
  route?: () => NetworkRoute;
  kinds: ErrorKind[];
  /** Only for chat (a stream) or only for Verify. */
  only?: 'verify' | 'chat';
  /** The fault comes from calling a model: Verify runs with a model to test (the page's "Test"), as listing passes. */
  modelCall?: boolean;
}

const faults: Fault[] = [
  { name: '401 invalid key (Gemini: 400 API_KEY_INVALID)', scenario: 'invalid_key', kinds: ['invalid_key', 'role_assumption_refused'] },
  { name: '403 no access', scenario: 'no_model_access', kinds: ['permission_denied', 'model_access_not_enabled'], modelCall: true },
  { name: '404 model or deployment', scenario: 'model_not_found', kinds: ['model_not_found', 'deployment_not_found'], modelCall: true },
  { name: '429 with Retry-After', scenario: 'rate_limited', kinds: ['rate_limited'] },
  { name: 'quota exhausted', scenario: 'quota_exhausted', kinds: ['quota_exhausted'], modelCall: true },
  { name: '500', scenario: 'server_error', kinds: ['server_error'] },
  { name: '503/529 overloaded', scenario: 'overloaded', kinds: ['overloaded'], modelCall: true },
  { name: 'accepts and never answers', scenario: 'hang', kinds: ['timeout'] },
  { name: 'connection reset before the answer', scenario: 'reset', kinds: ['network_unreachable'] },
  { name: 'connection reset mid-body', scenario: 'reset_mid_body', kinds: ['network_unreachable'] },
  { name: '200 with an HTML page', scenario: 'html', kinds: ['wrong_base_url', 'unexpected_response'] },
  { name: 'truncated JSON body', scenario: 'malformed_json', kinds: ['unexpected_response'] },
  { name: 'stream ends without its end event', override: { endAfterWrites: 2 }, kinds: ['answer_cut_off'], only: 'chat' },
  { name: 'connection refused', base: () => refusedUrl, kinds: ['network_unreachable'] },
  { name: 'host name does not resolve (.invalid)', base: () => 'https://api.byok-fault.invalid', kinds: ['dns'] },
  { name: 'TLS certificate not trusted', base: () => tlsUrl, kinds: ['tls_or_proxy'] },
  { name: 'proxy answers 407 (no credentials in http.proxy)', route: () => ({ ...DIRECT_ROUTE, proxy: proxy.url }), kinds: ['proxy_auth_required'] },
];

/** What a hint must mention for the user to know the fix. */
const fixNamed: Record<ErrorKind, RegExp> = {
  invalid_key: /paste it into|fresh key|Entra ID token|key/i,
  missing_credentials: /Enter them/,
  permission_denied: /permission|IAM|role|may not use/i,
  model_access_not_enabled: /access|may not use/i,
  quota_exhausted: /quota|credit/i,
  rate_limited: /Try again in|Wait a moment/,
  model_not_found: /model id|model list|verified list/,
  deployment_not_found: /deployment name/,
  wrong_base_url: /URL/,
  azure_api_version_rejected: /API version/,
  needs_inference_profile: /inference profile/,
  credentials_expired: /Refresh/,
  role_assumption_refused: /trust policy/,
  endpoint_not_confirmed: /Confirm/,
  invalid_configuration: /Fix/,
  network_unreachable: /network|VPN|base URL/,
  dns: /DNS|typos/,
  tls_or_proxy: /proxy|certificate/i,
  timeout: /timeoutSeconds|Try again/,
  cancelled: /cancelled/,
  overloaded: /Try again/,
  server_error: /Try again|status page/,
  bad_request: /settings/,
  unexpected_response: /base URL|proxy/,
  redirect_refused: /redirect|URL/i,
  answer_cut_off: /cut off.*(Ask again|again)/,
  proxy_auth_required: /http\.proxy|HTTPS_PROXY/,
};

function checkError(error: ProviderError | undefined, fault: Fault, config: Config, shown: string) {
  expect(error, 'a classified error').toBeDefined();
  expect(fault.kinds).toContain(error!.kind);
  expect(formatText(error!.hint)).toMatch(fixNamed[error!.kind]);
  if (fault.scenario === 'rate_limited' && config.statesWait !== false) expect(error!.retryAfterSeconds, 'the stated wait is kept').toBeGreaterThan(0);
  expect(shown).not.toContain(config.canary);
}

async function configured(config: Config, fault: Fault | undefined) {
  const page = await savedProvider(config, fault?.base?.() ?? sim.url, TIMEOUT_MS);
  if (fault?.scenario || fault?.override) sim.setOverride(config.simProvider, { scenario: fault.scenario, ...fault.override });
  if (fault?.route) setNetworkRoute(fault.route());
  const keysAndSettings = () => JSON.stringify([[...page.secrets.map], page.settings.dump()]);
  return { page, before: keysAndSettings(), keysAndSettings };
}

const chat = (page: ReturnType<typeof pageHarness>, config: Config) => chatOnce(page, config, TIMEOUT_MS);

describe('reliability: fault matrix', () => {
  describe.each(configs.map((c) => [c.name, c] as const))('%s', (_name, config) => {
    it('control: Verify and chat work without a fault', async () => {
      const { page } = await configured(config, undefined);
      const result = await page.verifier.verify(config.id);
      expect(result?.error).toBeUndefined();
      expect(result?.ok).toBe(true);
      const events = await chat(page, config);
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
      expect(events.some((e) => e.type === 'text')).toBe(true);
    });

    it.each(faults.filter((f) => f.only !== 'chat').map((f) => [f.name, f] as const))('Verify: %s', async (_fault, fault) => {
      const { page, before, keysAndSettings } = await configured(config, fault);
      const result = await page.verifier.verify(config.id, { modelId: fault.modelCall ? config.chatModel : undefined });
      if (fault.scenario && config.verifyCannotSee?.includes(fault.scenario)) {
        expect(result?.ok).toBe(true);
        expect(keysAndSettings()).toBe(before);
        return;
      }
      expect(result?.ok).toBe(false);
      checkError(result?.error, fault, config, JSON.stringify(result));
      expect(keysAndSettings(), 'no stored key or setting changed').toBe(before);
    });

    it.each(faults.filter((f) => f.only !== 'verify').map((f) => [f.name, f] as const))('chat: %s', async (_fault, fault) => {
      const { page, before, keysAndSettings } = await configured(config, fault);
      const events = await chat(page, config);
      const errors = events.filter((e) => e.type === 'error');
      expect(errors).toHaveLength(1);
      expect(events.at(-1)?.type, 'the error ends the stream').toBe('error');
      checkError(errors[0]?.type === 'error' ? errors[0].error : undefined, fault, config, JSON.stringify(events));
      expect(keysAndSettings(), 'no stored key or setting changed').toBe(before);
    });
  });
});
