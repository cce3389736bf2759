import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import type { VerifyOutcome } from '../../src/core/verify/result';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';

/**
 * Entra ID through the real @azure/identity ClientSecretCredential (MSAL underneath) against
 * the simulator's fake authority: OpenID metadata, client-credentials token, then Bearer calls.
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
let secretCounter = 0;
/** A fresh secret per test: credentials (and MSAL's token cache) are reused per secret. */
function secret(marker = ''): string {
  secretCounter += 1;
  return `Q~entraSecret${secretCounter}abcdefghijklmnop${marker}`;
}

function verify(settings: Record<string, unknown>, secrets: Record<string, string>, timeoutMs = 5_000, signal = AbortSignal.timeout(timeoutMs)): Promise<VerifyOutcome> {
  const ctx: CallContext = {
    settings: {
      endpoint: sim.url,
      authMode: 'entraId',
      apiVersion: '2024-10-21',
      deployments: [{ name: 'gpt-4o' }],
      tenantId: TENANT,
      clientId: '3f1c2a4e-app-client-id',
      authorityHost: sim.url,
      ...settings,
    },
    secrets,
    timeoutMs,
    signal,
  };
  return azureRuntime.verify(ctx);
}

describe('Azure verify with Microsoft Entra ID (service principal)', () => {
  it('a good client secret gets a token, and the data plane sees it as Bearer (never an api-key)', async () => {
    const clientSecret = secret();
    const outcome = await verify({}, { clientSecret });
    expect(outcome.error).toBeUndefined();
    expect(outcome.ok).toBe(true);
    expect(outcome.proven.deploymentsReachable).toEqual(['gpt-4o']);

    const tokenRequest = sim.requests.find((r) => r.path === `/${TENANT}/oauth2/v2.0/token`);
    const form = new URLSearchParams(tokenRequest!.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe('3f1c2a4e-app-client-id');
    expect(form.get('client_secret')).toBe(clientSecret);
    expect(form.get('scope')).toBe('https://cognitiveservices.azure.com/.default');

    const dataPlane = sim.requests.filter((r) => r.provider === 'azure');
    expect(dataPlane.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /openai/models', 'POST /openai/deployments/gpt-4o/chat/completions']);
    for (const r of dataPlane) {
      expect(r.headers.authorization).toMatch(/^Bearer eyJ/);
      expect(r.headers['api-key']).toBeUndefined();
    }
    // One token for both calls.
    expect(sim.requests.filter((r) => r.path.endsWith('/token'))).toHaveLength(1);
  });

  it('a wrong client secret -> invalid_key with the AADSTS code and what to paste instead', async () => {
    const clientSecret = secret('-sim-invalid_key');
    const outcome = await verify({}, { clientSecret });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({ kind: 'invalid_key', code: 'AADSTS7000215', step: 'Entra ID token' });
    expect(formatText(outcome.error!.hint)).toMatch(/client secret \(AADSTS7000215\).*Value, not its Secret ID/);
    expect(JSON.stringify(outcome)).not.toContain(clientSecret);
    expect(sim.requests.filter((r) => r.provider === 'azure')).toHaveLength(0);
  });

  it('an expired client secret -> credentials_expired', async () => {
    const outcome = await verify({}, { clientSecret: secret('-sim-expired_token') });
    expect(outcome.error).toMatchObject({ kind: 'credentials_expired', code: 'AADSTS7000222' });
    expect(formatText(outcome.error!.hint)).toMatch(/Create a new secret/);
  });

  it('an unknown tenant -> invalid_configuration pointing at Tenant ID', async () => {
    const outcome = await verify({ tenantId: '00000000-0000-0000-0000-000000000000' }, { clientSecret: secret() });
    expect(outcome.error).toMatchObject({ kind: 'invalid_configuration', code: 'AADSTS90002' });
    expect(formatText(outcome.error!.hint)).toMatch(/Directory \(tenant\) ID/);
  });

  it('a malformed tenant id -> invalid_configuration naming it, nothing sent', async () => {
    // The settings schema refuses it (the page shows it at Tenant ID), before @azure/identity is asked.
    const outcome = await verify({ tenantId: 'contoso tenant!' }, { clientSecret: secret() });
    expect(outcome.error).toMatchObject({ kind: 'invalid_configuration', step: 'settings' });
    expect(outcome.error!.message).toMatch(/Tenant ID may contain only/);
    expect(sim.requests).toHaveLength(0);
  });

  it('an unreachable authority -> network_unreachable at the token step', async () => {
    const outcome = await verify({ authorityHost: 'http://127.0.0.1:1' }, { clientSecret: secret() });
    expect(outcome.error).toMatchObject({ kind: 'network_unreachable', step: 'Entra ID token' });
  });

  it('a principal without a data role -> permission_denied naming the role to assign', async () => {
    const outcome = await verify({}, { clientSecret: secret('-sim-no_model_access') });
    expect(outcome.error).toMatchObject({ kind: 'permission_denied', status: 401, code: 'PermissionDenied' });
    expect(formatText(outcome.error!.hint)).toMatch(/Cognitive Services OpenAI User/);
  });

  it('works on the /openai/v1/ surface too', async () => {
    const outcome = await verify({ endpoint: `${sim.url}/openai/v1/` }, { clientSecret: secret() });
    expect(outcome.ok).toBe(true);
    const chat = sim.requests.find((r) => r.path === '/openai/v1/chat/completions');
    expect(chat?.headers.authorization).toMatch(/^Bearer eyJ/);
  });

  it.each([
    ['the call’s signal aborts (verifier timeout)', true],
    ['only the per-call timeout elapses', false],
  ])('a hanging authority ends as a timeout when %s', async (_when, signalAborts) => {
    sim.setOverride('azure-entra', { scenario: 'hang' });
    const signal = signalAborts ? AbortSignal.timeout(800) : new AbortController().signal;
    const outcome = await verify({}, { clientSecret: secret() }, 800, signal);
    expect(outcome.error?.kind).toBe('timeout');
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
  });

  it('chat streams with the Entra token', async () => {
    const ctx: CallContext = {
      settings: { endpoint: sim.url, authMode: 'entraId', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o' }], tenantId: TENANT, clientId: 'chat-app', authorityHost: sim.url },
      secrets: { clientSecret: secret() },
      timeoutMs: 5_000,
      signal: new AbortController().signal,
    };
    let answer = '';
    for await (const e of azureRuntime.streamChat(ctx, { modelId: 'gpt-4o', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }, undefined)) {
      if (e.type === 'text') answer += e.text;
      expect(e.type).not.toBe('error');
    }
    expect(answer).toBe('Hello from Azure deployment gpt-4o. You said: hi');
    expect(sim.requests.find((r) => r.provider === 'azure')?.headers.authorization).toMatch(/^Bearer eyJ/);
  });

  it('a client id without a stored secret -> missing_credentials, nothing sent', async () => {
    const outcome = await verify({}, {});
    expect(outcome.error?.kind).toBe('missing_credentials');
    expect(sim.requests).toHaveLength(0);
  });

  it('AZURE_OPENAI_API_KEY and AZURE_* in the environment do not interfere with Entra ID', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AZURE_OPENAI_API_KEY: 'junk-env-key',
      AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:9',
      OPENAI_API_VERSION: '1999-01-01',
      AZURE_AUTHORITY_HOST: 'https://127.0.0.1:9',
      AZURE_CLIENT_SECRET: 'junk-env-secret',
    });
    try {
      const outcome = await verify({}, { clientSecret: secret() });
      expect(outcome.error).toBeUndefined();
      expect(outcome.ok).toBe(true);
      for (const r of sim.requests.filter((q) => q.provider === 'azure')) expect(r.headers['api-key']).toBeUndefined();
    } finally {
      process.env = saved;
    }
  });
});
