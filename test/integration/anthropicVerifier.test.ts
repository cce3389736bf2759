import { describe, expect, it } from 'vitest';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { formatText } from '../../src/core/text';
import { VerifyResultSchema } from '../../src/core/verify/result';
import { Verifier } from '../../src/core/verify/verifier';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { useSimulator } from './simulatorFixture';

/** The whole path the Models page uses: stored key → Verifier → lazily loaded Anthropic runtime → simulator. */
const sim = useSimulator();

async function verifierWith(apiKey: string, timeoutMs = 5_000) {
  const state = new MemoryKeyValue();
  const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), state);
  await store.save('anthropic', { baseUrl: sim.url }, { apiKey });
  return { verifier: new Verifier({ store, timeoutMs: () => timeoutMs }), store, state };
}

describe('Verifying Anthropic through the Verifier', () => {
  it('a valid key gives a persisted, schema-valid success with the model list', async () => {
    const key = 'sk-ant-api03-verifier-0123456789abcdef';
    const { verifier, store, state } = await verifierWith(key);
    const result = await verifier.verify('anthropic');
    expect(VerifyResultSchema.parse(result)).toBeTruthy();
    expect(result).toMatchObject({ ok: true, providerId: 'anthropic', kind: 'anthropic', proven: { keyValid: true } });
    expect(result!.models.length).toBeGreaterThan(0);
    expect(formatText(result!.stages[0]!.label)).toMatch(/^API key accepted; \d+ models visible/);
    expect(store.lastResult('anthropic')?.ok).toBe(true);
    expect(state.dump()).not.toContain(key);
  });

  it('a failure stays a value with the key redacted, also in persisted state', async () => {
    const key = 'sk-ant-api03-sim-invalid_key-CANARY0123456789';
    const { verifier, state } = await verifierWith(key);
    const result = await verifier.verify('anthropic');
    expect(result?.error?.kind).toBe('invalid_key');
    expect(JSON.stringify(result)).not.toContain(key);
    expect(state.dump()).not.toContain(key);
  });

  it('a hanging server times out; a user cancel is reported as cancelled', async () => {
    const slow = await verifierWith('sk-ant-sim-hang-0123456789', 400);
    expect((await slow.verifier.verify('anthropic'))?.error?.kind).toBe('timeout');

    const cancel = await verifierWith('sk-ant-sim-hang-0123456789abc');
    const pending = cancel.verifier.verify('anthropic');
    setTimeout(() => cancel.verifier.cancel('anthropic'), 200);
    expect((await pending)?.error?.kind).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.requests.every((r) => r.clientClosedEarly)).toBe(true);
  });
});
