import { beforeEach, describe, expect, it } from 'vitest';
import { ModelUsageReader } from '../../src/core/costs/modelUsage';
import { ChatModelSelection } from '../../src/core/models/chatModelSelection';
import { ModelChoiceStore } from '../../src/core/store/modelChoiceStore';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { NAME_TAKEN } from '../../src/core/store/endpointNames';
import { Verifier } from '../../src/core/verify/verifier';
import { ModelsController } from '../../src/host/modelsController';
import type { ToPage } from '../../src/protocol/messages';
import { lookup, setBundle } from '../../src/webview/l10n';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { idleEditorCallbacks } from '../support/pageHarness';

/**
 * Two endpoints both named "Gateway" showed as identical "llama3.2:latest · Gateway" rows in the
 * editor's model manager: a name another endpoint has is refused, on the Name field.
 */
describe('OpenAI-compatible endpoint names', () => {
  let settings: MemoryKeyValue;
  let store: CredentialStore;
  let posted: ToPage[];
  let controller: ModelsController;

  beforeEach(() => {
    const state = new MemoryKeyValue();
    settings = new MemoryKeyValue();
    store = new CredentialStore(new MemorySecrets(), settings, state);
    posted = [];
    controller = new ModelsController({
      ...idleEditorCallbacks,
      store,
      // No endpoint is verified here; the verifier never loads a runtime.
      verifier: new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => Promise.reject(new Error('not used')) }),
      selection: new ChatModelSelection(store, new ModelChoiceStore(state)),
      usage: new ModelUsageReader({ dailySums: async () => [] }, state),
      post: (m) => void posted.push(m as ToPage),
      log: { warn: () => undefined },
    });
  });

  const compatibleIds = () => store.providerIds().filter((id) => id.startsWith('compatible.'));

  it('the add form refuses a name an endpoint already has, whatever its case and spaces, and adds nothing', async () => {
    await controller.handle({ type: 'addCompatible', name: 'Gateway', baseUrl: 'https://eu.gateway.example/v1' });
    expect(posted.at(-1)).toEqual({ type: 'added', providerId: 'compatible.gateway' });

    await controller.handle({ type: 'addCompatible', name: '  gateway ', baseUrl: 'https://us.gateway.example/v1' });
    expect(posted.at(-1)).toEqual({ type: 'saved', providerId: 'new', ok: false, fieldErrors: { name: NAME_TAKEN.message } });
    expect(compatibleIds()).toEqual(['compatible.gateway']);
    expect(JSON.stringify(settings.get('compatibleEndpoints'))).not.toContain('us.gateway');

    // The page shows the message with the name the user typed.
    setBundle({});
    expect(lookup(NAME_TAKEN.message, ['gateway'])).toBe('An endpoint named "gateway" already exists. Choose another name.');

    await controller.handle({ type: 'addCompatible', name: 'Gateway US', baseUrl: 'https://us.gateway.example/v1' });
    expect(posted.at(-1)).toEqual({ type: 'added', providerId: 'compatible.gateway-us' });
  });

  it('two adds of one name sent together create one endpoint', async () => {
    const [a, b] = await Promise.all([store.addCompatible('Ollama'), store.addCompatible('OLLAMA')]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(compatibleIds()).toEqual(['compatible.ollama']);
  });

  it('Save refuses renaming an endpoint to another endpoint\'s name, and keeps the stored name', async () => {
    const eu = await store.addCompatible('Gateway', 'https://eu.gateway.example/v1');
    const us = await store.addCompatible('Gateway US', 'https://us.gateway.example/v1');
    if (!eu.ok || !us.ok) throw new Error('setup: both endpoints should be added');

    await controller.handle({ type: 'save', providerId: us.id, settings: { name: 'GATEWAY', baseUrl: 'https://us.gateway.example/v1' }, secrets: {} });
    expect(posted.at(-1)).toEqual({ type: 'saved', providerId: us.id, ok: false, fieldErrors: { name: NAME_TAKEN.message } });
    expect((await store.snapshotOf(us.id)).displayName).toBe('Gateway US');

    // Its own name in another case is not "taken".
    await controller.handle({ type: 'save', providerId: eu.id, settings: { name: 'GATEWAY', baseUrl: 'https://eu.gateway.example/v1' }, secrets: {} });
    expect(posted.find((m) => m.type === 'saved' && m.providerId === eu.id)).toMatchObject({ ok: true });
    expect((await store.snapshotOf(eu.id)).displayName).toBe('GATEWAY');
  });
});
