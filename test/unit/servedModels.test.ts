import { beforeEach, describe, expect, it } from 'vitest';
import { whyNotServed } from '../../src/core/chat/servedModels';
import { CredentialStore } from '../../src/core/store/credentialStore';
import type { VerifyResult } from '../../src/core/verify/result';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

/** Why chat does not offer a model: what a request for a model that left the picker is told. */
describe('whyNotServed', () => {
  let store: CredentialStore;
  const why = async (modelId: string) => whyNotServed(store, 'openai', modelId, (await store.resolve('openai')).fingerprint);
  const result = async (ok: boolean): Promise<VerifyResult> => ({
    providerId: 'openai',
    kind: 'openai',
    ok,
    stages: [],
    proven: {},
    models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }],
    latencyMs: 1,
    verifiedAt: '2026-12-03T16:00:00.000Z',
    fingerprint: await store.fingerprint('openai'),
  });

  beforeEach(async () => {
    store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
    await store.save('openai', {}, { apiKey: 'sk-proj-served0123456789abcdef' });
  });

  it('an enabled model of a provider verified for the stored configuration is served', async () => {
    await store.saveResult(await result(true));
    await store.setEnabledModels('openai', ['gpt-4o']);
    expect(await why('gpt-4o')).toBeUndefined();
    expect(await why('gpt-4o-mini')).toBe('turned_off');
    expect(await why('o1-gone')).toBe('not_listed');
  });

  it('names a failed check, changed settings and a missing verification', async () => {
    await store.setEnabledModels('openai', ['gpt-4o']);
    expect(await why('gpt-4o')).toBe('not_verified');
    await store.saveResult(await result(false));
    expect(await why('gpt-4o')).toBe('verification_failed');
    await store.saveResult(await result(true));
    await store.save('openai', { organization: 'org-other' });
    expect(await why('gpt-4o')).toBe('settings_changed');
  });

  it('a provider the adopted team setup does not allow offers nothing, whatever else holds; one it allows is unaffected', async () => {
    await store.saveResult(await result(true));
    await store.setEnabledModels('openai', ['gpt-4o']);
    const fingerprint = (await store.resolve('openai')).fingerprint;
    expect(whyNotServed(store, 'openai', 'gpt-4o', fingerprint, { allowedProviders: ['compatible'] })).toBe('team_disabled');
    expect(whyNotServed(store, 'openai', 'gpt-4o', fingerprint, { allowedProviders: ['compatible', 'openai'] })).toBeUndefined();
    // A team setup without an allow-list allows every provider.
    expect(whyNotServed(store, 'openai', 'gpt-4o', fingerprint, {})).toBeUndefined();
    // Disabled comes first: it is the reason even for a model that is also turned off.
    expect(whyNotServed(store, 'openai', 'gpt-4o-mini', fingerprint, { allowedProviders: ['anthropic'] })).toBe('team_disabled');
  });
});
