import { beforeEach, describe, expect, it } from 'vitest';
import { openAIModelInfo } from '../../src/core/providers/openai/models';
import { fakeRuntime, modelsControllerHost, NEW_KEY } from '../support/modelsControllerHost';

// The Models page's controller: what the chat model picker gets and the page's chat buttons.
describe('ModelsController', () => {
  let host: ReturnType<typeof modelsControllerHost>;

  beforeEach(() => {
    host = modelsControllerHost();
  });

  it('"Use in chat" in a provider\'s section asks for that provider\'s model', async () => {
    await host.controller.handle({ type: 'useInChat', providerId: 'anthropic' });
    await host.controller.handle({ type: 'useInChat' });
    expect(host.useInChatAsked).toEqual(['anthropic', undefined]);
  });

  describe('what a successful Verify puts into the chat model picker', () => {
    /** OpenAI's /v1/models as the runtime returns it (already as model infos), with an embedding model and a dated snapshot. */
    const listing = (ids: string[]) => fakeRuntime(() => ({ ok: true, stages: [], proven: { keyValid: true }, models: ids.map(openAIModelInfo) }));
    const FIRST = ['gpt-4.1', 'gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-mini', 'text-embedding-3-small'];

    it('the first Verify enables the default set at once, says so on the page and offers the chat once', async () => {
      host.runtime = listing(FIRST);
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      expect(host.store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
      expect(host.lastView('openai').modelsJustEnabled).toEqual(['gpt-4.1', 'gpt-4o-mini']);
      expect(host.announced).toEqual([{ providerId: 'openai', models: ['gpt-4.1', 'gpt-4o-mini'] }]);
      expect(host.refreshes).toBeGreaterThan(0);

      // Verifying again announces nothing and enables nothing more.
      await host.controller.handle({ type: 'verifyAll' });
      expect(host.announced).toHaveLength(1);
      expect(host.store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
    });

    it('a model the user unticked stays off after the next Verify', async () => {
      host.runtime = listing(FIRST);
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      await host.controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: ['gpt-4.1'] });
      expect(host.lastView('openai').modelsJustEnabled).toBeUndefined();
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      expect(host.store.enabledModels('openai')).toEqual(['gpt-4.1']);
      // Even when every model was unticked: the provider does not get its defaults back.
      await host.controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: [] });
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      expect(host.store.enabledModels('openai')).toEqual([]);
    });

    it('models that appear later are offered, not added; "Add" puts them into the picker', async () => {
      host.runtime = listing(FIRST);
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      host.runtime = listing([...FIRST, 'gpt-5-mini', 'gpt-5.1']);
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      expect(host.store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
      expect(host.lastView('openai').modelsOffered).toEqual(['gpt-5-mini', 'gpt-5.1']);
      expect(host.announced).toHaveLength(1);

      await host.controller.handle({ type: 'addOfferedModels', providerId: 'openai' });
      expect(host.store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini', 'gpt-5-mini', 'gpt-5.1']);
      expect(host.lastView('openai').modelsOffered).toEqual([]);
    });

    it('a dismissed offer leaves the models unticked and is not made again', async () => {
      host.runtime = listing(FIRST);
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      host.runtime = listing([...FIRST, 'gpt-5-mini']);
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      await host.controller.handle({ type: 'dismissOfferedModels', providerId: 'openai' });
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: {} });
      expect(host.lastView('openai').modelsOffered).toEqual([]);
      expect(host.store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
    });

    it('models the user chose before (synced settings, an older version) are kept as they are', async () => {
      await host.store.setEnabledModels('openai', ['gpt-4o']);
      host.runtime = listing(FIRST);
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      expect(host.store.enabledModels('openai')).toEqual(['gpt-4o']);
      expect(host.announced).toEqual([]);
    });

    it('a failed Verify enables nothing', async () => {
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      expect(host.store.enabledModels('openai')).toEqual([]);
      expect(host.announced).toEqual([]);
    });

    it('after Remove, setting the provider up again starts with the defaults', async () => {
      host.runtime = listing(FIRST);
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      await host.controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: [] });
      await host.controller.handle({ type: 'remove', providerId: 'openai' });
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      expect(host.store.enabledModels('openai')).toEqual(['gpt-4.1', 'gpt-4o-mini']);
      expect(host.announced).toHaveLength(2);
    });
  });

  it('"Chat" on a model not ticked yet ticks it first, so the chat opens with exactly that model', async () => {
    await host.controller.handle({ type: 'useInChat', providerId: 'openai', modelId: 'o3-mini' });
    expect(host.store.enabledModels('openai')).toEqual(['o3-mini']);
    expect(host.useInChatAsked).toEqual(['openai/o3-mini']);
    expect(host.refreshes).toBe(1);
  });

  it('"Chat with this model" and "Why isn\'t it in the picker?" on a model row name that model', async () => {
    await host.controller.handle({ type: 'useInChat', providerId: 'openai', modelId: 'gpt-4o-mini' });
    await host.controller.handle({ type: 'diagnose', providerId: 'openai', modelId: 'gpt-4o-mini' });
    await host.controller.handle({ type: 'diagnose', providerId: 'anthropic' });
    expect(host.useInChatAsked).toEqual(['openai/gpt-4o-mini']);
    expect(host.diagnosed).toEqual([['openai', 'gpt-4o-mini'], ['anthropic', undefined]]);
  });
});
