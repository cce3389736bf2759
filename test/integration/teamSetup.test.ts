import { beforeEach, describe, expect, it } from 'vitest';
import { ModelUsageReader } from '../../src/core/costs/modelUsage';
import { ChatModelSelection } from '../../src/core/models/chatModelSelection';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { ModelChoiceStore } from '../../src/core/store/modelChoiceStore';
import { Verifier } from '../../src/core/verify/verifier';
import { ModelsController } from '../../src/host/modelsController';
import { TeamSetupFlow, type FoundTeamFile } from '../../src/host/teamSetupFlow';
import type { ProviderView, ToPage } from '../../src/protocol/messages';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { useSimulator } from './simulatorFixture';
import { idleEditorCallbacks } from '../support/pageHarness';

/**
 * The Models page's team setup and "Import from environment", through the controller, the real
 * verifier and the OpenAI SDK against the simulator: what reaches the provider, and when.
 */
const sim = useSimulator();

describe('team setup and environment keys against the simulator', () => {
  let store: CredentialStore;
  let secrets: MemorySecrets;
  let posted: ToPage[];
  let controller: ModelsController;
  let teamFile: FoundTeamFile | undefined;
  let env: Record<string, string>;

  beforeEach(() => {
    secrets = new MemorySecrets();
    const state = new MemoryKeyValue();
    store = new CredentialStore(secrets, new MemoryKeyValue(), state);
    posted = [];
    teamFile = undefined;
    env = {};
    const team = new TeamSetupFlow({
      store,
      findTeamFile: async () => teamFile,
      adoptionState: () => state,
      pickImportFile: async () => undefined,
      saveExport: async () => undefined,
      keyHints: state,
      environment: () => env,
      awsProfileNames: async () => [],
    });
    controller = new ModelsController({
      ...idleEditorCallbacks,
      store,
      verifier: new Verifier({ store, timeoutMs: () => 5_000 }),
      selection: new ChatModelSelection(store, new ModelChoiceStore(state)),
      usage: new ModelUsageReader({ dailySums: async () => [] }, state),
      post: (m) => void posted.push(m as ToPage),
      log: { warn: () => undefined },
      team,
    });
  });

  const lastTeam = () => posted.filter((m): m is Extract<ToPage, { type: 'teamSetup' }> => m.type === 'teamSetup').at(-1)!;
  const view = (id: string): ProviderView =>
    posted
      .flatMap((m) => (m.type === 'provider' ? [m.provider] : m.type === 'state' || m.type === 'init' ? m.providers : []))
      .filter((p) => p.id === id)
      .at(-1)!;
  const requestsWith = (key: string) => sim.requests.filter((r) => JSON.stringify(r.headers).includes(key));

  it('a gateway from the team file: offered on ready, configured on "Use it", then the member adds a key and Verify works', async () => {
    teamFile = {
      origin: 'workspace',
      file: '.vscode/byok-team.json',
      text: JSON.stringify({ version: 1, name: 'Acme', providers: { compatible: [{ name: 'Acme gateway', baseUrl: `${sim.url}/openai-gateway/v1`, models: ['gpt-4o-mini'], keysNeeded: ['apiKey'] }] } }),
    };
    await controller.handle({ type: 'ready' });
    const offer = lastTeam().offer!;
    expect(offer.changes).toEqual([expect.objectContaining({ displayName: 'Acme gateway', action: 'add', keysNeeded: ['API key'] })]);
    await controller.handle({ type: 'teamSetupAccept', digest: offer.digest });
    const need = lastTeam().applied!.keysNeeded[0]!;
    expect(need).toMatchObject({ displayName: 'Acme gateway', keys: ['API key'] });
    expect(view(need.providerId).settings).toMatchObject({ baseUrl: `${sim.url}/openai-gateway/v1` });
    expect(sim.requests).toEqual([]);

    const key = 'gw-member-key-000000000000aaaa';
    // The page's form sends the settings it shows (the team's) with the typed key.
    const { name, baseUrl, models } = view(need.providerId).settings as { name: string; baseUrl: string; models: string[] };
    await controller.handle({ type: 'verify', providerId: need.providerId, settings: { name, baseUrl, models }, secrets: { apiKey: key } });
    expect(view(need.providerId).lastResult?.ok).toBe(true);
    expect(await secrets.get(`byok/${need.providerId}/apiKey`)).toBe(key);
    expect(requestsWith(key).map((r) => r.path)).toContain('/openai-gateway/v1/models');
    expect(store.enabledModels(need.providerId)).toContain('gpt-4o-mini');
  });

  it('a team file moving a provider with a stored key to another host: no request carries the key until the user confirms', async () => {
    const key = 'sk-proj-mine-valid-0000000000bbbb';
    expect(await store.save('openai', { baseUrl: `${sim.url}/v1` }, { apiKey: key })).toEqual({ ok: true });
    // The same simulator under another host name: another endpoint for the key binding.
    const otherHost = sim.url.replace('127.0.0.1', 'localhost');
    teamFile = { origin: 'workspace', file: '.vscode/byok-team.json', text: JSON.stringify({ version: 1, providers: { openai: { baseUrl: `${otherHost}/v1` } } }) };
    await controller.handle({ type: 'ready' });
    const offer = lastTeam().offer!;
    expect(offer.changes[0]).toMatchObject({ displayName: 'OpenAI', keyWaitsForConfirmation: true });
    await controller.handle({ type: 'teamSetupAccept', digest: offer.digest });
    expect(view('openai').endpointChanged).toBe(true);

    await controller.handle({ type: 'verifyAll' });
    expect(view('openai').lastResult?.ok).not.toBe(true);
    expect(requestsWith(key)).toEqual([]);

    await controller.handle({ type: 'confirmEndpoint', providerId: 'openai' });
    expect(view('openai').lastResult?.ok).toBe(true);
    expect(requestsWith(key).map((r) => r.headers.host)).toEqual([otherHost.replace('http://', '')]);
  });

  it('"Import from environment": the page sees name and last four; a key is stored only after it verified', async () => {
    env = { OPENAI_API_KEY: 'sk-proj-env-valid-000000000cccc' };
    await controller.handle({ type: 'save', providerId: 'openai', settings: { baseUrl: `${sim.url}/v1` }, secrets: {} });
    await controller.handle({ type: 'listEnvironmentKeys' });
    expect(posted.find((m) => m.type === 'environmentKeys')).toEqual({ type: 'environmentKeys', keys: [{ ref: 'env:OPENAI_API_KEY', providerId: 'openai', name: 'OPENAI_API_KEY', last4: 'cccc' }] });
    expect(JSON.stringify(posted)).not.toContain('env-valid');

    // A rejected key from the environment is not stored.
    env.OPENAI_API_KEY = 'sk-proj-sim-invalid_key-00000dddd';
    await controller.handle({ type: 'importEnvironmentKey', ref: 'env:OPENAI_API_KEY' });
    expect(view('openai').rejectedDraft?.ok).toBe(false);
    expect(await secrets.get('byok/openai/apiKey')).toBeUndefined();

    env.OPENAI_API_KEY = 'sk-proj-env-valid-000000000cccc';
    await controller.handle({ type: 'importEnvironmentKey', ref: 'env:OPENAI_API_KEY' });
    expect(view('openai').lastResult?.ok).toBe(true);
    expect(await secrets.get('byok/openai/apiKey')).toBe(env.OPENAI_API_KEY);
    expect(JSON.stringify(posted)).not.toContain('env-valid');
  });
});
