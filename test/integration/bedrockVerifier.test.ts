import { describe, expect, it } from 'vitest';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { formatText } from '../../src/core/text';
import { Verifier } from '../../src/core/verify/verifier';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { DEV_KEYS } from './bedrockHarness';
import { useSimulator } from './simulatorFixture';

const sim = useSimulator();

async function setup(secrets: Record<string, string>, timeoutMs = 5_000) {
  const kv = new MemoryKeyValue();
  const secretStore = new MemorySecrets();
  const store = new CredentialStore(secretStore, kv, kv);
  const saved = await store.save('bedrock', { authMode: 'accessKeys', region: 'us-west-2', runtimeEndpoint: sim.url, controlEndpoint: sim.url, stsEndpoint: sim.url }, secrets);
  expect(saved).toEqual({ ok: true });
  return { store, kv, verifier: new Verifier({ store, timeoutMs: () => timeoutMs }) };
}

describe('Bedrock through the Verifier and the credential store', () => {
  it('verifies stored keys, persists a result without any secret', async () => {
    const { verifier, kv } = await setup(DEV_KEYS);
    const result = await verifier.verify('bedrock', { modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0' });
    expect(result?.ok).toBe(true);
    expect(result?.stages.map((s) => s.id)).toEqual(['identity', 'models', 'invoke']);
    expect(result?.proven.modelInvocable).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(formatText(result!.stages[1]!.label)).toMatch(/^\d+ models usable in us-west-2/);
    expect(JSON.stringify(result)).not.toContain(DEV_KEYS.secretAccessKey);
    expect(kv.dump()).not.toContain(DEV_KEYS.secretAccessKey);
  });

  it('a redaction canary in a wrong secret never reaches the result', async () => {
    const canary = 'CANARY+verifier/0123456789abcdefghijklmn';
    const { verifier } = await setup({ accessKeyId: DEV_KEYS.accessKeyId, secretAccessKey: canary });
    const result = await verifier.verify('bedrock');
    expect(result?.error).toMatchObject({ kind: 'invalid_key', step: 'identity' });
    expect(JSON.stringify(result)).not.toContain(canary);
  });

  it('the configured timeout ends a hung verification as timeout; Cancel ends it as cancelled', async () => {
    sim.setOverride('aws', { scenario: 'hang' });
    const slow = await setup(DEV_KEYS, 300);
    const timedOut = await slow.verifier.verify('bedrock');
    expect(timedOut?.error).toMatchObject({ kind: 'timeout', step: 'identity' });
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.

    const { verifier } = await setup(DEV_KEYS, 30_000);
    const pending = verifier.verify('bedrock');
    setTimeout(() => verifier.cancel('bedrock'), 150);
    const cancelled = await pending;
    expect(cancelled?.error).toMatchObject({ kind: 'cancelled' });
  });
});
