import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { Verifier } from '../../src/core/verify/verifier';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

/** The whole path a Verify click takes: store -> verifier -> lazily loaded runtime -> openai SDK -> simulator. */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function verifierWith(timeoutMs: number) {
  const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
  return { store, verifier: new Verifier({ store, timeoutMs: () => timeoutMs }) };
}

describe('Verifier with the OpenAI-family runtimes', () => {
  it('a hanging OpenAI endpoint ends as kind timeout after the configured timeout', async () => {
    const { store, verifier } = await verifierWith(400);
    await store.save('openai', { baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-sim-hang-0123456789abcdef' });
    const result = await verifier.verify('openai');
    expect(result?.ok).toBe(false);
    expect(result?.error?.kind).toBe('timeout');
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
    expect(JSON.stringify(result)).not.toContain('0123456789abcdef');
    await expect.poll(() => sim.requests[0]?.clientClosedEarly).toBe(true);
  });

  it('cancelling a hanging verification reports cancelled, not timeout', async () => {
    const { store, verifier } = await verifierWith(10_000);
    await store.save('openai', { baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-sim-hang-0123456789abcdef' });
    const pending = verifier.verify('openai', { persist: false });
    await expect.poll(() => sim.requests.length).toBe(1);
    verifier.cancel('openai');
    const result = await pending;
    expect(result?.error?.kind).toBe('cancelled');
  });

  it('a valid OpenAI key verifies and the result lists the chat models', async () => {
    const { store, verifier } = await verifierWith(5_000);
    await store.save('openai', { baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-valid-0123456789abcdef' });
    const result = await verifier.verify('openai', { modelId: 'gpt-4o-mini' });
    expect(result).toMatchObject({ ok: true, providerId: 'openai', proven: { keyValid: true, modelInvocable: 'gpt-4o-mini' } });
    expect(result!.models.length).toBe(result!.proven.modelsVisible);
  });

  it('a keyless compatible endpoint verifies through the store', async () => {
    const { store, verifier } = await verifierWith(5_000);
    const saved = await store.save('compatible.local-ollama', { name: 'Local Ollama', baseUrl: `${sim.url}/ollama/v1`, models: [] }, {});
    expect(saved).toBeTruthy();
    const result = await verifier.verify('compatible.local-ollama');
    expect(result).toMatchObject({ ok: true, proven: { modelsVisible: 3 } });
    expect(sim.requests[0]!.headers).not.toHaveProperty('authorization');
  });
});
