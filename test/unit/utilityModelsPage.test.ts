import { describe, expect, it } from 'vitest';
import { ModelUsageReader } from '../../src/core/costs/modelUsage';
import { ChatModelSelection } from '../../src/core/models/chatModelSelection';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { ModelChoiceStore } from '../../src/core/store/modelChoiceStore';
import { Verifier } from '../../src/core/verify/verifier';
import { ModelsController } from '../../src/host/modelsController';
import type { ToPage, ToPageInput } from '../../src/protocol/messages';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { idleEditorCallbacks } from '../support/pageHarness';

const suggestion = { vendor: 'byok-openai', id: 'openai/gpt-5-mini', modelId: 'gpt-5-mini', name: 'gpt-5-mini', providerName: 'OpenAI' };

function page() {
  const state = new MemoryKeyValue();
  const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), state);
  const posted: ToPage[] = [];
  const applied: { vendor: string; id: string }[] = [];
  const logs: string[] = [];
  const controller = new ModelsController({
    ...idleEditorCallbacks,
    store,
    verifier: new Verifier({ store, timeoutMs: () => 1000 }),
    selection: new ChatModelSelection(store, new ModelChoiceStore(state)),
    usage: new ModelUsageReader({ dailySums: async () => [] }, state),
    post: (m) => void posted.push(m as ToPage),
    log: { warn: (m) => void logs.push(m) },
    utility: {
      show: async (post: (m: ToPageInput) => void) => post({ type: 'utilityModels', offer: { missing: ['utilityModel', 'utilitySmallModel'], suggestion } }),
      apply: async (chosen, post) => {
        applied.push(chosen);
        post({ type: 'utilityModels', applied: { name: 'gpt-5-mini', providerName: 'OpenAI' } });
      },
    },
  });
  return { controller, posted, applied, logs };
}

describe('the Models page offers a model for the chat\'s small tasks', () => {
  it('after the first state, so the page can show the offer', async () => {
    const { controller, posted } = page();
    await controller.handle({ type: 'ready' });
    expect(posted.map((m) => m.type)).toEqual(['init', 'utilityModels']);
    expect(posted[1]).toEqual({ type: 'utilityModels', offer: { missing: ['utilityModel', 'utilitySmallModel'], suggestion } });
  });

  it('"Use … for small tasks" hands the chosen model to the host part, which confirms it', async () => {
    const { controller, posted, applied } = page();
    await controller.handle({ type: 'setUtilityModels', vendor: 'byok-openai', id: 'openai/gpt-5-mini' });
    expect(applied).toEqual([{ vendor: 'byok-openai', id: 'openai/gpt-5-mini' }]);
    expect(posted.at(-1)).toEqual({ type: 'utilityModels', applied: { name: 'gpt-5-mini', providerName: 'OpenAI' } });
  });

  it('a malformed choice is rejected before it reaches the settings', async () => {
    const { controller, posted, applied, logs } = page();
    await controller.handle({ type: 'setUtilityModels', vendor: 'byok-openai', id: 'x'.repeat(600) });
    await controller.handle({ type: 'setUtilityModels', vendor: 42 });
    expect(applied).toEqual([]);
    expect(posted.map((m) => m.type)).toEqual(['notice', 'notice']);
    expect(logs).toHaveLength(2);
  });
});
