import { describe, expect, it } from 'vitest';
import { streamWithFallback } from '../../src/core/chat/keyFallback';
import type { ChatEvent, ChatRequest } from '../../src/core/chat/types';
import { openAIRuntime } from '../../src/core/providers/openai/runtime';
import type { Secrets } from '../../src/core/providers/types';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { verifyChange } from '../../src/core/verify/verifyChange';
import { Verifier } from '../../src/core/verify/verifier';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { useSimulator } from './simulatorFixture';

const sim = useSimulator();

const OLD_KEY = 'sk-proj-old-key-0000000000000001';
const NEW_KEY = 'sk-proj-new-key-0000000000000002';
const request: ChatRequest = { modelId: 'gpt-4o-mini', messages: [{ role: 'user', parts: [{ type: 'text', text: 'Tell the team' }] }] };
const ANSWER = 'Hello from the simulator! You said: Tell the team.';

/** The host's path for one chat answer: the keys are read from the store when the answer starts. */
async function startAnswer(store: CredentialStore): Promise<AsyncIterator<ChatEvent>> {
  const resolved = await store.resolve('openai');
  expect(resolved.problem).toBeUndefined();
  const fallback = await store.fallbackSecrets(resolved);
  const open = (secrets: Secrets) => openAIRuntime.streamChat({ settings: resolved.settings, secrets, timeoutMs: 10_000, signal: new AbortController().signal }, request, undefined);
  return streamWithFallback(open, resolved.secrets, fallback, () => undefined)[Symbol.asyncIterator]();
}

async function rest(events: AsyncIterator<ChatEvent>, first: ChatEvent[] = []): Promise<ChatEvent[]> {
  const out = [...first];
  for (let next = await events.next(); !next.done; next = await events.next()) out.push(next.value);
  return out;
}

const answerText = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
const bearer = (key: string) => `Bearer ${key}`;
const chatCalls = () => sim.requests.filter((r) => r.path === '/v1/chat/completions');

async function verifiedStore(key = OLD_KEY) {
  const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
  const verifier = new Verifier({ store, timeoutMs: () => 10_000 });
  const first = await verifyChange(store, verifier, 'openai', { settings: { baseUrl: `${sim.url}/v1` }, secrets: { apiKey: key } });
  expect(first).toMatchObject({ status: 'checked', swapped: true, result: { ok: true } });
  return { store, verifier };
}

describe('Rotate key while an answer is streaming', () => {
  it('the running answer completes on the old key, the next one uses the new key, and the simulator saw both', async () => {
    const { store, verifier } = await verifiedStore();
    sim.setOverride('openai', { chunkDelayMs: 60 });
    const running = await startAnswer(store);
    const firstChunk = await running.next();
    expect(firstChunk.value).toMatchObject({ type: 'text' });

    const rotated = await verifyChange(store, verifier, 'openai', { settings: store.rawSettings('openai'), secrets: { apiKey: NEW_KEY } }, { newSecretRequired: 'apiKey' });
    expect(rotated).toMatchObject({ status: 'checked', swapped: true, result: { ok: true } });
    const rotationCheck = sim.requests.filter((r) => r.path === '/v1/models').at(-1)!;
    expect(rotationCheck.headers.authorization).toBe(bearer(NEW_KEY));

    const oldAnswer = await rest(running, [firstChunk.value as ChatEvent]);
    expect(answerText(oldAnswer)).toBe(ANSWER);
    expect(oldAnswer.some((e) => e.type === 'error')).toBe(false);

    const newAnswer = await rest(await startAnswer(store));
    expect(answerText(newAnswer)).toBe(ANSWER);

    const [oldCall, newCall] = chatCalls();
    expect(oldCall!.headers.authorization).toBe(bearer(OLD_KEY));
    expect(newCall!.headers.authorization).toBe(bearer(NEW_KEY));
    // The rotation was checked and committed while the old answer was still streaming.
    expect(rotationCheck.startedMs).toBeLessThan(oldCall!.endedMs!);
    expect((await store.readSecrets('openai')).apiKey).toBe(NEW_KEY);
  });

  it('a new key that fails its check changes nothing: the old key stays stored, verified and in use', async () => {
    const { store, verifier } = await verifiedStore();
    const before = store.lastResult('openai');
    const rejected = await verifyChange(store, verifier, 'openai', { settings: store.rawSettings('openai'), secrets: { apiKey: 'sk-proj-sim-invalid_key-000000000003' } }, { newSecretRequired: 'apiKey' });
    expect(rejected).toMatchObject({ status: 'checked', swapped: false, result: { ok: false, error: { kind: 'invalid_key' } } });
    expect(await store.readSecrets('openai')).toEqual({ apiKey: OLD_KEY });
    expect(await store.hasPending('openai')).toBe(false);
    expect(store.lastResult('openai')).toEqual(before);
    expect(answerText(await rest(await startAnswer(store)))).toBe(ANSWER);
    expect(chatCalls().at(-1)!.headers.authorization).toBe(bearer(OLD_KEY));
  });

  it('Rotate key without a new key is refused before anything is sent', async () => {
    const { store, verifier } = await verifiedStore();
    const calls = sim.requests.length;
    const outcome = await verifyChange(store, verifier, 'openai', { settings: store.rawSettings('openai'), secrets: {} }, { newSecretRequired: 'apiKey' });
    expect(outcome).toEqual({ status: 'invalid', fieldErrors: { apiKey: 'Paste the new key to rotate to.' } });
    expect(sim.requests.length).toBe(calls);
  });
});

describe('fallback key', () => {
  async function withFallback(primary: string) {
    const { store, verifier } = await verifiedStore(OLD_KEY);
    // The scenario key stands in for a primary key that the provider starts refusing later.
    await store.save('openai', store.rawSettings('openai'), { apiKey: primary });
    await store.saveResult({ ...store.lastResult('openai')!, fingerprint: await store.fingerprint('openai') });
    const fallbackKey = 'sk-proj-fallback-key-00000000009';
    const checked = await verifier.verify('openai', { fallbackKey: { field: 'apiKey', value: fallbackKey } });
    expect(checked?.ok).toBe(true);
    await store.fallbackKeys.set('openai', 'apiKey', fallbackKey);
    sim.reset();
    return { store, fallbackKey };
  }

  it.each([
    ['rate limited (429)', 'sk-proj-sim-rate_limited-00000000001'],
    ['out of quota', 'sk-proj-sim-quota_exhausted-000000001'],
  ])('answers with the fallback key once when the primary key is %s', async (_why, primary) => {
    const { store, fallbackKey } = await withFallback(primary);
    const handedOver: string[] = [];
    const resolved = await store.resolve('openai');
    const open = (secrets: Secrets) => openAIRuntime.streamChat({ settings: resolved.settings, secrets, timeoutMs: 10_000, signal: new AbortController().signal }, request, undefined);
    const events = await rest(streamWithFallback(open, resolved.secrets, await store.fallbackSecrets(resolved), (error) => handedOver.push(error.kind))[Symbol.asyncIterator]());
    expect(answerText(events)).toBe(ANSWER);
    expect(handedOver).toHaveLength(1);
    expect(chatCalls().map((r) => r.headers.authorization)).toEqual([bearer(primary), bearer(fallbackKey)]);
  });

  it('is never used when the primary key is refused (401): the refusal is the answer', async () => {
    const primary = 'sk-proj-sim-invalid_key-000000000001';
    const { store } = await withFallback(primary);
    const events = await rest(await startAnswer(store));
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'invalid_key' } });
    expect(chatCalls().map((r) => r.headers.authorization)).toEqual([bearer(primary)]);
  });
});
