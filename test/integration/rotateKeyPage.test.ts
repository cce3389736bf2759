import { describe, expect, it } from 'vitest';
import type { ToPage } from '../../src/protocol/messages';
import { pageHarness } from '../support/pageHarness';
import { useSimulator } from './simulatorFixture';

const sim = useSimulator();

const OLD_KEY = 'sk-proj-old-key-0000000000000001';
const NEW_KEY = 'sk-proj-new-key-000000000000NEW2';

/** The page's host side with OpenAI verified against the simulator and one model in chat. */
async function verifiedPage() {
  const page = pageHarness();
  await page.controller.handle({ type: 'verify', providerId: 'openai', settings: { baseUrl: `${sim.url}/v1` }, secrets: { apiKey: OLD_KEY } });
  await page.controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: ['gpt-4o-mini'] });
  expect(page.lastView('openai')?.lastResult?.ok).toBe(true);
  return page;
}

const savedAnswers = (posted: ToPage[]) => posted.filter((m): m is Extract<ToPage, { type: 'saved' }> => m.type === 'saved');

describe('Rotate key on the Models page', () => {
  it('shows the key age, then swaps a verified new key in and shows the checklist with a test call that used the new key', async () => {
    const page = await verifiedPage();
    const age = page.lastView('openai')!.keyAges!.apiKey!;
    expect(age.verifiedAt).toBeDefined();

    await page.controller.handle({ type: 'rotateKey', providerId: 'openai', secrets: { apiKey: NEW_KEY } });
    const view = page.lastView('openai')!;
    expect(view.secrets.apiKey).toEqual({ present: true, last4: 'NEW2' });
    expect(view.lastResult?.ok).toBe(true);
    expect(view.rotation).toMatchObject({ modelId: 'gpt-4o-mini', modelTest: 'ok' });
    expect(view.enabledModels).toEqual(['gpt-4o-mini']);
    // The automatic test call went to the model, with the new key.
    const testCall = sim.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    expect(testCall.headers.authorization).toBe(`Bearer ${NEW_KEY}`);
    expect(JSON.parse(testCall.body).model).toBe('gpt-4o-mini');
    expect(Date.parse(view.keyAges!.apiKey!.savedAt)).toBeGreaterThanOrEqual(Date.parse(age.savedAt));
    expect(JSON.stringify(page.posted)).not.toContain(NEW_KEY);

    await page.controller.handle({ type: 'dismissRotation', providerId: 'openai' });
    expect(page.lastView('openai')!.rotation).toBeUndefined();
  });

  it('a new key that fails changes nothing: the stored key, its result and the chat models stay', async () => {
    const page = await verifiedPage();
    const before = page.lastView('openai')!;
    await page.controller.handle({ type: 'rotateKey', providerId: 'openai', secrets: { apiKey: 'sk-proj-sim-invalid_key-00000000BAD' } });
    const view = page.lastView('openai')!;
    expect(view.secrets.apiKey).toEqual(before.secrets.apiKey);
    expect(view.lastResult).toEqual(before.lastResult);
    expect(view.rejectedDraft?.error?.kind).toBe('invalid_key');
    expect(view.rotation).toBeUndefined();
    expect(view.enabledModels).toEqual(['gpt-4o-mini']);
    expect(await page.store.readSecrets('openai')).toEqual({ apiKey: OLD_KEY });
  });

  it('Rotate key with the field left empty says so and sends nothing', async () => {
    const page = await verifiedPage();
    const calls = sim.requests.length;
    await page.controller.handle({ type: 'rotateKey', providerId: 'openai', secrets: { apiKey: '  ' } });
    expect(savedAnswers(page.posted).at(-1)).toEqual({ type: 'saved', providerId: 'openai', ok: false, fieldErrors: { apiKey: 'Paste the new key to rotate to.' } });
    expect(sim.requests.length).toBe(calls);
  });
});

describe('fallback key on the Models page', () => {
  it('is verified before it is kept, shown by its last four only, and removable', async () => {
    const page = await verifiedPage();
    const before = page.stored();
    await page.controller.handle({ type: 'setFallbackKey', providerId: 'openai', value: 'sk-proj-sim-invalid_key-0000000FAIL' });
    expect(savedAnswers(page.posted).at(-1)).toMatchObject({ ok: false, fieldErrors: { fallbackKey: expect.any(String) } });
    expect(page.lastView('openai')!.fallbackKey).toEqual({ present: false });
    expect(page.stored()).toBe(before);

    await page.controller.handle({ type: 'setFallbackKey', providerId: 'openai', value: 'sk-proj-fallback-key-0000000FB99' });
    expect(savedAnswers(page.posted).at(-1)).toMatchObject({ ok: true });
    expect(page.lastView('openai')!.fallbackKey).toEqual({ present: true, last4: 'FB99' });
    // The fallback key is not part of the verified configuration: the provider stays verified and in chat.
    expect(page.lastView('openai')!.lastResult?.ok).toBe(true);
    expect(JSON.stringify(page.posted)).not.toContain('sk-proj-fallback-key');

    await page.controller.handle({ type: 'removeFallbackKey', providerId: 'openai' });
    expect(page.lastView('openai')!.fallbackKey).toEqual({ present: false });
  });
});
