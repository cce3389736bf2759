import { beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

const CANARY = 'sk-proj-CANARY' + 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('CredentialStore', () => {
  let secrets: MemorySecrets;
  let settings: MemoryKeyValue;
  let state: MemoryKeyValue;
  let store: CredentialStore;
  beforeEach(() => {
    secrets = new MemorySecrets();
    settings = new MemoryKeyValue();
    state = new MemoryKeyValue();
    store = new CredentialStore(secrets, settings, state);
  });

  it('keeps the key only in secret storage, one entry per field, and shows only presence and last four', async () => {
    expect(await store.save('openai', { organization: 'org-1' }, { apiKey: `  ${CANARY}\n` })).toEqual({ ok: true });
    expect(secrets.map.get('byok/openai/apiKey')).toBe(CANARY);
    expect(settings.dump()).not.toContain('CANARY');
    expect(state.dump()).not.toContain('CANARY');
    const snap = await store.snapshotOf('openai');
    expect(snap.secrets.apiKey).toEqual({ present: true, last4: CANARY.slice(-4) });
    expect(JSON.stringify(await store.snapshot())).not.toContain('CANARY');
    expect(snap.settings).toEqual({ baseUrl: 'https://api.openai.com/v1', organization: 'org-1' });
  });

  it('rejects invalid input with messages that name the field and writes nothing', async () => {
    const out = await store.save('openai', { baseUrl: 'http://api.example.com/v1' }, { apiKey: 'sk-abc def' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.fieldErrors.baseUrl).toMatch(/Base URL must use https:\/\//);
    expect(out.fieldErrors.apiKey).toMatch(/API key contains spaces/);
    expect(secrets.map.size).toBe(0);
    expect(settings.map.size).toBe(0);
  });

  it('allows http only for loopback hosts', async () => {
    expect((await store.save('anthropic', { baseUrl: 'http://127.0.0.1:8080' }, { apiKey: 'sk-ant-xyz' })).ok).toBe(true);
    expect((await store.save('anthropic', { baseUrl: 'http://localhost:8080' })).ok).toBe(true);
    expect((await store.save('anthropic', { baseUrl: 'http://10.0.0.5:8080' })).ok).toBe(false);
  });

  it('a URL typed without its scheme says which schemes work, with a local example', async () => {
    const out = await store.save('compatible.x', { name: 'Ollama', baseUrl: 'localhost:11434/v1', models: [] });
    expect(out).toEqual({
      ok: false,
      fieldErrors: { baseUrl: 'Base URL must start with https://, or http:// for a server on this computer (e.g. http://localhost:11434/v1).' },
    });
  });

  it('reports configured providers whose key is not on this machine (synced settings)', async () => {
    await settings.update('gemini', { baseUrl: 'https://generativelanguage.googleapis.com' });
    const snap = await store.snapshotOf('gemini');
    expect(snap.configured).toBe(true);
    expect(snap.missingOnThisMachine).toEqual(['apiKey']);
    const resolved = await store.resolve('gemini');
    expect(resolved.problem).toBe('missing_credentials');
  });

  it('binds a key to its endpoint and asks before sending it elsewhere', async () => {
    await store.save('openai', {}, { apiKey: CANARY });
    expect((await store.resolve('openai')).problem).toBeUndefined();
    await store.save('openai', { baseUrl: 'https://gateway.example.com/v1' });
    expect((await store.snapshotOf('openai')).endpointChanged).toBe(true);
    expect((await store.resolve('openai')).problem).toBe('endpoint_not_confirmed');
    await store.confirmEndpoint('openai');
    expect((await store.resolve('openai')).problem).toBeUndefined();
  });

  it('verify-then-swap: a pending key does not replace the stored one until committed', async () => {
    await store.save('anthropic', {}, { apiKey: 'sk-ant-old-key-123456' });
    await store.save('anthropic', {}, { apiKey: 'sk-ant-new-key-654321' }, { pending: true });
    expect(secrets.map.get('byok/anthropic/apiKey')).toBe('sk-ant-old-key-123456');
    expect((await store.resolve('anthropic', { pending: true })).secrets.apiKey).toBe('sk-ant-new-key-654321');
    await store.discardPending('anthropic');
    expect(await store.hasPending('anthropic')).toBe(false);
    expect(secrets.map.get('byok/anthropic/apiKey')).toBe('sk-ant-old-key-123456');
    await store.save('anthropic', {}, { apiKey: 'sk-ant-new-key-654321' }, { pending: true });
    await store.commitPending('anthropic');
    expect(secrets.map.get('byok/anthropic/apiKey')).toBe('sk-ant-new-key-654321');
  });

  it('removing a provider deletes its secrets, settings, enabled models and result', async () => {
    await store.save('openai', {}, { apiKey: CANARY });
    await store.setEnabledModels('openai', ['gpt-4o']);
    await store.remove('openai');
    expect([...secrets.map.keys()].filter((k) => k.startsWith('byok/openai/'))).toEqual([]);
    expect(settings.get('openai')).toBeUndefined();
    expect(store.enabledModels('openai')).toEqual([]);
    expect((await store.snapshotOf('openai')).configured).toBe(false);
  });

  it('supports any number of named OpenAI-compatible endpoints with optional keys and secret extra headers', async () => {
    const added = [await store.addCompatible('Ollama'), await store.addCompatible('OpenRouter'), await store.addCompatible('OpenRouter!')];
    const [ollama, router, router2] = added.map((a) => (a.ok ? a.id : 'refused'));
    // Different names that make the same id ("openrouter") get a numbered one.
    expect([ollama, router, router2]).toEqual(['compatible.ollama', 'compatible.openrouter', 'compatible.openrouter-2']);
    expect((await store.save(router, { name: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1' }, { apiKey: 'sk-or-v1-abcdef', extraHeaders: 'X-Title: BYOK\nHTTP-Referer: https://example.com' })).ok).toBe(true);
    const bad = await store.save(router, { name: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1' }, { extraHeaders: 'not a header' });
    expect(bad.ok === false && bad.fieldErrors.extraHeaders).toBe('Each line of Extra headers must look like "Name: value".');
    expect((await store.resolve(ollama)).problem).toBeUndefined();
    expect((await store.snapshot()).map((s) => s.displayName)).toEqual(expect.arrayContaining(['Ollama', 'OpenRouter']));
    await store.remove(ollama);
    expect(store.providerIds()).not.toContain(ollama);
  });

  it('generates one external id per Bedrock role from a random source, stable across restarts', async () => {
    const roleArn = 'arn:aws:iam::123456789012:role/BedrockAccess';
    expect((await store.save('bedrock', { authMode: 'role', region: 'us-east-1', roleArn })).ok).toBe(true);
    const first = (await store.snapshotOf('bedrock')).externalId;
    expect(first).toMatch(/^byok-[0-9a-f]{32}$/);
    const restarted = new CredentialStore(secrets, settings, state);
    expect((await restarted.snapshotOf('bedrock')).externalId).toBe(first);
    expect(((await restarted.resolve('bedrock')).settings as { externalId?: string }).externalId).toBe(first);
    expect(await store.externalIdFor('arn:aws:iam::123456789012:role/Other')).not.toBe(first);
  });

  it('validates AWS fields', async () => {
    const out = await store.save('bedrock', { authMode: 'role', region: 'Frankfurt', roleArn: 'arn:aws:iam::123:role/x' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.fieldErrors.region).toMatch(/Region is not an AWS region/);
    expect(out.fieldErrors.roleArn).toMatch(/Role ARN is malformed/);
  });

  it('a configuration is the same whatever order its settings were written in, and changes with any value or key', async () => {
    const saved = await store.save('azure', { endpoint: 'https://contoso.openai.azure.com', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o', model: 'gpt-4o' }] }, { apiKey: CANARY });
    expect(saved).toEqual({ ok: true });
    const original = await store.fingerprint('azure');
    // The user reorders the object in settings.json by hand.
    const written = settings.get<Record<string, unknown>>('azure')!;
    await settings.update('azure', Object.fromEntries(Object.entries(written).reverse()));
    expect(Object.keys(settings.get<Record<string, unknown>>('azure')!)).not.toEqual(Object.keys(written));
    expect(await store.fingerprint('azure')).toBe(original);
    expect((await store.resolve('azure')).fingerprint).toBe(original);
    await settings.update('azure', { ...written, deployments: [{ model: 'gpt-4o', name: 'gpt-4o' }] });
    expect(await store.fingerprint('azure')).toBe(original);
    await settings.update('azure', { ...written, deployments: [{ name: 'gpt-4o-mini', model: 'gpt-4o' }] });
    expect(await store.fingerprint('azure')).not.toBe(original);
    await settings.update('azure', written);
    await secrets.store('byok/azure/apiKey', CANARY + 'x');
    expect(await store.fingerprint('azure')).not.toBe(original);
    expect(original).not.toContain(CANARY.slice(-8));
  });
});
