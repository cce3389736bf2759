import { beforeEach, describe, expect, it } from 'vitest';
import { providerError } from '../../src/core/errors/providerError';
import { text } from '../../src/core/text';
import { acceptedOutcome, acceptsEveryKey, fakeRuntime, modelsControllerHost, NEW_KEY, rejectedOutcome, rejectsEveryKey, STORED_KEY } from '../support/modelsControllerHost';

// The Models page's controller: Verify, verify-then-swap, endpoint confirmation, Test and Verify all.
describe('ModelsController', () => {
  let host: ReturnType<typeof modelsControllerHost>;

  beforeEach(() => {
    host = modelsControllerHost();
  });

  it('verifies a newly typed key without replacing the stored one when the check fails', async () => {
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    expect(host.runtime.keysSeen).toEqual([NEW_KEY]); // the form's key was the one checked
    expect(await host.secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
    expect(await host.store.hasPending('openai')).toBe(false);
    const view = host.lastView('openai');
    expect(view.verifying).toBe(false);
    // The failure is about the typed key; nothing about the stored configuration changed.
    expect(view.rejectedDraft?.ok).toBe(false);
    expect(view.rejectedDraft?.error?.kind).toBe('invalid_key');
    expect(view.lastResult).toBeUndefined();
    expect(view.secrets.apiKey).toEqual({ present: true, last4: '1111' });
    expect(JSON.stringify(host.posted)).not.toContain(NEW_KEY);
    // The page saw "Verifying…" before the result.
    expect(host.posted.some((m) => m.type === 'provider' && m.provider.id === 'openai' && m.provider.verifying)).toBe(true);
  });

  it('swaps in a newly typed key only after it verified, and offers its models', async () => {
    host.runtime = acceptsEveryKey();
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    expect(await host.secrets.get('byok/openai/apiKey')).toBe(NEW_KEY);
    expect(await host.store.hasPending('openai')).toBe(false);
    const view = host.lastView('openai');
    expect(view.lastResult?.ok).toBe(true);
    expect(view.lastResult?.models.map((m) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(view.secrets.apiKey).toEqual({ present: true, last4: '2222' });
    expect(host.store.lastResult('openai')?.ok).toBe(true);
    expect(host.refreshes).toBeGreaterThan(0);
  });

  it('does not send the stored key to a changed base URL until the user confirms', async () => {
    host.runtime = acceptsEveryKey();
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: { baseUrl: 'https://gateway.example.com/v1' }, secrets: {} });
    expect(host.runtime.keysSeen).toEqual([]);
    let view = host.lastView('openai');
    expect(view.endpointChanged).toBe(true);
    // The new base URL is staged, not applied: the check of it failed, the working settings stand.
    expect(view.rejectedDraft?.error?.kind).toBe('endpoint_not_confirmed');
    expect(view.settings.baseUrl).toBe('https://api.openai.com/v1');
    expect(view.stagedSettings?.baseUrl).toBe('https://gateway.example.com/v1');

    // Confirming sends the key to the new endpoint at once, as a verification.
    await host.controller.handle({ type: 'confirmEndpoint', providerId: 'openai' });
    expect(host.runtime.keysSeen).toEqual([STORED_KEY]);
    view = host.lastView('openai');
    expect(view.endpointChanged).toBe(false);
    expect(view.lastResult?.ok).toBe(true);
    expect(view.settings.baseUrl).toBe('https://gateway.example.com/v1');
    expect(view.stagedSettings).toBeUndefined();
  });

  it('"Use … and verify" applies the base URL the failed check offered, keeps the key with it, and verifies', async () => {
    const base = 'http://localhost:11434';
    const fixed = `${base}/v1`;
    // FAKE outcomes: the compatible runtime's real answer for a base without /v1 is tested against the simulator.
    host.runtime = fakeRuntime((ctx) =>
      (ctx.settings as { baseUrl: string }).baseUrl === fixed
        ? acceptedOutcome()
        : { ok: false, stages: [], proven: {}, models: [], error: providerError('wrong_base_url', { provider: 'Ollama', status: 404, message: `No model list at ${base}/models.`, fix: { kind: 'useBaseUrl', baseUrl: fixed } }) },
    );
    await host.controller.handle({ type: 'addCompatible', name: 'Ollama', baseUrl: base });
    await host.controller.handle({ type: 'verify', providerId: 'compatible.ollama', settings: { name: 'Ollama', baseUrl: base, models: [] }, secrets: { apiKey: STORED_KEY } });
    expect(host.lastView('compatible.ollama').rejectedDraft?.error?.fix).toEqual({ kind: 'useBaseUrl', baseUrl: fixed });
    await host.store.save('compatible.ollama', { name: 'Ollama', baseUrl: base, models: [] }, { apiKey: STORED_KEY });

    // The page may only apply what the check offered: another address is refused and nothing changes.
    await host.controller.handle({ type: 'verify', providerId: 'compatible.ollama', settings: { name: 'Ollama', baseUrl: base, models: [] }, secrets: {} });
    await host.controller.handle({ type: 'applyFix', providerId: 'compatible.ollama', fix: { kind: 'useBaseUrl', baseUrl: 'https://elsewhere.example.com/v1' } });
    expect(host.logs).toContain('Models page: a fix was requested that the last check did not offer');
    expect(host.lastView('compatible.ollama').settings.baseUrl).toBe(base);

    const keysBefore = host.runtime.keysSeen.length;
    await host.controller.handle({ type: 'applyFix', providerId: 'compatible.ollama', fix: { kind: 'useBaseUrl', baseUrl: fixed } });
    const view = host.lastView('compatible.ollama');
    expect(view.settings).toMatchObject({ name: 'Ollama', baseUrl: fixed });
    expect(view.endpointChanged).toBe(false);
    expect(view.lastResult?.ok).toBe(true);
    expect(host.runtime.keysSeen.slice(keysBefore)).toEqual([STORED_KEY]);
  });

  it('a rejected new key leaves the stored key\'s verification and its models in place', async () => {
    host.runtime = acceptsEveryKey();
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: STORED_KEY } });
    expect(host.lastView('openai').lastResult?.ok).toBe(true);
    host.runtime = rejectsEveryKey();
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    const view = host.lastView('openai');
    expect(view.rejectedDraft?.error?.kind).toBe('invalid_key');
    expect(view.lastResult?.ok).toBe(true);
    expect(view.lastResult?.models.map((m) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(await host.secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
  });

  it('a key or setting saved without verifying marks the old verification as outdated', async () => {
    host.runtime = acceptsEveryKey();
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: STORED_KEY } });
    expect(host.lastView('openai')).toMatchObject({ resultOutdated: false, lastResult: { ok: true } });
    await host.controller.handle({ type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    expect(host.lastView('openai').lastResult).toBeUndefined();
    expect(host.lastView('openai').resultOutdated).toBe(true);
    // Verifying the saved configuration makes it current again.
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
    expect(host.lastView('openai')).toMatchObject({ resultOutdated: false, lastResult: { ok: true } });
    // A changed setting counts too.
    await host.controller.handle({ type: 'save', providerId: 'openai', settings: { organization: 'org-other' }, secrets: {} });
    expect(host.lastView('openai').resultOutdated).toBe(true);
  });

  /**
   * The user presses "Cancel verification" once the page shows it: at once (`readsLater` 0) or
   * while the host's n-th read of secret storage after that is still under way (the editor answers
   * those over IPC, so a cancel from the page can land in any of them).
   */
  function cancelWhenShown(id: string, readsLater: number): () => Promise<void> | undefined {
    let shown = false;
    let reads = 0;
    let sent: Promise<void> | undefined;
    const cancel = () => (sent = host.controller.handle({ type: 'cancelVerify', providerId: id }));
    host.onPost = (m) => {
      if (shown || m.type !== 'provider' || m.provider.id !== id || !m.provider.verifying) return;
      shown = true;
      if (readsLater === 0) cancel();
    };
    const get = host.secrets.get.bind(host.secrets);
    host.secrets.get = async (key) => {
      if (shown && !sent && ++reads === readsLater) cancel();
      return get(key);
    };
    return () => sent;
  }

  it.for([0, 1, 2, 3])('"Cancel verification" pressed as it appears ends "Verify and save" as cancelled (%i reads later): the typed key is never sent', async (readsLater) => {
    host.runtime = acceptsEveryKey();
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    const cancelSent = cancelWhenShown('openai', readsLater);
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    expect(cancelSent(), 'the page sent the cancel while the check was starting').toBeDefined();
    await cancelSent();
    expect(host.runtime.keysSeen).toEqual([]);
    const view = host.lastView('openai');
    expect(view.verifying).toBe(false);
    expect(view.rejectedDraft?.error?.kind).toBe('cancelled');
    // Nothing changed: the stored key stays, nothing typed lingers.
    expect(await host.secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
    expect(await host.store.hasPending('openai')).toBe(false);
    // The cancel does not outlive that check: Verify again verifies.
    host.onPost = undefined;
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    expect(host.runtime.keysSeen).toEqual([NEW_KEY]);
    expect(host.lastView('openai').lastResult?.ok).toBe(true);
  });

  it('"Cancel verification" while the stored configuration is being verified ends it as cancelled', async () => {
    host.runtime = acceptsEveryKey();
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    const cancelSent = cancelWhenShown('openai', 1);
    await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
    await cancelSent();
    expect(host.runtime.keysSeen).toEqual([]);
    expect(host.lastView('openai')).toMatchObject({ verifying: false, lastResult: { ok: false, error: { kind: 'cancelled' } } });
  });

  it('"Test" on a model verifies the stored configuration with a tiny call to that model', async () => {
    const asked: (string | undefined)[] = [];
    host.runtime = fakeRuntime(() => ({
      ok: true,
      stages: [{ id: 'model', ok: true, label: text('Model answered'), latencyMs: 3 }],
      proven: { keyValid: true, modelsVisible: 1, modelInvocable: 'gpt-4o-mini' },
      models: [{ id: 'gpt-4o-mini' }],
    }));
    const verify = host.runtime.verify.bind(host.runtime);
    host.runtime.verify = async (ctx, request) => {
      asked.push(request?.modelId);
      return verify(ctx);
    };
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    await host.controller.handle({ type: 'testModel', providerId: 'openai', modelId: 'gpt-4o-mini' });
    expect(asked).toEqual(['gpt-4o-mini']);
    expect(host.lastView('openai').lastResult?.proven.modelInvocable).toBe('gpt-4o-mini');
    expect(host.runtime.keysSeen).toEqual([STORED_KEY]);
  });

  it('"Verify all" verifies every configured provider and sums it up in one notice', async () => {
    host.runtime = fakeRuntime((ctx) => (ctx.secrets.apiKey === STORED_KEY ? acceptedOutcome() : rejectedOutcome()));
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    await host.store.save('anthropic', {}, { apiKey: 'sk-ant-REJECTEDkey000000000000' });
    await host.controller.handle({ type: 'verifyAll' });
    expect(host.runtime.keysSeen.sort()).toEqual([STORED_KEY, 'sk-ant-REJECTEDkey000000000000'].sort());
    expect(host.posted.filter((m) => m.type === 'notice')).toEqual([{ type: 'notice', code: 'verifiedAll', verified: 1, failed: ['Anthropic'] }]);
  });
});
