import { beforeEach, describe, expect, it } from 'vitest';
import { providerError } from '../../src/core/errors/providerError';
import type { CallContext, ProviderRuntime } from '../../src/core/providers/types';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { text } from '../../src/core/text';
import { Verifier } from '../../src/core/verify/verifier';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

/**
 * These tests are about the verifier's own mechanics (single flight, timeouts, stale results,
 * redaction), so the provider runtime is a scripted one; provider behaviour is tested against
 * the simulator in test/integration.
 */
function scriptedRuntime(behaviour: (ctx: CallContext) => Promise<unknown>): ProviderRuntime & { calls: number } {
  const runtime = {
    calls: 0,
    async verify(ctx: CallContext) {
      runtime.calls++;
      return (await behaviour(ctx)) as never;
    },
    async *streamChat() {},
    async countTokens() {
      return 0;
    },
  };
  return runtime;
}

const okOutcome = (key: string) => ({
  ok: true,
  stages: [{ id: 'key', ok: true, label: text('API key accepted'), latencyMs: 1 }],
  proven: { keyValid: true, modelsVisible: 1 },
  models: [{ id: 'gpt-4o' }],
  error: undefined,
  echoed: key,
});

describe('Verifier', () => {
  let store: CredentialStore;
  let secrets: MemorySecrets;
  let state: MemoryKeyValue;
  beforeEach(async () => {
    secrets = new MemorySecrets();
    state = new MemoryKeyValue();
    store = new CredentialStore(secrets, new MemoryKeyValue(), state);
    await store.save('openai', {}, { apiKey: 'sk-proj-CANARYabcdefghijklmnop' });
  });

  it('runs one verification per configuration at a time and persists the result', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runtime = scriptedRuntime(async (ctx) => {
      await gate;
      return okOutcome(String(ctx.secrets.apiKey));
    });
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    const a = verifier.verify('openai');
    const b = verifier.verify('openai');
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(runtime.calls).toBe(1);
    expect(ra).toBe(rb);
    expect(ra?.ok).toBe(true);
    expect(store.lastResult('openai')?.ok).toBe(true);
    expect(state.dump()).not.toContain('CANARY');
  });

  it('discards a result for a configuration that changed while it was in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runtime = scriptedRuntime(async () => {
      await gate;
      return okOutcome('');
    });
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    const pending = verifier.verify('openai');
    await store.save('openai', {}, { apiKey: 'sk-proj-another-key-0000000' });
    release();
    expect(await pending).toBeUndefined();
    expect(store.lastResult('openai')).toBeUndefined();
  });

  it('aborts a hung provider with a timeout error and names the fix', async () => {
    const runtime = scriptedRuntime((ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))));
    const verifier = new Verifier({ store, timeoutMs: () => 20, loadRuntime: async () => runtime });
    const result = await verifier.verify('openai');
    expect(result?.ok).toBe(false);
    expect(result?.error?.kind).toBe('timeout');
    expect(result?.error?.hint.message).toMatch(/did not answer in time/);
  });

  it('bounds the whole check, not each stage: two stages that each stay under the timeout still end at it', async () => {
    // Each stage alone is within the per-call timeout; together they exceed what the user allowed.
    const stage = (ctx: CallContext) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, 150);
        ctx.signal.addEventListener('abort', () => (clearTimeout(timer), reject(ctx.signal.reason)));
      });
    const runtime = scriptedRuntime(async (ctx) => {
      await stage(ctx);
      await stage(ctx);
      return okOutcome('x');
    });
    const verifier = new Verifier({ store, timeoutMs: () => 200, loadRuntime: async () => runtime });
    const result = await verifier.verify('openai');
    expect(result?.ok).toBe(false);
    expect(result?.error).toMatchObject({ kind: 'timeout', message: 'The check did not finish within the verification timeout of 0.2 s.' });
  });

  it('cancels on request', async () => {
    const runtime = scriptedRuntime((ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))));
    const verifier = new Verifier({ store, timeoutMs: () => 5000, loadRuntime: async () => runtime });
    const pending = verifier.verify('openai');
    await new Promise((r) => setTimeout(r, 5));
    verifier.cancel('openai');
    expect((await pending)?.error?.kind).toBe('cancelled');
  });

  /** The store's reads of the configuration wait until `release()`: the editor's secret storage answers over IPC. */
  function holdReads(): () => void {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const resolve = store.resolve.bind(store);
    store.resolve = async (...args) => {
      await held;
      return resolve(...args);
    };
    return release;
  }

  it('a cancel while the configuration is still being read ends that verification as cancelled, with no call', async () => {
    const runtime = scriptedRuntime(async (ctx) => okOutcome(String(ctx.secrets.apiKey)));
    const verifier = new Verifier({ store, timeoutMs: () => 5000, loadRuntime: async () => runtime });
    const release = holdReads();
    const pending = verifier.verify('openai');
    verifier.cancel('openai');
    release();
    expect((await pending)?.error?.kind).toBe('cancelled');
    expect(runtime.calls).toBe(0);
    expect(store.lastResult('openai')?.error?.kind).toBe('cancelled');
    // The cancel was for that verification only: the next Verify verifies.
    expect((await verifier.verify('openai'))?.ok).toBe(true);
    expect(runtime.calls).toBe(1);
  });

  it('a Verify asked for after a cancel runs, even while the cancelled one is still being set up', async () => {
    const runtime = scriptedRuntime(async (ctx) => okOutcome(String(ctx.secrets.apiKey)));
    const verifier = new Verifier({ store, timeoutMs: () => 5000, loadRuntime: async () => runtime });
    const release = holdReads();
    const cancelled = verifier.verify('openai', { persist: false });
    verifier.cancel('openai');
    const later = verifier.verify('openai', { persist: false });
    release();
    expect((await cancelled)?.error?.kind).toBe('cancelled');
    expect((await later)?.ok).toBe(true);
    expect(runtime.calls).toBe(1);
  });

  it('a cancel with nothing in flight changes nothing: the next Verify verifies', async () => {
    const runtime = scriptedRuntime(async (ctx) => okOutcome(String(ctx.secrets.apiKey)));
    const verifier = new Verifier({ store, timeoutMs: () => 5000, loadRuntime: async () => runtime });
    verifier.cancel('openai');
    verifier.cancelAll();
    expect((await verifier.verify('openai'))?.ok).toBe(true);
    expect(runtime.calls).toBe(1);
  });

  it('a cancel ends only its own provider\'s verification', async () => {
    await store.save('anthropic', {}, { apiKey: 'sk-ant-OTHERabcdefghijklmnop' });
    const runtime = scriptedRuntime(async (ctx) => okOutcome(String(ctx.secrets.apiKey)));
    const verifier = new Verifier({ store, timeoutMs: () => 5000, loadRuntime: async () => runtime });
    const release = holdReads();
    const openai = verifier.verify('openai');
    const anthropic = verifier.verify('anthropic');
    verifier.cancel('openai');
    release();
    expect((await openai)?.error?.kind).toBe('cancelled');
    expect((await anthropic)?.ok).toBe(true);
  });

  it('redacts secrets from anything a runtime returns and never changes the stored key on failure', async () => {
    const runtime = scriptedRuntime(async (ctx) => ({
      ok: false,
      stages: [],
      proven: {},
      models: [],
      error: { ...providerError('invalid_key', { provider: 'OpenAI' }), message: `Incorrect API key provided: ${ctx.secrets.apiKey}` },
    }));
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    const result = await verifier.verify('openai');
    expect(result?.error?.kind).toBe('invalid_key');
    expect(JSON.stringify(result)).not.toContain('CANARY');
    expect(secrets.map.get('byok/openai/apiKey')).toBe('sk-proj-CANARYabcdefghijklmnop');
  });

  it('redacts secrets and key-shaped text in successful results too', async () => {
    const runtime = scriptedRuntime(async (ctx) => ({
      ok: true,
      stages: [{ id: 'key', ok: true, label: text('Accepted "{0}"', String(ctx.secrets.apiKey)), latencyMs: 1 }],
      proven: { keyValid: true, identity: 'Bearer tok_ABCDEFGHIJKL' },
      models: [{ id: 'gpt-4o' }],
    }));
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    const result = await verifier.verify('openai');
    expect(result?.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('CANARY');
    expect(result?.stages[0]?.label.args).toEqual(['[REDACTED]']);
    expect(result?.proven.identity).not.toContain('tok_ABCDEFGHIJKL');
  });

  it('redacts a quoted header value, which JSON writes with escapes', async () => {
    const runtime = scriptedRuntime(async () => ({ ...okOutcome(''), models: [{ id: 'gpt-4o', name: 'sent authorization: "abcdefghij"' }] }));
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    const result = await verifier.verify('openai');
    expect(result?.models[0]?.name).toBe('sent authorization: "[REDACTED]"');
  });

  it('returns clean results unchanged', async () => {
    const runtime = scriptedRuntime(async () => okOutcome('nothing secret here'));
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    const result = await verifier.verify('openai');
    expect(result?.stages[0]?.label).toEqual(text('API key accepted'));
    expect(result?.models).toEqual([{ id: 'gpt-4o' }]);
  });

  it('makes no network call when the key is missing or bound to another endpoint', async () => {
    const runtime = scriptedRuntime(async () => okOutcome(''));
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    await store.save('openai', { baseUrl: 'https://elsewhere.example.com/v1' });
    expect((await verifier.verify('openai'))?.error?.kind).toBe('endpoint_not_confirmed');
    expect((await verifier.verify('anthropic'))?.error?.kind).toBe('missing_credentials');
    expect(runtime.calls).toBe(0);
  });

  it('verifies every configured provider in parallel', async () => {
    await store.save('anthropic', {}, { apiKey: 'sk-ant-abcdefghijklmnop' });
    let active = 0;
    let peak = 0;
    const runtime = scriptedRuntime(async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 20));
      active--;
      return okOutcome('');
    });
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    const results = await verifier.verifyAll();
    expect(results.map((r) => r?.providerId).sort()).toEqual(['anthropic', 'openai']);
    expect(peak).toBe(2);
  });
  it('preloads the runtimes of configured providers only, without calling them', async () => {
    await store.save('anthropic', {}, { apiKey: 'sk-ant-CANARYabcdefghijklmnop' });
    const loaded: string[] = [];
    const runtime = scriptedRuntime(async () => okOutcome(''));
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async (id) => (loaded.push(id), runtime) });
    await verifier.preloadConfigured();
    expect(loaded.sort()).toEqual(['anthropic', 'openai']);
    expect(runtime.calls).toBe(0);
    expect(store.lastResult('openai')).toBeUndefined();
  });

  it('warms each preloaded runtime up once, after loading it, however often the page opens', async () => {
    await store.save('anthropic', {}, { apiKey: 'sk-ant-CANARYabcdefghijklmnop' });
    let warmUps = 0;
    const runtime = { ...scriptedRuntime(async () => okOutcome('')), warmUp: async () => (warmUps++, okOutcome('')) };
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    await verifier.preloadConfigured();
    await verifier.preloadConfigured();
    expect(warmUps).toBe(1);
    expect(store.lastResult('openai')).toBeUndefined();
    expect(store.lastResult('anthropic')).toBeUndefined();
  });

  it('readies each configured provider with its stored settings and secrets, a signal already aborted and the Verify timeout', async () => {
    await store.save('anthropic', {}, { apiKey: 'sk-ant-CANARYabcdefghijklmnop' });
    const prepared: { secrets: unknown; aborted: boolean; timeoutMs: number }[] = [];
    const runtime = {
      ...scriptedRuntime(async () => okOutcome('')),
      prepare: async (ctx: CallContext) => void prepared.push({ secrets: ctx.secrets, aborted: ctx.signal.aborted, timeoutMs: ctx.timeoutMs }),
    };
    const verifier = new Verifier({ store, timeoutMs: () => 4321, loadRuntime: async () => runtime });
    await verifier.preloadConfigured();
    expect(prepared.map((p) => JSON.stringify(p.secrets)).sort()).toEqual([JSON.stringify({ apiKey: 'sk-ant-CANARYabcdefghijklmnop' }), JSON.stringify({ apiKey: 'sk-proj-CANARYabcdefghijklmnop' })]);
    expect(prepared.every((p) => p.aborted && p.timeoutMs === 4321)).toBe(true);
    expect(runtime.calls).toBe(0);
    expect(store.lastResult('anthropic')).toBeUndefined();
  });

  it('a prepare that fails changes nothing: the Verify after it runs as usual', async () => {
    const runtime = { ...scriptedRuntime(async () => okOutcome('')), prepare: () => Promise.reject(new Error('prepare broke')) };
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    await expect(verifier.preloadConfigured()).resolves.toBeUndefined();
    expect((await verifier.verify('openai'))?.ok).toBe(true);
  });

  it('a warm-up that fails changes nothing: the Verify after it runs as usual', async () => {
    const runtime = { ...scriptedRuntime(async () => okOutcome('')), warmUp: () => Promise.reject(new Error('warm-up broke')) };
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    await expect(verifier.preloadConfigured()).resolves.toBeUndefined();
    expect((await verifier.verify('openai'))?.ok).toBe(true);
  });

  it('leaves a runtime that fails to preload for the Verify to report', async () => {
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => Promise.reject(new Error('SDK bundle missing')) });
    await expect(verifier.preloadConfigured()).resolves.toBeUndefined();
    const result = await verifier.verify('openai');
    expect(result?.ok).toBe(false);
    expect(result?.error?.message).toContain('SDK bundle missing');
  });
});
