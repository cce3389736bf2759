import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { whyNotServed } from '../../src/core/chat/servedModels';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { formatText } from '../../src/core/text';
import { testModel } from '../../src/core/verify/testModel';
import { Verifier } from '../../src/core/verify/verifier';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

/**
 * Issue 13 item 4: one failed model or deployment does not fail the provider. Real SDKs against
 * the simulator, through the store and verifier a Verify or Test click uses.
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function setup() {
  const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
  return { store, verifier: new Verifier({ store, timeoutMs: () => 5_000 }) };
}

async function served(store: CredentialStore, id: 'openai' | 'azure', modelId: string) {
  return whyNotServed(store, id, modelId, (await store.resolve(id)).fingerprint);
}

describe('a model Test that hits an exhausted quota', () => {
  it('marks that model, and the provider stays verified with its other models in chat', async () => {
    const { store, verifier } = setup();
    // The simulator's quota_exhausted key lists models (free) but is refused every generation.
    await store.save('openai', { baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-sim-quota_exhausted-0123456789abcdef' });
    expect((await verifier.verify('openai'))?.ok).toBe(true);
    await store.setEnabledModels('openai', ['gpt-4o', 'gpt-4o-mini']);

    const result = await testModel(store, verifier, 'openai', 'gpt-4o-mini');
    expect(result?.ok).toBe(true);
    expect(result?.error).toBeUndefined();
    const row = store.lastResult('openai')?.modelResults?.['gpt-4o-mini'];
    expect(row).toMatchObject({ ok: false, error: { kind: 'quota_exhausted', status: 429 } });
    expect(formatText(row!.label)).toMatch(/gpt-4o-mini/);
    expect(store.lastResult('openai')?.ok).toBe(true);
    expect(await served(store, 'openai', 'gpt-4o')).toBeUndefined();
    // The tiny call really went out, for that model.
    expect(sim.requests.some((r) => r.path === '/v1/chat/completions' && r.body.includes('gpt-4o-mini'))).toBe(true);
  });

  it('a passing Test is kept on its row next to earlier rows', async () => {
    const { store, verifier } = setup();
    await store.save('openai', { baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-rows-0123456789abcdef' });
    await verifier.verify('openai');
    await testModel(store, verifier, 'openai', 'gpt-4o-mini');
    await testModel(store, verifier, 'openai', 'gpt-4o');
    const rows = store.lastResult('openai')?.modelResults ?? {};
    expect(Object.keys(rows).sort()).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(Object.values(rows).every((r) => r.ok)).toBe(true);
  });

  it('a key the provider rejects is still the provider\'s failure', async () => {
    const { store, verifier } = setup();
    await store.save('openai', { baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-sim-invalid_key-0123456789abcdef' });
    const result = await testModel(store, verifier, 'openai', 'gpt-4o-mini');
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_key' } });
  });
});

describe('a second, wrong Azure deployment', () => {
  it('is marked on its row; the provider stays verified and the good deployment stays in chat', async () => {
    const { store, verifier } = setup();
    await store.save('azure', { endpoint: sim.url, deployments: [{ name: 'gpt-4o' }, { name: 'gpt-4o-prod' }] }, { apiKey: 'azkeyROWS0123456789abcdef' });
    await store.setEnabledModels('azure', ['gpt-4o']);
    const result = await verifier.verify('azure');
    expect(result?.ok).toBe(true);
    expect(result?.error).toBeUndefined();
    expect(result?.models.map((m) => m.id)).toEqual(['gpt-4o']);
    expect(result?.modelResults?.['gpt-4o-prod']).toMatchObject({ ok: false, error: { kind: 'deployment_not_found' } });
    expect(result?.modelResults?.['gpt-4o']?.ok).toBe(true);
    expect(await served(store, 'azure', 'gpt-4o')).toBeUndefined();
  });

  it('when every deployment fails, the provider fails', async () => {
    const { store, verifier } = setup();
    await store.save('azure', { endpoint: sim.url, deployments: [{ name: 'gpt-4o-prod' }] }, { apiKey: 'azkeyROWS0123456789abcdef' });
    const result = await verifier.verify('azure');
    expect(result).toMatchObject({ ok: false, error: { kind: 'deployment_not_found' } });
  });
});
