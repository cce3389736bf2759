import { describe, expect, it } from 'vitest';
import { FORGOTTEN_USAGE_KEY, LEGACY_USAGE_KEY, ModelUsageReader } from '../../src/core/costs/modelUsage';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { OrderedWrites } from '../../src/core/store/orderedWrites';
import type { ProviderId } from '../../src/core/providers/kinds';
import { VerifyResultSchema, type VerifyResult } from '../../src/core/verify/result';
import { EchoingMemento, MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

const IDS: ProviderId[] = ['openai', 'anthropic', 'gemini', 'azure', 'bedrock'];

function verified(providerId: ProviderId): VerifyResult {
  const result = { ok: true, stages: [], proven: { keyValid: true }, models: [], providerId, kind: providerId, latencyMs: 12, verifiedAt: '2026-11-23T00:00:00.000Z', fingerprint: `fp-${providerId}` };
  return VerifyResultSchema.parse(result);
}


/**
 * The interleaving seen in the editor: A is sent; B is written while A's echo is on its way; the
 * echo of A (without B) lands; C is written; then everything is delivered.
 */
async function overlapThreeWrites(memento: EchoingMemento, write: (id: ProviderId) => Promise<void>): Promise<void> {
  const a = write('openai');
  await EchoingMemento.settle();
  memento.flush();
  const b = write('anthropic');
  await EchoingMemento.settle();
  memento.flush();
  memento.echo();
  await EchoingMemento.settle();
  const c = write('gemini');
  await memento.deliverUntil(Promise.all([a, b, c]));
}

describe('writes to globalState while the editor echoes them back', () => {
  it('the editor-like double loses a write when read-modify-writes overlap (why the queue exists)', async () => {
    const memento = new EchoingMemento();
    await overlapThreeWrites(memento, (id) => memento.update('results', { ...memento.get<Record<string, unknown>>('results'), [id]: true }));
    expect(Object.keys(memento.get<Record<string, unknown>>('results') ?? {}).sort()).toEqual(['gemini', 'openai']);
  });

  it('keeps every result when providers finish verifying while earlier results are being written', async () => {
    const memento = new EchoingMemento();
    const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), memento);
    await overlapThreeWrites(memento, (id) => store.saveResult(verified(id)));
    expect(['openai', 'anthropic', 'gemini'].filter((id) => store.lastResult(id as ProviderId) === undefined)).toEqual([]);
  });

  it('keeps results, external ids and forgotten usage written together by the store and the page\'s usage', async () => {
    const memento = new EchoingMemento();
    const state = OrderedWrites.over(memento);
    const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), state);
    const legacy = { requests: 1, inputTokens: 1, outputTokens: 1, lastUsedAt: '2026-11-30T10:00:00.000Z' };
    await memento.deliverUntil(state.update(LEGACY_USAGE_KEY, { openai: { 'gpt-4o': legacy }, anthropic: { claude: legacy }, gemini: { flash: legacy } }));
    const usage = new ModelUsageReader({ dailySums: async () => [] }, state);
    const roles = ['arn:aws:iam::123456789012:role/a', 'arn:aws:iam::123456789012:role/b'];
    const [idA, idB] = await memento.deliverUntil(
      Promise.all([
        store.externalIdFor(roles[0]!),
        store.externalIdFor(roles[1]!),
        ...IDS.map((id) => store.saveResult(verified(id))),
        usage.forget('openai'),
        usage.forget('anthropic'),
      ]),
    );
    expect(IDS.filter((id) => store.lastResult(id) === undefined)).toEqual([]);
    expect(Object.keys(state.get<Record<string, unknown>>(FORGOTTEN_USAGE_KEY) ?? {}).sort()).toEqual(['anthropic', 'openai']);
    expect(Object.keys(state.get<Record<string, unknown>>(LEGACY_USAGE_KEY) ?? {})).toEqual(['gemini']);
    // The ids were kept: asking again returns the same ones.
    expect(await memento.deliverUntil(store.externalIdFor(roles[0]!))).toBe(idA);
    expect(await memento.deliverUntil(store.externalIdFor(roles[1]!))).toBe(idB);
    expect(idA).not.toBe(idB);
  });

  it('a failed write does not block the ones after it', async () => {
    let fail = true;
    const flaky = new MemoryKeyValue();
    const port = {
      get: flaky.get.bind(flaky),
      update: async (key: string, value: unknown) => {
        if (fail) {
          fail = false;
          throw new Error('disk full');
        }
        return flaky.update(key, value);
      },
    };
    const writes = OrderedWrites.over(port);
    await expect(writes.update('a', 1)).rejects.toThrow('disk full');
    await writes.update('a', 2);
    expect(writes.get('a')).toBe(2);
  });
});
