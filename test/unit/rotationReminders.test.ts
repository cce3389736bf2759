import { describe, expect, it } from 'vitest';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { OrderedWrites } from '../../src/core/store/orderedWrites';
import { RotationReminders } from '../../src/core/store/rotationReminders';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

const DAY = 86_400_000;
const SAVED = new Date('2026-01-01T09:00:00Z');
const at = (days: number) => new Date(SAVED.getTime() + days * DAY);

/**
 * A "restart" is a new store and reminder list over the same globalState and secrets, as after a
 * window reload: nothing is kept in memory between them.
 */
function editor(state = new MemoryKeyValue(), secrets = new MemorySecrets(), settings = new MemoryKeyValue()) {
  const ordered = OrderedWrites.over(state);
  const store = new CredentialStore(secrets, settings, ordered);
  const reminders = new RotationReminders(ordered, store.keyAges, () => store.providerIds());
  return { state, secrets, settings, store, reminders, restart: () => editor(state, secrets, settings) };
}

async function savedKey() {
  const first = editor();
  await first.store.keyAges.saved('openai', ['apiKey'], [], SAVED);
  await first.secrets.store('byok/openai/apiKey', 'sk-test-1234567890abcdef');
  return first;
}

describe('key rotation reminders', () => {
  it('are due once a key is as old as the setting says, and never with 0', async () => {
    const { reminders } = await savedKey();
    expect(reminders.schedule(90, at(89)).due).toEqual([]);
    expect(reminders.schedule(90, at(89)).next).toEqual(at(90));
    expect(reminders.schedule(90, at(90)).due).toEqual([{ providerId: 'openai', keySavedAt: SAVED.toISOString() }]);
    expect(reminders.schedule(0, at(400))).toEqual({ due: [] });
    expect(reminders.schedule(30, at(30)).due).toHaveLength(1);
  });

  it('remind once per key: a shown reminder stays quiet after a restart', async () => {
    const first = await savedKey();
    const [due] = first.reminders.schedule(90, at(91)).due;
    await first.reminders.shown(due!, at(91));
    const second = first.restart();
    expect(second.reminders.schedule(90, at(92)).due).toEqual([]);
    expect(second.reminders.schedule(90, at(500))).toEqual({ due: [], next: undefined });
  });

  it('"Remind me later" asks again a week later, also after a restart', async () => {
    const first = await savedKey();
    const [due] = first.reminders.schedule(90, at(91)).due;
    await first.reminders.snooze(due!, at(91));
    const second = first.restart();
    expect(second.reminders.schedule(90, at(97)).due).toEqual([]);
    expect(second.reminders.schedule(90, at(97)).next).toEqual(at(98));
    expect(second.reminders.schedule(90, at(98)).due).toHaveLength(1);
  });

  it('a rotated key starts a new cycle from the day it was saved', async () => {
    const first = await savedKey();
    const [due] = first.reminders.schedule(90, at(91)).due;
    await first.reminders.shown(due!, at(91));
    await first.store.keyAges.saved('openai', ['apiKey'], [], at(95));
    const second = first.restart();
    expect(second.reminders.schedule(90, at(184)).due).toEqual([]);
    expect(second.reminders.schedule(90, at(185)).due).toEqual([{ providerId: 'openai', keySavedAt: at(95).toISOString() }]);
  });

  it('a removed provider is not reminded of, and its dates are gone', async () => {
    const first = await savedKey();
    await first.store.remove('openai');
    expect(first.reminders.schedule(90, at(200)).due).toEqual([]);
    expect(first.state.dump()).not.toContain('openai');
  });
});

describe('key ages', () => {
  it('record when a key was saved and last verified, and nothing about its value', async () => {
    const { store, state } = editor();
    const key = 'sk-proj-CANARY' + 'f00dfeedbeef0123456789';
    await store.save('openai', {}, { apiKey: key });
    const saved = (await store.snapshotOf('openai')).keyAges.apiKey!;
    expect(Date.parse(saved.savedAt)).toBeGreaterThan(0);
    expect(saved.verifiedAt).toBeUndefined();
    await store.saveResult({ providerId: 'openai', kind: 'openai', ok: true, stages: [], proven: {}, models: [], latencyMs: 1, verifiedAt: new Date().toISOString(), fingerprint: await store.fingerprint('openai') });
    expect((await store.snapshotOf('openai')).keyAges.apiKey?.verifiedAt).toBeDefined();
    expect(state.dump()).not.toContain('CANARY');
  });
});
