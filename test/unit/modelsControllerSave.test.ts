import { beforeEach, describe, expect, it } from 'vitest';
import { VALUE_TOO_LONG } from '../../src/core/store/fieldErrors';
import { MALFORMED_MESSAGE_LOG } from '../../src/host/modelsController';
import { acceptsEveryKey, modelsControllerHost, NEW_KEY, STORED_KEY } from '../support/modelsControllerHost';

// The Models page's controller: saving, removing and what the editor refuses.
describe('ModelsController', () => {
  let host: ReturnType<typeof modelsControllerHost>;

  beforeEach(() => {
    host = modelsControllerHost();
  });

  it('saves a key to secret storage and settings to user settings, and tells the page only the last four characters', async () => {
    await host.controller.handle({ type: 'save', providerId: 'openai', settings: { organization: 'org-team' }, secrets: { apiKey: `  ${STORED_KEY}\n` } });
    expect(await host.secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
    expect(host.settings.get<Record<string, unknown>>('openai')).toMatchObject({ organization: 'org-team' });
    expect(host.posted.find((m) => m.type === 'saved')).toEqual({ type: 'saved', providerId: 'openai', ok: true, fieldErrors: {} });
    expect(host.lastView('openai').secrets.apiKey).toEqual({ present: true, last4: '1111' });
    expect(JSON.stringify(host.posted)).not.toContain(STORED_KEY);
    expect(JSON.stringify(host.posted)).not.toContain('STOREDkey');
    expect(host.refreshes).toBe(1);
  });

  it('keeps the stored key when Save comes with an empty key field', async () => {
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    await host.controller.handle({ type: 'save', providerId: 'openai', settings: { project: 'proj-1' }, secrets: { apiKey: '' } });
    expect(await host.secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
    expect(host.settings.get<Record<string, unknown>>('openai')).toMatchObject({ project: 'proj-1' });
  });

  it('reports invalid fields by name and writes nothing', async () => {
    await host.controller.handle({ type: 'save', providerId: 'openai', settings: { baseUrl: 'http://api.example.com/v1' }, secrets: { apiKey: 'sk-with space' } });
    const saved = host.posted.find((m) => m.type === 'saved');
    expect(saved).toMatchObject({ ok: false });
    if (saved?.type !== 'saved') return;
    expect(saved.fieldErrors.baseUrl).toBe('Base URL must use https:// (http:// is allowed only for localhost and 127.0.0.1).');
    expect(saved.fieldErrors.apiKey).toBe('API key contains spaces or line breaks; paste the key alone.');
    expect(host.secrets.map.size).toBe(0);
    expect(host.settings.get('openai')).toBeUndefined();
  });

  it('rejects a malformed message without logging its content and changes nothing', async () => {
    await host.store.save('openai', {}, { apiKey: STORED_KEY });
    const before = { secrets: JSON.stringify([...host.secrets.map]), settings: host.settings.dump(), state: host.state.dump() };
    const canary = `sk-proj-CANARY${'z'.repeat(9000)}`;
    await host.controller.handle({ type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: canary } });
    await host.controller.handle({ type: 'exfiltrate', key: 'sk-proj-CANARY-2' });
    expect(host.logs).toEqual([MALFORMED_MESSAGE_LOG, MALFORMED_MESSAGE_LOG]);
    expect(host.logs.join()).not.toContain('CANARY');
    // A Save refused only for its length is told at the field; anything else is a page-wide "rejected".
    expect(host.posted).toEqual([
      { type: 'saved', providerId: 'openai', ok: false, fieldErrors: { apiKey: VALUE_TOO_LONG.message } },
      { type: 'notice', code: 'rejected' },
    ]);
    expect({ secrets: JSON.stringify([...host.secrets.map]), settings: host.settings.dump(), state: host.state.dump() }).toEqual(before);
  });

  it('removes a provider with its secrets, settings and result', async () => {
    await host.store.save('openai', { organization: 'org-x' }, { apiKey: STORED_KEY });
    await host.controller.handle({ type: 'remove', providerId: 'openai' });
    expect(await host.secrets.get('byok/openai/apiKey')).toBeUndefined();
    expect(host.settings.get('openai')).toBeUndefined();
    const view = host.lastView('openai');
    expect(view.configured).toBe(false);
    expect(view.secrets.apiKey).toEqual({ present: false });
  });

  it('stores the models enabled for chat and refreshes the chat providers', async () => {
    await host.controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: ['gpt-4o'] });
    expect(host.store.enabledModels('openai')).toEqual(['gpt-4o']);
    expect(host.lastView('openai').enabledModels).toEqual(['gpt-4o']);
    expect(host.refreshes).toBe(1);
  });

  it('adds an OpenAI-compatible endpoint after checking its name and base URL', async () => {
    await host.controller.handle({ type: 'addCompatible', name: 'Gateway', baseUrl: 'http://gateway.internal/v1' });
    expect(host.posted.at(-1)).toEqual({
      type: 'saved',
      providerId: 'new',
      ok: false,
      fieldErrors: { baseUrl: 'Base URL must use https:// (http:// is allowed only for localhost and 127.0.0.1).' },
    });
    expect(host.store.providerIds()).toHaveLength(5);

    await host.controller.handle({ type: 'addCompatible', name: 'Ollama', baseUrl: 'http://localhost:11434/v1' });
    expect(host.posted.at(-1)).toEqual({ type: 'added', providerId: 'compatible.ollama' });
    expect(host.lastView('compatible.ollama')).toMatchObject({ displayName: 'Ollama', kind: 'compatible', settings: { baseUrl: 'http://localhost:11434/v1' } });
  });

  describe('when the editor refuses a write', () => {
    // VS Code's own words when settings.json has a syntax error (ConfigurationEditing, 1.139).
    const SETTINGS_REFUSED = 'Unable to write into user settings. Please open the user settings to correct errors/warnings in it and try again.';
    const refuseSettings = () => {
      host.settings.update = async () => {
        throw new Error(SETTINGS_REFUSED);
      };
    };

    it('Save says the settings could not be written, with the editor\'s reason, and stores no key', async () => {
      await host.store.save('openai', {}, { apiKey: STORED_KEY });
      refuseSettings();
      await host.controller.handle({ type: 'save', providerId: 'openai', settings: { organization: 'org-new' }, secrets: { apiKey: NEW_KEY } });
      expect(host.posted.find((m) => m.type === 'saved')).toEqual({
        type: 'saved',
        providerId: 'openai',
        ok: false,
        fieldErrors: { _: 'Your user settings could not be written, so nothing was saved.', _detail: SETTINGS_REFUSED },
      });
      expect(await host.secrets.get('byok/openai/apiKey')).toBe(STORED_KEY);
      expect([...host.secrets.map.keys()]).toEqual(['byok/openai/apiKey']);
    });

    it('Verify says so too and stores nothing', async () => {
      host.runtime = acceptsEveryKey();
      refuseSettings();
      await host.controller.handle({ type: 'verify', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      // Verify-then-swap writes the settings only after the check succeeded: the refusal comes then.
      expect(host.posted.find((m) => m.type === 'notice')).toMatchObject({ code: 'notSaved', detail: SETTINGS_REFUSED });
      expect(host.secrets.map.size).toBe(0);
      expect(host.lastView('openai').lastResult).toBeUndefined();
    });

    it('a key the secret storage refuses is reported without the key in the reason', async () => {
      host.secrets.store = async (_key, value) => {
        throw new Error(`Cannot create an item in a locked collection (value ${value})`);
      };
      await host.controller.handle({ type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: NEW_KEY } });
      const saved = host.posted.find((m) => m.type === 'saved');
      expect(saved).toMatchObject({ ok: false, fieldErrors: { _: 'The editor’s secret storage did not accept the value, so it was not stored.' } });
      if (saved?.type !== 'saved') return;
      expect(saved.fieldErrors._detail).toContain('Cannot create an item in a locked collection');
      expect(JSON.stringify(host.posted)).not.toContain(NEW_KEY.slice(8));
    });

    it('enabling a model shows a notice with the reason, and the page is sent what is really stored', async () => {
      refuseSettings();
      await host.controller.handle({ type: 'setEnabledModels', providerId: 'openai', models: ['gpt-4o'] });
      const notice = host.posted.find((m) => m.type === 'notice');
      expect(notice).toEqual({ type: 'notice', code: 'notSaved', detail: SETTINGS_REFUSED });
      expect(host.posted.at(-1)?.type).toBe('state');
      expect(host.lastView('openai').enabledModels).toEqual([]);
      expect(host.logs.join('\n')).not.toContain(SETTINGS_REFUSED);
    });

    it('adding an endpoint keeps the form (no "added") and shows the notice', async () => {
      refuseSettings();
      await host.controller.handle({ type: 'addCompatible', name: 'Ollama', baseUrl: 'http://localhost:11434/v1' });
      expect(host.posted.some((m) => m.type === 'added' || (m.type === 'saved' && m.ok))).toBe(false);
      expect(host.posted.find((m) => m.type === 'notice')).toMatchObject({ code: 'notSaved', detail: SETTINGS_REFUSED });
      expect(host.store.providerIds()).toHaveLength(5);
    });
  });
});
