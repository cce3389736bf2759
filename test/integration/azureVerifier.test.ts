import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { Verifier } from '../../src/core/verify/verifier';
import { formatText } from '../../src/core/text';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

/** The whole path of a Verify click: store -> verifier -> lazily loaded Azure runtime -> openai SDK (+ @azure/identity) -> simulator. */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function verifierWith(timeoutMs: number) {
  const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
  return { store, verifier: new Verifier({ store, timeoutMs: () => timeoutMs }) };
}

describe('Verifier with the Azure OpenAI runtime', () => {
  it('a key and two deployments verify; the deployments become the models', async () => {
    const { store, verifier } = verifierWith(5_000);
    await store.save('azure', { endpoint: `${sim.url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`, deployments: [{ name: 'gpt-4o' }, { name: 'chat', model: 'gpt-4o-mini' }] }, { apiKey: 'azkeyCANARY0123456789abcdef' });
    const result = await verifier.verify('azure');
    expect(result).toMatchObject({ ok: true, providerId: 'azure', proven: { keyValid: true, deploymentsReachable: ['gpt-4o', 'chat'] } });
    expect(result!.models.map((m) => m.id)).toEqual(['gpt-4o', 'chat']);
    expect(result!.stages.map((s) => formatText(s.label))).toContain('Deployment chat answered a 1-token request (costs a fraction of a cent)');
    expect(JSON.stringify(result)).not.toContain('azkeyCANARY');
  });

  it('Entra ID with a client secret verifies through the store', async () => {
    const { store, verifier } = verifierWith(5_000);
    await store.save(
      'azure',
      { endpoint: sim.url, authMode: 'entraId', tenantId: 'contoso.onmicrosoft.com', clientId: 'app-verifier', authorityHost: sim.url, deployments: [{ name: 'gpt-4o' }] },
      { clientSecret: 'Q~verifierSecretCANARY0123456789' },
    );
    const result = await verifier.verify('azure');
    expect(result).toMatchObject({ ok: true, proven: { deploymentsReachable: ['gpt-4o'] } });
    expect(sim.requests.find((r) => r.provider === 'azure')?.headers.authorization).toMatch(/^Bearer /);
    expect(JSON.stringify(result)).not.toContain('verifierSecretCANARY');
  });

  it('a hanging resource ends as kind timeout after the configured timeout', async () => {
    const { store, verifier } = verifierWith(400);
    await store.save('azure', { endpoint: sim.url, deployments: [{ name: 'gpt-4o' }] }, { apiKey: 'azkey-sim-hang-0123456789abcdef' });
    const result = await verifier.verify('azure');
    expect(result?.error?.kind).toBe('timeout');
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
    await expect.poll(() => sim.requests[0]?.clientClosedEarly).toBe(true);
  });

  it('cancelling a hanging verification reports cancelled, not timeout', async () => {
    const { store, verifier } = verifierWith(10_000);
    await store.save('azure', { endpoint: sim.url, deployments: [{ name: 'gpt-4o' }] }, { apiKey: 'azkey-sim-hang-0123456789abcdef' });
    const pending = verifier.verify('azure', { persist: false });
    await expect.poll(() => sim.requests.length).toBe(1);
    verifier.cancel('azure');
    expect((await pending)?.error?.kind).toBe('cancelled');
  });

  it('a deployment typo fails honestly and keeps the stored key', async () => {
    const { store, verifier } = verifierWith(5_000);
    await store.save('azure', { endpoint: sim.url, deployments: [{ name: 'gpt4o' }] }, { apiKey: 'azkey-kept-0123456789abcdef' });
    const result = await verifier.verify('azure');
    expect(result).toMatchObject({ ok: false, error: { kind: 'deployment_not_found' } });
    // Verify again: the same key is still there and sent.
    sim.reset();
    await verifier.verify('azure');
    expect(sim.requests[0]?.headers['api-key']).toBe('azkey-kept-0123456789abcdef');
  });
});
