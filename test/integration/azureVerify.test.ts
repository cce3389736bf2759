import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import type { VerifyOutcome } from '../../src/core/verify/result';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const KEY = 'azkey0123456789abcdef0123456789';

function ctx(settings: Record<string, unknown>, secrets: Record<string, string> = { apiKey: KEY }, timeoutMs = 5_000): CallContext {
  return {
    settings: { authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o' }], ...settings },
    secrets,
    timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  };
}

function verify(settings: Record<string, unknown>, secrets?: Record<string, string>, timeoutMs?: number): Promise<VerifyOutcome> {
  return azureRuntime.verify(ctx({ endpoint: sim.url, ...settings }, secrets, timeoutMs));
}

const azureRequests = () => sim.requests.filter((r) => r.provider === 'azure');

describe('Azure verify: endpoint shapes users paste', () => {
  it.each([
    ['resource root', '', '/openai/deployments/gpt-4o/chat/completions'],
    ['trailing slash', '/', '/openai/deployments/gpt-4o/chat/completions'],
    ['full request URL from a code sample', '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', '/openai/deployments/gpt-4o/chat/completions'],
    ['the /openai/v1/ URL', '/openai/v1/', '/openai/v1/chat/completions'],
    ['a gateway with a path prefix', '/gw/aoai', '/gw/aoai/openai/deployments/gpt-4o/chat/completions'],
    ['a full gateway URL', '/gw/aoai/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', '/gw/aoai/openai/deployments/gpt-4o/chat/completions'],
  ])('%s verifies and calls the deployment where Azure expects it', async (_name, suffix, chatPath) => {
    const outcome = await verify({ endpoint: sim.url + suffix });
    expect(outcome.error).toBeUndefined();
    expect(outcome.ok).toBe(true);
    expect(outcome.proven).toMatchObject({ keyValid: true, deploymentsReachable: ['gpt-4o'] });
    // gpt-4o's documented capabilities: VS Code lists it in Agent mode and takes images.
    expect(outcome.models).toEqual([{ id: 'gpt-4o', name: 'gpt-4o', family: 'gpt-4o', toolCalling: true, imageInput: true, contextWindow: 128_000, maxOutputTokens: 16_384 }]);
    const chat = azureRequests().find((r) => r.method === 'POST');
    expect(chat?.path).toBe(chatPath);
    expect(chat?.headers['api-key']).toBe(KEY);
    expect(chat?.headers.authorization).toBeUndefined();
    expect(JSON.parse(chat!.body)).toMatchObject({ model: 'gpt-4o', max_tokens: 1 });
    if (!chatPath.includes('/v1/')) expect(chat?.query).toBe('api-version=2024-10-21');
  });

  it('a gateway that does not route the model list still verifies through the deployments, and says so', async () => {
    const outcome = await verify({ endpoint: `${sim.url}/gw/chat-only` });
    expect(outcome.ok).toBe(true);
    expect(outcome.stages.map((s) => [s.id, s.ok, formatText(s.label)])).toEqual([
      ['key', false, 'The endpoint does not list models (GET /openai/models answered 404); checking deployments directly'],
      ['deployment:gpt-4o', true, 'Deployment gpt-4o answered a 1-token request (costs a fraction of a cent)'],
    ]);
    expect(outcome.proven).toEqual({ keyValid: true, deploymentsReachable: ['gpt-4o'] });
  });

  it('labels each stage with what it proved, and the paid one with its cost', async () => {
    const outcome = await verify({ deployments: [{ name: 'gpt-4o' }, { name: 'chat', model: 'gpt-4o-mini' }] });
    expect(outcome.ok).toBe(true);
    expect(outcome.stages.map((s) => [s.id, s.ok, formatText(s.label)])).toEqual([
      ['key', true, 'Endpoint and credentials accepted; 6 models available to the resource (GET /openai/models)'],
      ['deployment:gpt-4o', true, 'Deployment gpt-4o answered a 1-token request (costs a fraction of a cent)'],
      ['deployment:chat', true, 'Deployment chat answered a 1-token request (costs a fraction of a cent)'],
    ]);
    expect(outcome.proven).toEqual({ keyValid: true, modelsVisible: 6, deploymentsReachable: ['gpt-4o', 'chat'] });
    expect(outcome.models.map((m) => [m.name, m.family])).toEqual([['gpt-4o', 'gpt-4o'], ['chat (gpt-4o-mini)', 'gpt-4o-mini']]);
  });

  it('retries a deployment that hides a reasoning model once with max_completion_tokens', async () => {
    const outcome = await verify({ deployments: [{ name: 'prod-reasoner' }] });
    expect(outcome.ok).toBe(true);
    const bodies = azureRequests().filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(bodies.map((b) => [b.max_tokens, b.max_completion_tokens])).toEqual([[1, undefined], [undefined, 1]]);
  });
});

describe('Azure verify: what goes wrong, and what the user is told', () => {
  const cases: [string, string, RegExp][] = [
    ['invalid_key', 'invalid_key', /Azure rejected the key.*Keys and Endpoint/],
    ['no_model_access', 'permission_denied', /Cognitive Services OpenAI User/],
    ['quota_exhausted', 'quota_exhausted', /quota is used up/],
    ['rate_limited', 'rate_limited', /Try again in 6 s/],
    ['overloaded', 'overloaded', /overloaded/],
    ['server_error', 'server_error', /internal error/],
    ['model_not_found', 'deployment_not_found', /No deployment named gpt-4o.*not the model name/],
    ['expired_token', 'invalid_key', /Azure rejected the key/],
    ['reset', 'network_unreachable', /Could not connect/],
    ['malformed_json', 'unexpected_response', /not Azure OpenAI’s API/],
    ['html', 'wrong_base_url', /served a web page/],
  ];
  it.each(cases)('scenario %s -> %s', async (scenario, kind, hint) => {
    const outcome = await verify({}, { apiKey: `azkey-sim-${scenario}-0123456789` });
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.kind).toBe(kind);
    expect(formatText(outcome.error!.hint)).toMatch(hint);
    expect(outcome.error?.message).not.toContain('sim-');
  });

  it('rate limits carry the wait Azure asked for', async () => {
    const outcome = await verify({}, { apiKey: 'azkey-sim-rate_limited-0123456789' });
    expect(outcome.error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 6 });
    expect(outcome.error?.message).toMatch(/exceeded token rate limit/);
  });

  it('a hanging endpoint ends as a timeout, not a hang', async () => {
    const outcome = await verify({}, { apiKey: 'azkey-sim-hang-0123456789' }, 800);
    expect(outcome.error?.kind).toBe('timeout');
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
  });

  it('a resource that lists no models still verifies through its deployments, and says so', async () => {
    const outcome = await verify({}, { apiKey: 'azkey-sim-empty_models-0123456789' });
    expect(outcome.ok).toBe(true);
    expect(formatText(outcome.stages[0]!.label)).toMatch(/the resource lists no models/);
    expect(outcome.proven.deploymentsReachable).toEqual(['gpt-4o']);
  });

  it('needs_inference_profile (a Bedrock-only failure) does not apply to Azure', async () => {
    expect((await verify({}, { apiKey: 'azkey-sim-needs_inference_profile-0123456789' })).ok).toBe(true);
  });

  it('stops after the free stage when the key is rejected: no paid calls', async () => {
    await verify({ deployments: [{ name: 'gpt-4o' }, { name: 'chat' }] }, { apiKey: 'azkey-sim-invalid_key-0123456789' });
    expect(azureRequests().map((r) => r.method)).toEqual(['GET']);
  });
});

describe('Azure verify: DeploymentNotFound, a wrong path and a rejected api-version are told apart', () => {
  it('an unknown deployment name -> deployment_not_found naming it, on its row; the others still checked', async () => {
    const outcome = await verify({ deployments: [{ name: 'gpt4o-typo' }, { name: 'gpt-4o' }] });
    // One wrong deployment does not fail the provider (issue 13 item 4): the failure is the row's.
    expect(outcome.ok).toBe(true);
    expect(outcome.error).toBeUndefined();
    const row = outcome.modelResults?.['gpt4o-typo'];
    expect(row).toMatchObject({ ok: false, error: { kind: 'deployment_not_found', status: 404, code: 'DeploymentNotFound', step: 'deployment gpt4o-typo' } });
    expect(formatText(row!.error!.hint)).toMatch(/No deployment named gpt4o-typo .*deployment name \(not the model name\).*Azure AI Foundry/);
    expect(outcome.proven.deploymentsReachable).toEqual(['gpt-4o']);
    expect(outcome.stages.map((s) => [s.id, s.ok])).toEqual([['key', true], ['deployment:gpt4o-typo', false], ['deployment:gpt-4o', true]]);
  });

  it('a wrong path prefix -> wrong_base_url naming the endpoint', async () => {
    const outcome = await verify({ endpoint: `${sim.url}/not-the-api` });
    expect(outcome.error).toMatchObject({ kind: 'wrong_base_url', status: 404, code: '404' });
    expect(formatText(outcome.error!.hint)).toContain(`Nothing answers at ${sim.url}/not-the-api/openai/`);
  });

  it.each([
    ['2031-01-01', 400],
    ['2023-05-15', 404],
  ])('api-version %s (answered %i) -> azure_api_version_rejected with a version to try', async (apiVersion, status) => {
    const outcome = await verify({ apiVersion });
    expect(outcome.error).toMatchObject({ kind: 'azure_api_version_rejected', status });
    expect(formatText(outcome.error!.hint)).toMatch(new RegExp(`rejected API version ${apiVersion}.*2024-10-21`));
  });

  it('API version "v1" uses the /openai/v1/ surface without api-version', async () => {
    const outcome = await verify({ apiVersion: 'v1' });
    expect(outcome.ok).toBe(true);
    expect(azureRequests().map((r) => `${r.method} ${r.path} ${r.query}`)).toEqual(['GET /openai/v1/models ', 'POST /openai/v1/chat/completions ']);
  });
});

describe('Azure verify: configuration problems are reported before any request', () => {
  it('no deployment configured -> invalid_configuration with a hint to add one', async () => {
    const outcome = await verify({ deployments: [] });
    expect(outcome.error).toMatchObject({ kind: 'invalid_configuration', step: 'deployments' });
    expect(formatText(outcome.error!.hint)).toMatch(/Add a deployment: copy its name from Azure AI Foundry/);
    expect(sim.requests).toHaveLength(0);
  });

  it('suggests the deployment a pasted URL names', async () => {
    const outcome = await verify({ endpoint: `${sim.url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`, deployments: [] });
    expect(formatText(outcome.error!.hint)).toMatch(/the pasted endpoint names gpt-4o/);
  });

  it('an http endpoint on a public host is refused, naming the Endpoint field', async () => {
    const outcome = await verify({ endpoint: 'http://my-res.openai.azure.com' });
    expect(outcome.error).toMatchObject({ kind: 'invalid_configuration', step: 'endpoint' });
    expect(outcome.error?.message).toMatch(/^Endpoint must use https/);
  });

  it('a missing key -> missing_credentials, no request', async () => {
    const outcome = await verify({}, {});
    expect(outcome.error?.kind).toBe('missing_credentials');
    expect(sim.requests).toHaveLength(0);
  });
});

describe('Azure verify: secrets and the environment', () => {
  it('never returns the key, whatever fails', async () => {
    const canary = 'CANARYazure0123456789abcdef';
    for (const scenario of ['invalid_key', 'rate_limited', 'model_not_found', 'html', 'malformed_json']) {
      const outcome = await verify({}, { apiKey: `${canary}-sim-${scenario}` });
      expect(JSON.stringify(outcome)).not.toContain(canary);
    }
  });

  it('AZURE_OPENAI_*, OPENAI_API_VERSION, OPENAI_BASE_URL and friends set to junk change nothing', async () => {
    const baseline = await verify({});
    const saved = { ...process.env };
    Object.assign(process.env, {
      AZURE_OPENAI_API_KEY: 'junk-env-key',
      AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:9',
      OPENAI_API_VERSION: '1999-01-01',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_API_KEY: 'junk-openai-key',
      OPENAI_ORG_ID: 'org-junk',
      OPENAI_PROJECT_ID: 'proj-junk',
      OPENAI_CUSTOM_HEADERS: 'api-key: junk-header-key\nx-junk: 1',
    });
    sim.reset();
    try {
      const withJunk = await verify({});
      expect(withJunk.ok).toBe(baseline.ok);
      expect(withJunk.proven).toEqual(baseline.proven);
      for (const r of azureRequests()) {
        expect(r.headers['api-key']).toBe(KEY);
        expect(r.headers['x-junk']).toBeUndefined();
        expect(r.headers['openai-organization']).toBeUndefined();
        expect(r.headers['openai-project']).toBeUndefined();
        expect(r.query).toBe('api-version=2024-10-21');
      }
    } finally {
      process.env = saved;
    }
  });
});
