import { beforeEach, describe, expect, it } from 'vitest';
import { UsageLedger } from '../../src/core/costs/ledger';
import { LEGACY_USAGE_KEY, ModelUsageReader } from '../../src/core/costs/modelUsage';
import { ChatModelSelection } from '../../src/core/models/chatModelSelection';
import { ModelChoiceStore } from '../../src/core/store/modelChoiceStore';
import { ModelsController } from '../../src/host/modelsController';
import type { ToPage } from '../../src/protocol/messages';
import { modelsControllerHost, STORED_KEY } from '../support/modelsControllerHost';
import { idleEditorCallbacks } from '../support/pageHarness';

// The Models page's controller: opening the page: providers, editor without chat, usage.
describe('ModelsController', () => {
  let host: ReturnType<typeof modelsControllerHost>;

  beforeEach(() => {
    host = modelsControllerHost();
  });

  it('answers ready with every provider and the l10n bundle, each "not verified yet"', async () => {
    await host.controller.handle({ type: 'ready' });
    const init = host.posted[0]!;
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
      store: host.store,
      verifier: host.verifier(),
      selection: new ChatModelSelection(host.store, new ModelChoiceStore(host.state)),
      usage: host.usage,
      post: (m) => void host.posted.push(m as ToPage),
      log: { warn: (m) => void host.logs.push(m) },
      noChat: { editor: 'code-server 1.99.3', reason: 'api' },
    });
    await withoutChat.handle({ type: 'ready' });
    const init = host.posted[0]!;
    if (init.type !== 'init') throw new Error('no init');
    expect(init.editorWithoutChat).toBe('code-server 1.99.3');
    expect(init.chatMissing).toBe('api');
    expect(init.providers).toHaveLength(5);
  });

  it('the header\'s "Usage, costs and budgets" opens the usage view and writes nothing', async () => {
    const before = JSON.stringify([host.settings.dump(), host.state.dump()]);
    await host.controller.handle({ type: 'openUsage' });
    expect(host.usageOpened).toBe(1);
    expect(JSON.stringify([host.settings.dump(), host.state.dump()])).toBe(before);
  });

  it('offers Bedrock the profile names found in the AWS config files, and no other provider', async () => {
    await host.controller.handle({ type: 'ready' });
    const init = host.posted[0]!;
    if (init.type !== 'init') throw new Error('no init');
    expect(init.providers.find((p) => p.kind === 'bedrock')?.awsProfiles).toEqual(['default', 'dev-sso']);
    expect(init.providers.filter((p) => p.kind !== 'bedrock').every((p) => p.awsProfiles === undefined)).toBe(true);
  });

  describe('"Used in chat" per model, read from the usage ledger every window appends to', () => {
    /** An answer as another editor window (its own ledger object over the same folder) records it. */
    const answerFromAnotherWindow = (provider: string, model: string, inputTokens: number, outputTokens: number, servedBy?: 'fallback') =>
      new UsageLedger(host.ledgerDir).append({ time: new Date(), provider, model, usage: { inputTokens, outputTokens }, cost: { usd: 0.001, source: 'catalogue' }, servedBy });

    it('shows answers another window recorded, and answers recorded before the page was opened', async () => {
      await host.store.save('openai', {}, { apiKey: STORED_KEY });
      answerFromAnotherWindow('openai', 'gpt-4o', 1200, 80);
      answerFromAnotherWindow('anthropic', 'claude-sonnet-4-5', 10, 5);
      await host.controller.handle({ type: 'ready' });
      expect(host.lastView('openai').usage).toEqual({ 'gpt-4o': { requests: 1, inputTokens: 1200, outputTokens: 80 } });
      // Another window answers while this page is open: the next refresh shows it.
      answerFromAnotherWindow('openai', 'gpt-4o', 300, 20, 'fallback');
      await host.controller.refreshProvider('openai');
      expect(host.lastView('openai').usage).toEqual({ 'gpt-4o': { requests: 2, inputTokens: 1500, outputTokens: 100, fallbackRequests: 1 } });
      expect(host.lastView('anthropic').usage).toEqual({ 'claude-sonnet-4-5': { requests: 1, inputTokens: 10, outputTokens: 5 } });
    });

    it('after a restart (a new ledger object and page) the lines are the same, 0.1\'s totals included', async () => {
      await host.state.update(LEGACY_USAGE_KEY, { openai: { 'gpt-4o': { requests: 3, inputTokens: 30, outputTokens: 3, lastUsedAt: '2026-11-30T10:00:00.000Z' } } });
      answerFromAnotherWindow('openai', 'gpt-4o', 1200, 80);
      await host.controller.handle({ type: 'ready' });
      const before = host.lastView('openai').usage;
      expect(before).toEqual({ 'gpt-4o': { requests: 4, inputTokens: 1230, outputTokens: 83 } });
      const restarted = new ModelsController({ ...idleEditorCallbacks, store: host.store, verifier: host.verifier(), selection: new ChatModelSelection(host.store, new ModelChoiceStore(host.state)), usage: new ModelUsageReader(new UsageLedger(host.ledgerDir), host.state), post: (m) => void host.posted.push(m as ToPage), log: { warn: () => undefined } });
      await restarted.handle({ type: 'ready' });
      expect(host.lastView('openai').usage).toEqual(before);
    });

    it('removing a provider starts its lines from zero; later answers count again, the other providers keep theirs', async () => {
      await host.store.save('openai', {}, { apiKey: STORED_KEY });
      await host.state.update(LEGACY_USAGE_KEY, { openai: { 'gpt-4o': { requests: 3, inputTokens: 30, outputTokens: 3, lastUsedAt: '2026-11-30T10:00:00.000Z' } } });
      answerFromAnotherWindow('openai', 'gpt-4o', 1200, 80);
      answerFromAnotherWindow('anthropic', 'claude-sonnet-4-5', 10, 5);
      await host.controller.handle({ type: 'remove', providerId: 'openai' });
      expect(host.lastView('openai').usage).toEqual({});
      expect(Object.keys(host.lastView('anthropic').usage ?? {})).toEqual(['claude-sonnet-4-5']);
      await host.store.save('openai', {}, { apiKey: STORED_KEY });
      answerFromAnotherWindow('openai', 'gpt-4o', 7, 1);
      await host.controller.refreshProvider('openai');
      expect(host.lastView('openai').usage).toEqual({ 'gpt-4o': { requests: 1, inputTokens: 7, outputTokens: 1 } });
    });
  });
});
