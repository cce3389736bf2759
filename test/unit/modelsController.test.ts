import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageLedger } from '../../src/core/costs/ledger';
import { LEGACY_USAGE_KEY, ModelUsageReader } from '../../src/core/costs/modelUsage';
import { providerError } from '../../src/core/errors/providerError';
import type { CallContext, ProviderRuntime } from '../../src/core/providers/types';
import { ChatModelSelection } from '../../src/core/models/chatModelSelection';
import { openAIModelInfo } from '../../src/core/providers/openai/models';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { VALUE_TOO_LONG } from '../../src/core/store/fieldErrors';
import { ModelChoiceStore } from '../../src/core/store/modelChoiceStore';
import { text } from '../../src/core/text';
import type { VerifyOutcome } from '../../src/core/verify/result';
import { Verifier } from '../../src/core/verify/verifier';
import { MALFORMED_MESSAGE_LOG, ModelsController } from '../../src/host/modelsController';
import type { ProviderView, ToPage } from '../../src/protocol/messages';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { idleEditorCallbacks } from '../support/pageHarness';

/**
 * FAKE provider runtime, for these unit tests only: the controller's own logic (what is stored,
 * what the page is told) is under test here, not a provider. Real providers are tested against
 * the simulator in test/integration.
 */
function fakeRuntime(outcome: (ctx: CallContext) => VerifyOutcome): ProviderRuntime & { keysSeen: (string | undefined)[] } {
  const runtime = {
    keysSeen: [] as (string | undefined)[],
    async verify(ctx: CallContext) {
      runtime.keysSeen.push(ctx.secrets.apiKey);
      return outcome(ctx);
    },
    async *streamChat() {},
    async countTokens() {
      return 0;
    },
  };
  return runtime;
}

const rejectedOutcome = (): VerifyOutcome => ({
  ok: false,
  stages: [{ id: 'key', ok: false, label: text('API key checked'), latencyMs: 3 }],
  proven: {},
  models: [],
  error: providerError('invalid_key', { provider: 'OpenAI', status: 401, message: 'Incorrect API key provided' }),
});
const rejectsEveryKey = () => fakeRuntime(rejectedOutcome);

const acceptedOutcome = (): VerifyOutcome => ({
  ok: true,
  stages: [{ id: 'models', ok: true, label: text('Listed {0} models', 2), latencyMs: 3 }],
  proven: { keyValid: true, modelsVisible: 2 },
  models: [{ id: 'gpt-4o', contextWindow: 128000 }, { id: 'gpt-4o-mini' }],
});
const acceptsEveryKey = () => fakeRuntime(acceptedOutcome);

const STORED_KEY = 'sk-proj-STOREDkey0000000000001111';
const NEW_KEY = 'sk-proj-NEWkey99999999999999992222';

describe('ModelsController', () => {
  let secrets: MemorySecrets;
  let settings: MemoryKeyValue;
  let state: MemoryKeyValue;
  let store: CredentialStore;
  let runtime: ReturnType<typeof fakeRuntime>;
  let posted: ToPage[];
  let logs: string[];
  let refreshes: number;
  let controller: ModelsController;
  let ledgerDir: string;
  let usage: ModelUsageReader;
  let useInChatAsked: (string | undefined)[];
  let announced: { providerId: string; models: string[] }[];
  let diagnosed: [string, string | undefined][];
  let usageOpened: number;

  beforeEach(() => {
    secrets = new MemorySecrets();
    settings = new MemoryKeyValue();
    state = new MemoryKeyValue();
    store = new CredentialStore(secrets, settings, state);
    runtime = rejectsEveryKey();
    const verifier = new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime });
    posted = [];
    logs = [];
    refreshes = 0;
    ledgerDir = mkdtempSync(path.join(tmpdir(), 'byok-page-usage-'));
    usage = new ModelUsageReader(new UsageLedger(ledgerDir), state);
    useInChatAsked = [];
    announced = [];
    diagnosed = [];
    usageOpened = 0;
    controller = new ModelsController({
      store,
      verifier,
      selection: new ChatModelSelection(store, new ModelChoiceStore(state)),
      usage,
      post: (m) => void posted.push(m as ToPage),
      log: { warn: (m) => void logs.push(m) },
      refreshChatModels: () => void refreshes++,
      useInChat: (providerId, modelId) => void useInChatAsked.push(modelId ? `${providerId}/${modelId}` : providerId),
      diagnose: (providerId, modelId) => void diagnosed.push([providerId, modelId]),
      announceReady: (providerId, models) => void announced.push({ providerId, models }),
      copyToClipboard: () => undefined,
      openUsage: () => void usageOpened++,
      l10nBundle: () => undefined,
      awsProfileNames: async () => ['default', 'dev-sso'],
    });
  });

  const lastView = (id: string): ProviderView => {
    for (let i = posted.length - 1; i >= 0; i--) {
      const m = posted[i]!;
      if (m.type === 'provider' && m.provider.id === id) return m.provider;
      if ((m.type === 'state' || m.type === 'init') && m.providers.some((p) => p.id === id)) return m.providers.find((p) => p.id === id)!;
    }
    throw new Error(`no view of ${id} was posted`);
  };

  it('answers ready with every provider and the l10n bundle, each "not verified yet"', async () => {
    await controller.handle({ type: 'ready' });
    const init = posted[0]!;
    expect(init.type).toBe('init');
    if (init.type !== 'init') return;
    expect(init.providers.map((p) => p.displayName)).toEqual(['OpenAI', 'Anthropic', 'Google Gemini', 'Azure OpenAI', 'AWS Bedrock']);
    expect(init.providers.every((p) => p.lastResult === undefined && !p.verifying)).toBe(true);
    // An editor with the chat model provider API: the page offers the chat.
    expect(init.editorWithoutChat).toBeUndefined();
    expect(init.chatMissing).toBeUndefined();
  });

  it('tells the page the editor and version when its chat cannot use BYOK models (no chat model provider API)', async () => {
    const withoutChat = new ModelsController({
      ...idleEditorCallbacks,
      store,
      verifier: new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime }),
      selection: new ChatModelSelection(store, new ModelChoiceStore(state)),
      usage,
      post: (m) => void posted.push(m as ToPage),
      log: { warn: (m) => void logs.push(m) },
      noChat: { editor: 'code-server 1.99.3', reason: 'api' },
    });
    await withoutChat.handle({ type: 'ready' });
    const init = posted[0]!;
    if (init.type !== 'init') throw new Error('no init');
    expect(init.editorWithoutChat).toBe('code-server 1.99.3');
    expect(init.chatMissing).toBe('api');
    expect(init.providers).toHaveLength(5);
  });

  it('the header\'s "Usage, costs and budgets" opens the usage view and writes nothing', async () => {
    const before = JSON.stringify([settings.dump(), state.dump()]);
    await controller.handle({ type: 'openUsage' });
    expect(usageOpened).toBe(1);
    expect(JSON.stringify([settings.dump(), state.dump()])).toBe(before);
  });

  it('offers Bedrock the profile names found in the AWS config files, and no other provider', async () => {
    await controller.handle({ type: 'ready' });
    const init = posted[0]!;
    if (init.type !== 'init') throw new Error('no init');
    expect(init.providers.find((p) => p.kind === 'bedrock')?.awsProfiles).toEqual(['default', 'dev-sso']);
    expect(init.providers.filter((p) => p.kind !== 'bedrock').every((p) => p.awsProfiles === undefined)).toBe(true);
  });

  it('saves a key to secret storage and settings to user settings, and tells the page only the last four characters', async () => {
    await controller.handle({ type: 'save', providerId: 'openai', settings: { organization: 'org-team' }, secrets: { apiKey: `  ${STORED_KEY}\n` } });
    expect(await secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
    expect(settings.get<Record<string, unknown>>('openai')).toMatchObject({ organization: 'org-team' });
    expect(posted.find((m) => m.type === 'saved')).toEqual({ type: 'saved', providerId: 'openai', ok: true, fieldErrors: {} });
    expect(lastView('openai').secrets.apiKey).toEqual({ present: true, last4: '1111' });
    expect(JSON.stringify(posted)).not.toContain(STORED_KEY);
    expect(JSON.stringify(posted)).not.toContain('STOREDkey');
    expect(refreshes).toBe(1);
  });

  it('keeps the stored key when Save comes with an empty key field', async () => {
    await store.save('openai', {}, { apiKey: STORED_KEY });
    await controller.handle({ type: 'save', providerId: 'openai', settings: { project: 'proj-1' }, secrets: { apiKey: '' } });
    expect(await secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
    expect(settings.get<Record<string, unknown>>('openai')).toMatchObject({ project: 'proj-1' });
  });

  it('reports invalid fields by name and writes nothing', async () => {
    await controller.handle({ type: 'save', providerId: 'openai', settings: { baseUrl: 'http://api.example.com/v1' }, secrets: { apiKey: 'sk-with space' } });
    const saved = posted.find((m) => m.type === 'saved');
    expect(saved).toMatchObject({ ok: false });
    if (saved?.type !== 'saved') return;
    expect(saved.fieldErrors.baseUrl).toBe('Base URL must use https:// (http:// is allowed only for localhost and 127.0.0.1).');
    expect(saved.fieldErrors.apiKey).toBe('API key contains spaces or line breaks; paste the key alone.');
    expect(secrets.map.size).toBe(0);
    expect(settings.get('openai')).toBeUndefined();
  });

  it('rejects a malformed message without logging its content and changes nothing', async () => {
    await store.save('openai', {}, { apiKey: STORED_KEY });
    const before = { secrets: JSON.stringify([...secrets.map]), settings: settings.dump(), state: state.dump() };
    const canary = `sk-proj-CANARY${'z'.repeat(9000)}`;
    await controller.handle({ type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: canary } });
    await controller.handle({ type: 'exfiltrate', key: 'sk-proj-CANARY-2' });
    expect(logs).toEqual([MALFORMED_MESSAGE_LOG, MALFORMED_MESSAGE_LOG]);
    expect(logs.join()).not.toContain('CANARY');
    // A Save refused only for its length is told at the field; anything else is a page-wide "rejected".
    expect(posted).toEqual([
      { type: 'saved', providerId: 'openai', ok: false, fieldErrors: { apiKey: VALUE_TOO_LONG.message } },
      { type: 'notice', code: 'rejected' },
    ]);
    expect({ secrets: JSON.stringify([...secrets.map]), settings: settings.dump(), state: state.dump() }).toEqual(before);
  });

  it('removes a provider with its secrets, settings and result', async () => {
    await store.save('openai', { organization: 'org-x' }, { apiKey: STORED_KEY });
    await controller.handle({ type: 'remove', providerId: 'openai' });
    expect(await secrets.get('byok/openai/apiKey')).toBeUndefined();
    expect(settings.get('openai')).toBeUndefined();
    const view = lastView('openai');
    expect(view.configured).toBe(false);
    expect(view.secrets.apiKey).toEqual({ present: false });
  });

  it('verifies a newly typed key without replacing the stored one when the check fails', async () => {
    await store.save('openai', {}, { apiKey: STORED_KEY });
    await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    expect(runtime.keysSeen).toEqual([NEW_KEY]); // the form's key was the one checked
    expect(await secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
    expect(await store.hasPending('openai')).toBe(false);
    const view = lastView('openai');
    expect(view.verifying).toBe(false);
    // The failure is about the typed key; nothing about the stored configuration changed.
    expect(view.rejectedDraft?.ok).toBe(false);
    expect(view.rejectedDraft?.error?.kind).toBe('invalid_key');
    expect(view.lastResult).toBeUndefined();
    expect(view.secrets.apiKey).toEqual({ present: true, last4: '1111' });
    expect(JSON.stringify(posted)).not.toContain(NEW_KEY);
    // The page saw "Verifying…" before the result.
    expect(posted.some((m) => m.type === 'provider' && m.provider.id === 'openai' && m.provider.verifying)).toBe(true);
  });

  it('swaps in a newly typed key only after it verified, and offers its models', async () => {
    runtime = acceptsEveryKey();
    await store.save('openai', {}, { apiKey: STORED_KEY });
    await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    expect(await secrets.get('byok/openai/apiKey')).toBe(NEW_KEY);
    expect(await store.hasPending('openai')).toBe(false);
    const view = lastView('openai');
    expect(view.lastResult?.ok).toBe(true);
    expect(view.lastResult?.models.map((m) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(view.secrets.apiKey).toEqual({ present: true, last4: '2222' });
    expect(store.lastResult('openai')?.ok).toBe(true);
    expect(refreshes).toBeGreaterThan(0);
  });

  it('does not send the stored key to a changed base URL until the user confirms', async () => {
    runtime = acceptsEveryKey();
    await store.save('openai', {}, { apiKey: STORED_KEY });
    await controller.handle({ type: 'verify', providerId: 'openai', settings: { baseUrl: 'https://gateway.example.com/v1' }, secrets: {} });
    expect(runtime.keysSeen).toEqual([]);
    let view = lastView('openai');
    expect(view.endpointChanged).toBe(true);
    // The new base URL is staged, not applied: the check of it failed, the working settings stand.
    expect(view.rejectedDraft?.error?.kind).toBe('endpoint_not_confirmed');
    expect(view.settings.baseUrl).toBe('https://api.openai.com/v1');
    expect(view.stagedSettings?.baseUrl).toBe('https://gateway.example.com/v1');

    // Confirming sends the key to the new endpoint at once, as a verification.
    await controller.handle({ type: 'confirmEndpoint', providerId: 'openai' });
    expect(runtime.keysSeen).toEqual([STORED_KEY]);
    view = lastView('openai');
    expect(view.endpointChanged).toBe(false);
    expect(view.lastResult?.ok).toBe(true);
    expect(view.settings.baseUrl).toBe('https://gateway.example.com/v1');
    expect(view.stagedSettings).toBeUndefined();
  });

  it('"Use … and verify" applies the base URL the failed check offered, keeps the key with it, and verifies', async () => {
    const base = 'http://localhost:11434';
    const fixed = `${base}/v1`;
    // FAKE outcomes: the compatible runtime's real answer for a base without /v1 is tested against the simulator.
    runtime = fakeRuntime((ctx) =>
      (ctx.settings as { baseUrl: string }).baseUrl === fixed
        ? acceptedOutcome()
        : { ok: false, stages: [], proven: {}, models: [], error: providerError('wrong_base_url', { provider: 'Ollama', status: 404, message: `No model list at ${base}/models.`, fix: { kind: 'useBaseUrl', baseUrl: fixed } }) },
    );
    await controller.handle({ type: 'addCompatible', name: 'Ollama', baseUrl: base });
    await controller.handle({ type: 'verify', providerId: 'compatible.ollama', settings: { name: 'Ollama', baseUrl: base, models: [] }, secrets: { apiKey: STORED_KEY } });
    expect(lastView('compatible.ollama').rejectedDraft?.error?.fix).toEqual({ kind: 'useBaseUrl', baseUrl: fixed });
    await store.save('compatible.ollama', { name: 'Ollama', baseUrl: base, models: [] }, { apiKey: STORED_KEY });

    // The page may only apply what the check offered: another address is refused and nothing changes.
    await controller.handle({ type: 'verify', providerId: 'compatible.ollama', settings: { name: 'Ollama', baseUrl: base, models: [] }, secrets: {} });
    await controller.handle({ type: 'applyFix', providerId: 'compatible.ollama', fix: { kind: 'useBaseUrl', baseUrl: 'https://elsewhere.example.com/v1' } });
    expect(logs).toContain('Models page: a fix was requested that the last check did not offer');
    expect(lastView('compatible.ollama').settings.baseUrl).toBe(base);

    const keysBefore = runtime.keysSeen.length;
    await controller.handle({ type: 'applyFix', providerId: 'compatible.ollama', fix: { kind: 'useBaseUrl', baseUrl: fixed } });
    const view = lastView('compatible.ollama');
    expect(view.settings).toMatchObject({ name: 'Ollama', baseUrl: fixed });
    expect(view.endpointChanged).toBe(false);
    expect(view.lastResult?.ok).toBe(true);
    expect(runtime.keysSeen.slice(keysBefore)).toEqual([STORED_KEY]);
  });

  it('stores the models enabled for chat and refreshes the chat providers', async () => {
    await controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: ['gpt-4o'] });
    expect(store.enabledModels('openai')).toEqual(['gpt-4o']);
    expect(lastView('openai').enabledModels).toEqual(['gpt-4o']);
    expect(refreshes).toBe(1);
  });

  it('adds an OpenAI-compatible endpoint after checking its name and base URL', async () => {
    await controller.handle({ type: 'addCompatible', name: 'Gateway', baseUrl: 'http://gateway.internal/v1' });
    expect(posted.at(-1)).toEqual({
      type: 'saved',
      providerId: 'new',
      ok: false,
      fieldErrors: { baseUrl: 'Base URL must use https:// (http:// is allowed only for localhost and 127.0.0.1).' },
    });
    expect(store.providerIds()).toHaveLength(5);

    await controller.handle({ type: 'addCompatible', name: 'Ollama', baseUrl: 'http://localhost:11434/v1' });
    expect(posted.at(-1)).toEqual({ type: 'added', providerId: 'compatible.ollama' });
    expect(lastView('compatible.ollama')).toMatchObject({ displayName: 'Ollama', kind: 'compatible', settings: { baseUrl: 'http://localhost:11434/v1' } });
  });

  describe('when the editor refuses a write', () => {
    // VS Code's own words when settings.json has a syntax error (ConfigurationEditing, 1.139).
    const SETTINGS_REFUSED = 'Unable to write into user settings. Please open the user settings to correct errors/warnings in it and try again.';
    const refuseSettings = () => {
      settings.update = async () => {
        throw new Error(SETTINGS_REFUSED);
      };
    };

    it('Save says the settings could not be written, with the editor\'s reason, and stores no key', async () => {
      await store.save('openai', {}, { apiKey: STORED_KEY });
      refuseSettings();
      await controller.handle({ type: 'save', providerId: 'openai', settings: { organization: 'org-new' }, secrets: { apiKey: NEW_KEY } });
      expect(posted.find((m) => m.type === 'saved')).toEqual({
        type: 'saved',
        providerId: 'openai',
        ok: false,
        fieldErrors: { _: 'Your user settings could not be written, so nothing was saved.', _detail: SETTINGS_REFUSED },
      });
      expect(await secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
      expect([...secrets.map.keys()]).toEqual(['byok/openai/apiKey']);
    });

    it('Verify says so too and stores nothing', async () => {
      runtime = acceptsEveryKey();
      refuseSettings();
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      // Verify-then-swap writes the settings only after the check succeeded: the refusal comes then.
      expect(posted.find((m) => m.type === 'notice')).toMatchObject({ code: 'notSaved', detail: SETTINGS_REFUSED });
      expect(secrets.map.size).toBe(0);
      expect(lastView('openai').lastResult).toBeUndefined();
    });

    it('a key the secret storage refuses is reported without the key in the reason', async () => {
      secrets.store = async (_key, value) => {
        throw new Error(`Cannot create an item in a locked collection (value ${value})`);
      };
      await controller.handle({ type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      const saved = posted.find((m) => m.type === 'saved');
      expect(saved).toMatchObject({ ok: false, fieldErrors: { _: 'The editor’s secret storage did not accept the value, so it was not stored.' } });
      if (saved?.type !== 'saved') return;
      expect(saved.fieldErrors._detail).toContain('Cannot create an item in a locked collection');
      expect(JSON.stringify(posted)).not.toContain(NEW_KEY.slice(8));
    });

    it('enabling a model shows a notice with the reason, and the page is sent what is really stored', async () => {
      refuseSettings();
      await controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: ['gpt-4o'] });
      const notice = posted.find((m) => m.type === 'notice');
      expect(notice).toEqual({ type: 'notice', code: 'notSaved', detail: SETTINGS_REFUSED });
      expect(posted.at(-1)?.type).toBe('state');
      expect(lastView('openai').enabledModels).toEqual([]);
      expect(logs.join('\n')).not.toContain(SETTINGS_REFUSED);
    });

    it('adding an endpoint keeps the form (no "added") and shows the notice', async () => {
      refuseSettings();
      await controller.handle({ type: 'addCompatible', name: 'Ollama', baseUrl: 'http://localhost:11434/v1' });
      expect(posted.some((m) => m.type === 'added' || (m.type === 'saved' && m.ok))).toBe(false);
      expect(posted.find((m) => m.type === 'notice')).toMatchObject({ code: 'notSaved', detail: SETTINGS_REFUSED });
      expect(store.providerIds()).toHaveLength(5);
    });
  });

  describe('"Used in chat" per model, read from the usage ledger every window appends to', () => {
    /** An answer as another editor window (its own ledger object over the same folder) records it. */
    const answerFromAnotherWindow = (provider: string, model: string, inputTokens: number, outputTokens: number, servedBy?: 'fallback') =>
      new UsageLedger(ledgerDir).append({ time: new Date(), provider, model, usage: { inputTokens, outputTokens }, cost: { usd: 0.001, source: 'catalogue' }, servedBy });

    it('shows answers another window recorded, and answers recorded before the page was opened', async () => {
      await store.save('openai', {}, { apiKey: STORED_KEY });
      answerFromAnotherWindow('openai', 'gpt-4o', 1200, 80);
      answerFromAnotherWindow('anthropic', 'claude-sonnet-4-5', 10, 5);
      await controller.handle({ type: 'ready' });
      expect(lastView('openai').usage).toEqual({ 'gpt-4o': { requests: 1, inputTokens: 1200, outputTokens: 80 } });
      // Another window answers while this page is open: the next refresh shows it.
      answerFromAnotherWindow('openai', 'gpt-4o', 300, 20, 'fallback');
      await controller.refreshProvider('openai');
      expect(lastView('openai').usage).toEqual({ 'gpt-4o': { requests: 2, inputTokens: 1500, outputTokens: 100, fallbackRequests: 1 } });
      expect(lastView('anthropic').usage).toEqual({ 'claude-sonnet-4-5': { requests: 1, inputTokens: 10, outputTokens: 5 } });
    });

    it('after a restart (a new ledger object and page) the lines are the same, 0.1\'s totals included', async () => {
      await state.update(LEGACY_USAGE_KEY, { openai: { 'gpt-4o': { requests: 3, inputTokens: 30, outputTokens: 3, lastUsedAt: '2026-11-30T10:00:00.000Z' } } });
      answerFromAnotherWindow('openai', 'gpt-4o', 1200, 80);
      await controller.handle({ type: 'ready' });
      const before = lastView('openai').usage;
      expect(before).toEqual({ 'gpt-4o': { requests: 4, inputTokens: 1230, outputTokens: 83 } });
      const restarted = new ModelsController({ ...idleEditorCallbacks, store, verifier: new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => runtime }), selection: new ChatModelSelection(store, new ModelChoiceStore(state)), usage: new ModelUsageReader(new UsageLedger(ledgerDir), state), post: (m) => void posted.push(m as ToPage), log: { warn: () => undefined } });
      await restarted.handle({ type: 'ready' });
      expect(lastView('openai').usage).toEqual(before);
    });

    it('removing a provider starts its lines from zero; later answers count again, the other providers keep theirs', async () => {
      await store.save('openai', {}, { apiKey: STORED_KEY });
      await state.update(LEGACY_USAGE_KEY, { openai: { 'gpt-4o': { requests: 3, inputTokens: 30, outputTokens: 3, lastUsedAt: '2026-11-30T10:00:00.000Z' } } });
      answerFromAnotherWindow('openai', 'gpt-4o', 1200, 80);
      answerFromAnotherWindow('anthropic', 'claude-sonnet-4-5', 10, 5);
      await controller.handle({ type: 'remove', providerId: 'openai' });
      expect(lastView('openai').usage).toEqual({});
      expect(Object.keys(lastView('anthropic').usage ?? {})).toEqual(['claude-sonnet-4-5']);
      await store.save('openai', {}, { apiKey: STORED_KEY });
      answerFromAnotherWindow('openai', 'gpt-4o', 7, 1);
      await controller.refreshProvider('openai');
      expect(lastView('openai').usage).toEqual({ 'gpt-4o': { requests: 1, inputTokens: 7, outputTokens: 1 } });
    });
  });

  it('a rejected new key leaves the stored key\'s verification and its models in place', async () => {
    runtime = acceptsEveryKey();
    await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: STORED_KEY } });
    expect(lastView('openai').lastResult?.ok).toBe(true);
    runtime = rejectsEveryKey();
    await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    const view = lastView('openai');
    expect(view.rejectedDraft?.error?.kind).toBe('invalid_key');
    expect(view.lastResult?.ok).toBe(true);
    expect(view.lastResult?.models.map((m) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(await secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
  });

  it('a key or setting saved without verifying marks the old verification as outdated', async () => {
    runtime = acceptsEveryKey();
    await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: STORED_KEY } });
    expect(lastView('openai')).toMatchObject({ resultOutdated: false, lastResult: { ok: true } });
    await controller.handle({ type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
    expect(lastView('openai').lastResult).toBeUndefined();
    expect(lastView('openai').resultOutdated).toBe(true);
    // Verifying the saved configuration makes it current again.
    await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
    expect(lastView('openai')).toMatchObject({ resultOutdated: false, lastResult: { ok: true } });
    // A changed setting counts too.
    await controller.handle({ type: 'save', providerId: 'openai', settings: { organization: 'org-other' }, secrets: {} });
    expect(lastView('openai').resultOutdated).toBe(true);
  });

  it('"Use in chat" in a provider\'s section asks for that provider\'s model', async () => {
    await controller.handle({ type: 'useInChat', providerId: 'anthropic' });
    await controller.handle({ type: 'useInChat' });
    expect(useInChatAsked).toEqual(['anthropic', undefined]);
  });

  describe('what a successful Verify puts into the chat model picker', () => {
    /** OpenAI's /v1/models as the runtime returns it (already as model infos), with an embedding model and a dated snapshot. */
    const listing = (ids: string[]) => fakeRuntime(() => ({ ok: true, stages: [], proven: { keyValid: true }, models: ids.map(openAIModelInfo) }));
    const FIRST = ['gpt-4.1', 'gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-mini', 'text-embedding-3-small'];

    it('the first Verify enables the default set at once, says so on the page and offers the chat once', async () => {
      runtime = listing(FIRST);
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      expect(store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
      expect(lastView('openai').modelsJustEnabled).toEqual(['gpt-4.1', 'gpt-4o-mini']);
      expect(announced).toEqual([{ providerId: 'openai', models: ['gpt-4.1', 'gpt-4o-mini'] }]);
      expect(refreshes).toBeGreaterThan(0);

      // Verifying again announces nothing and enables nothing more.
      await controller.handle({ type: 'verifyAll' });
      expect(announced).toHaveLength(1);
      expect(store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
    });

    it('a model the user unticked stays off after the next Verify', async () => {
      runtime = listing(FIRST);
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      await controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: ['gpt-4.1'] });
      expect(lastView('openai').modelsJustEnabled).toBeUndefined();
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      expect(store.enabledModels('openai')).toEqual(['gpt-4.1']);
      // Even when every model was unticked: the provider does not get its defaults back.
      await controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: [] });
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      expect(store.enabledModels('openai')).toEqual([]);
    });

    it('models that appear later are offered, not added; "Add" puts them into the picker', async () => {
      runtime = listing(FIRST);
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      runtime = listing([...FIRST, 'gpt-5-mini', 'gpt-5.1']);
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      expect(store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
      expect(lastView('openai').modelsOffered).toEqual(['gpt-5-mini', 'gpt-5.1']);
      expect(announced).toHaveLength(1);

      await controller.handle({ type: 'addOfferedModels', providerId: 'openai' });
      expect(store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini', 'gpt-5-mini', 'gpt-5.1']);
      expect(lastView('openai').modelsOffered).toEqual([]);
    });

    it('a dismissed offer leaves the models unticked and is not made again', async () => {
      runtime = listing(FIRST);
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      runtime = listing([...FIRST, 'gpt-5-mini']);
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      await controller.handle({ type: 'dismissOfferedModels', providerId: 'openai' });
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      expect(lastView('openai').modelsOffered).toEqual([]);
      expect(store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
    });

    it('models the user chose before (synced settings, an older version) are kept as they are', async () => {
      await store.setEnabledModels('openai', ['gpt-4o']);
      runtime = listing(FIRST);
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      expect(store.enabledModels('openai')).toEqual(['gpt-4o']);
      expect(announced).toEqual([]);
    });

    it('a failed Verify enables nothing', async () => {
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      expect(store.enabledModels('openai')).toEqual([]);
      expect(announced).toEqual([]);
    });

    it('after Remove, setting the provider up again starts with the defaults', async () => {
      runtime = listing(FIRST);
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      await controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: [] });
      await controller.handle({ type: 'remove', providerId: 'openai' });
      await controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      expect(store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
      expect(announced).toHaveLength(2);
    });
  });

  it('"Chat" on a model not ticked yet ticks it first, so the chat opens with exactly that model', async () => {
    await controller.handle({ type: 'useInChat', providerId: 'openai', modelId: 'o3-mini' });
    expect(store.enabledModels('openai')).toEqual(['o3-mini']);
    expect(useInChatAsked).toEqual(['openai/o3-mini']);
    expect(refreshes).toBe(1);
  });

  it('"Chat with this model" and "Why isn\'t it in the picker?" on a model row name that model', async () => {
    await controller.handle({ type: 'useInChat', providerId: 'openai', modelId: 'gpt-4o-mini' });
    await controller.handle({ type: 'diagnose', providerId: 'openai', modelId: 'gpt-4o-mini' });
    await controller.handle({ type: 'diagnose', providerId: 'anthropic' });
    expect(useInChatAsked).toEqual(['openai/gpt-4o-mini']);
    expect(diagnosed).toEqual([['openai', 'gpt-4o-mini'], ['anthropic', undefined]]);
  });

  it('"Test" on a model verifies the stored configuration with a tiny call to that model', async () => {
    const asked: (string | undefined)[] = [];
    runtime = fakeRuntime(() => ({
      ok: true,
      stages: [{ id: 'model', ok: true, label: text('Model answered'), latencyMs: 3 }],
      proven: { keyValid: true, modelsVisible: 1, modelInvocable: 'gpt-4o-mini' },
      models: [{ id: 'gpt-4o-mini' }],
    }));
    const verify = runtime.verify.bind(runtime);
    runtime.verify = async (ctx, request) => {
      asked.push(request?.modelId);
      return verify(ctx);
    };
    await store.save('openai', {}, { apiKey: STORED_KEY });
    await controller.handle({ type: 'testModel', providerId: 'openai', modelId: 'gpt-4o-mini' });
    expect(asked).toEqual(['gpt-4o-mini']);
    expect(lastView('openai').lastResult?.proven.modelInvocable).toBe('gpt-4o-mini');
    expect(runtime.keysSeen).toEqual([STORED_KEY]);
  });

  it('"Verify all" verifies every configured provider and sums it up in one notice', async () => {
    runtime = fakeRuntime((ctx) => (ctx.secrets.apiKey === STORED_KEY ? acceptedOutcome() : rejectedOutcome()));
    await store.save('openai', {}, { apiKey: STORED_KEY });
    await store.save('anthropic', {}, { apiKey: 'sk-ant-REJECTEDkey000000000000' });
    await controller.handle({ type: 'verifyAll' });
    expect(runtime.keysSeen.sort()).toEqual([STORED_KEY, 'sk-ant-REJECTEDkey000000000000'].sort());
    expect(posted.filter((m) => m.type === 'notice')).toEqual([{ type: 'notice', code: 'verifiedAll', verified: 1, failed: ['Anthropic'] }]);
  });
});
