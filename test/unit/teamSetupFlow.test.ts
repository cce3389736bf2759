import { beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/core/providers/kinds';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { formatText } from '../../src/core/text';
import { exportConfiguration } from '../../src/core/teamSetup/exportConfiguration';
import { environmentCandidates, environmentImport } from '../../src/core/teamSetup/environmentKeys';
import { parseTeamFile } from '../../src/core/teamSetup/teamFile';
import { TeamSetupFlow, type FoundTeamFile, type TeamSetupPorts } from '../../src/host/teamSetupFlow';
import { ToPageSchema, type ToPage } from '../../src/protocol/messages';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';

const CANARY = 'CANARY7f3a9c';
const KEYS = {
  openai: `sk-proj-${CANARY}openai0001`,
  anthropic: `sk-ant-api03-${CANARY}anthropic02`,
  gemini: `AIzaSy${CANARY}gemini000000000003`,
  azure: `${CANARY}0123456789abcdef0123`,
  bedrockId: 'AKIACANARY7F3A9C0004',
  bedrockSecret: `${CANARY}/bedrock+secret0000000005`,
  gateway: `gw-${CANARY}-gateway-0006`,
  header: `team-${CANARY}-header-0007`,
};

async function configuredStore(): Promise<{ store: CredentialStore; secrets: MemorySecrets; settings: MemoryKeyValue; state: MemoryKeyValue }> {
  const secrets = new MemorySecrets();
  const settings = new MemoryKeyValue();
  const state = new MemoryKeyValue();
  const store = new CredentialStore(secrets, settings, state);
  const save = async (id: ProviderId, s: Record<string, unknown>, k: Record<string, string>) => expect(await store.save(id, s, k)).toEqual({ ok: true });
  await save('openai', { baseUrl: 'https://api.openai.com/v1', organization: 'org-acme' }, { apiKey: KEYS.openai });
  await save('anthropic', {}, { apiKey: KEYS.anthropic });
  await save('gemini', {}, { apiKey: KEYS.gemini });
  await save('azure', { endpoint: 'https://acme.openai.azure.com', deployments: [{ name: 'gpt-4o-prod', model: 'gpt-4o' }] }, { apiKey: KEYS.azure });
  await save('bedrock', { region: 'eu-central-1', authMode: 'accessKeys' }, { accessKeyId: KEYS.bedrockId, secretAccessKey: KEYS.bedrockSecret });
  const added = await store.addCompatible('Acme gateway', 'https://llm.acme.example/v1');
  if (!added.ok) throw new Error('not added');
  await save(added.id, { name: 'Acme gateway', baseUrl: 'https://llm.acme.example/v1', models: ['team-model'] }, { apiKey: KEYS.gateway, extraHeaders: `X-Acme-Team: ${KEYS.header}` });
  await store.setEnabledModels('openai', ['gpt-4o', 'gpt-4o-mini']);
  await store.setEnabledModels(added.id, ['team-model']);
  return { store, secrets, settings, state };
}

describe('Export configuration', () => {
  it('never contains a secret (canary keys in every provider), and lists which keys each provider needs', async () => {
    const { store } = await configuredStore();
    const outcome = await exportConfiguration(store);
    if (!outcome.ok) throw new Error(outcome.paths.join());
    expect(outcome.json).not.toContain(CANARY);
    expect(outcome.json).not.toMatch(/canary/i);
    const file = JSON.parse(outcome.json);
    expect(file.version).toBe(1);
    expect(file.providers.openai).toEqual({ baseUrl: 'https://api.openai.com/v1', organization: 'org-acme', models: ['gpt-4o', 'gpt-4o-mini'], keysNeeded: ['apiKey'] });
    expect(file.providers.bedrock.keysNeeded).toEqual(['accessKeyId', 'secretAccessKey']);
    // The gateway's header name travels, its value (the member's own) does not.
    expect(file.providers.compatible).toEqual([{ name: 'Acme gateway', baseUrl: 'https://llm.acme.example/v1', models: ['team-model'], keysNeeded: ['apiKey', 'extraHeaders'], headerNames: ['X-Acme-Team'] }]);
    expect(outcome.providers).toBe(6);
  });

  it('an export reads back as a valid team file, and importing it elsewhere gives the same configuration (round trip)', async () => {
    const { store } = await configuredStore();
    const first = await exportConfiguration(store);
    if (!first.ok) throw new Error('export refused');
    const parsed = parseTeamFile(first.json);
    if (!parsed.ok) throw new Error(formatText(parsed.reason));

    const other = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
    const global = new MemoryKeyValue();
    const flow = new TeamSetupFlow(ports(other, undefined, { pickImport: { file: '/tmp/byok-configuration.json', text: first.json }, global }));
    const page = recorder();
    await flow.handle({ type: 'importConfiguration' }, page);
    const offer = page.last('teamSetup').offer!;
    expect(offer.origin).toBe('import');
    expect(offer.changes.map((c) => [c.displayName, c.action])).toEqual([
      ['OpenAI', 'add'],
      ['Anthropic', 'add'],
      ['Google Gemini', 'add'],
      ['Azure OpenAI', 'add'],
      ['AWS Bedrock', 'add'],
      ['Acme gateway', 'add'],
    ]);
    // Nothing is written before the user applies it.
    expect((await other.snapshot()).filter((s) => s.configured)).toEqual([]);
    await flow.handle({ type: 'teamSetupAccept', digest: offer.digest }, page);

    // Exported again before any key is added: the same file, keys needed and header names included.
    const second = await exportConfiguration(other, global);
    if (!second.ok) throw new Error('export refused');
    expect(JSON.parse(second.json)).toEqual(JSON.parse(first.json));
    // Then it asks for each missing key.
    const applied = page.last('teamSetup').applied!;
    expect(applied.keysNeeded.map((n) => [n.displayName, n.keys])).toEqual([
      ['OpenAI', ['API key']],
      ['Anthropic', ['API key']],
      ['Google Gemini', ['API key']],
      ['Azure OpenAI', ['API key']],
      ['AWS Bedrock', ['Access key ID', 'Secret access key']],
      ['Acme gateway', ['API key', 'Extra headers']],
    ]);
  });
});

/** Every message the flow sends to the page, checked against the protocol like the controller's. */
function recorder() {
  const posted: ToPage[] = [];
  let refreshes = 0;
  return {
    posted,
    get refreshes() {
      return refreshes;
    },
    post: (message: unknown) => void posted.push(ToPageSchema.parse(message)),
    refresh: async () => void refreshes++,
    last<T extends ToPage['type']>(type: T): Extract<ToPage, { type: T }> {
      const found = posted.filter((m) => m.type === type).at(-1);
      if (!found) throw new Error(`no ${type} message`);
      return found as Extract<ToPage, { type: T }>;
    },
  };
}

function ports(
  store: CredentialStore,
  teamFile: (() => FoundTeamFile | undefined) | undefined,
  options: { pickImport?: { file: string; text: string }; env?: Record<string, string>; profiles?: string[]; workspace?: MemoryKeyValue; global?: MemoryKeyValue } = {},
): TeamSetupPorts {
  const workspace = options.workspace ?? new MemoryKeyValue();
  const global = options.global ?? new MemoryKeyValue();
  return {
    store,
    findTeamFile: async () => teamFile?.(),
    adoptionState: (origin) => (origin === 'workspace' ? workspace : global),
    pickImportFile: async () => options.pickImport,
    saveExport: async () => '/tmp/export.json',
    keyHints: global,
    environment: () => options.env ?? {},
    awsProfileNames: async () => options.profiles ?? [],
  };
}

const GATEWAY_FILE = JSON.stringify({
  version: 1,
  name: 'Acme platform',
  allowedProviders: ['compatible', 'openai'],
  allowedReason: 'only the audited gateway and OpenAI',
  providers: {
    openai: { baseUrl: 'https://openai-proxy.acme.example/v1' },
    compatible: [{ name: 'Acme gateway', baseUrl: 'https://llm.acme.example/v1', headerNames: ['X-Acme-Team'], models: ['gpt-4o-mini'] }],
  },
});

describe('a team file in the workspace', () => {
  let store: CredentialStore;
  let file: FoundTeamFile | undefined;
  let workspace: MemoryKeyValue;
  let flow: TeamSetupFlow;

  beforeEach(() => {
    store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
    file = { origin: 'workspace', file: '.vscode/byok-team.json', text: GATEWAY_FILE };
    workspace = new MemoryKeyValue();
    flow = new TeamSetupFlow(ports(store, () => file, { workspace }));
  });

  it('is offered, not applied: the page shows what will change, and nothing is written until "Use it"', async () => {
    const page = recorder();
    await flow.show(page);
    const view = page.last('teamSetup');
    expect(view.offer).toMatchObject({ origin: 'workspace', name: 'Acme platform', file: '.vscode/byok-team.json' });
    expect(view.offer!.changes).toEqual([
      expect.objectContaining({ displayName: 'OpenAI', action: 'add', fields: ['baseUrl'], keysNeeded: ['API key'] }),
      expect.objectContaining({ displayName: 'Acme gateway', action: 'add', models: ['gpt-4o-mini'], headerNames: ['X-Acme-Team'], keysNeeded: ['Extra headers'] }),
    ]);
    expect(view.offer!.disabled.map((d) => d.displayName)).toEqual(['Anthropic', 'Google Gemini', 'Azure OpenAI', 'AWS Bedrock']);
    // Not adopted yet: nothing disabled, nothing configured.
    expect(view.disabled).toEqual([]);
    expect((await store.snapshot()).some((s) => s.configured)).toBe(false);
  });

  it('"Not now" hides the offer for this file; a changed file is offered again', async () => {
    const page = recorder();
    await flow.handle({ type: 'teamSetupDismiss' }, page);
    expect(page.last('teamSetup').offer).toBeUndefined();
    file = { ...file!, text: GATEWAY_FILE.replace('Acme platform', 'Acme platform v2') };
    await flow.show(page);
    expect(page.last('teamSetup').offer?.name).toBe('Acme platform v2');
  });

  it('"Use it" configures the endpoints, enables its models, shows the other providers as disabled with the reason, and asks for the keys', async () => {
    const page = recorder();
    await flow.show(page);
    await flow.handle({ type: 'teamSetupAccept', digest: page.last('teamSetup').offer!.digest }, page);
    const gateway = (await store.snapshot()).find((s) => s.displayName === 'Acme gateway')!;
    expect(gateway.settings).toEqual({ name: 'Acme gateway', baseUrl: 'https://llm.acme.example/v1', models: ['gpt-4o-mini'] });
    expect(store.enabledModels(gateway.id)).toEqual(['gpt-4o-mini']);
    expect(store.rawSettings('openai')).toEqual({ baseUrl: 'https://openai-proxy.acme.example/v1' });
    expect(page.refreshes).toBe(1);
    const view = page.last('teamSetup');
    expect(view.applied!.keysNeeded.map((n) => n.displayName)).toEqual(['OpenAI', 'Acme gateway']);
    expect(view.disabled.map((d) => d.kind)).toEqual(['anthropic', 'gemini', 'azure', 'bedrock']);
    expect(view.disabledReason).toBe('only the audited gateway and OpenAI');
    // Once adopted, the offer does not come back; the rules stay.
    await flow.show(page);
    expect(page.last('teamSetup').offer).toBeUndefined();
    expect(page.last('teamSetup').disabled).toHaveLength(4);
  });

  it('a file changed after the user saw its summary is not applied: it is offered again', async () => {
    const page = recorder();
    await flow.show(page);
    const seen = page.last('teamSetup').offer!.digest;
    file = { ...file!, text: GATEWAY_FILE.replace('llm.acme.example', 'evil.example') };
    await flow.handle({ type: 'teamSetupAccept', digest: seen }, page);
    expect((await store.snapshot()).some((s) => s.configured)).toBe(false);
    expect(page.last('teamSetup').offer!.changes[1]!.fields).toContain('baseUrl');
    expect(page.last('teamSetup').offer!.digest).not.toBe(seen);
  });

  it('a base URL for a provider with a stored key: the key stays bound to its endpoint until the user confirms', async () => {
    expect(await store.save('openai', {}, { apiKey: 'sk-proj-mine0000000000000000' })).toEqual({ ok: true });
    const page = recorder();
    await flow.show(page);
    const offer = page.last('teamSetup').offer!;
    expect(offer.changes[0]).toMatchObject({ displayName: 'OpenAI', action: 'update', fields: ['baseUrl'], keyWaitsForConfirmation: true, keysNeeded: [] });
    await flow.handle({ type: 'teamSetupAccept', digest: offer.digest }, page);
    expect(store.rawSettings('openai')).toMatchObject({ baseUrl: 'https://openai-proxy.acme.example/v1' });
    const resolved = await store.resolve('openai');
    expect(resolved.problem).toBe('endpoint_not_confirmed');
    expect((await store.snapshotOf('openai')).endpointChanged).toBe(true);
    expect(page.last('teamSetup').applied!.keyWaits.map((w) => w.displayName)).toEqual(['OpenAI']);
    await store.confirmEndpoint('openai');
    expect((await store.resolve('openai')).problem).toBeUndefined();
  });

  it('a file with a key in it is refused with a clear message, and nothing is applied', async () => {
    file = { ...file!, text: GATEWAY_FILE.replace('"name":"Acme platform"', '"name":"Acme platform","token":"sk-proj-AbCdEf0123456789XyZ"') };
    const page = recorder();
    await flow.show(page);
    const view = page.last('teamSetup');
    expect(view.offer).toBeUndefined();
    expect(formatText(view.refused!.reason)).toMatch(/^The team file was refused: it contains something that looks like a secret \(token\)/);
    expect(JSON.stringify(page.posted)).not.toContain('AbCdEf0123456789');
  });

  it('a file that appears while the page is open is offered on the next re-read (watcher, page shown or focused); the same file again changes nothing on the page', async () => {
    file = undefined;
    const page = recorder();
    await flow.show(page);
    expect(page.last('teamSetup').offer).toBeUndefined();
    // Written in pieces: the first read may see it half-written, the next one whole.
    file = { origin: 'workspace', file: '.vscode/byok-team.json', text: GATEWAY_FILE.slice(0, 20) };
    await flow.recheck(page);
    expect(page.last('teamSetup').refused).toBeDefined();
    file = { origin: 'workspace', file: '.vscode/byok-team.json', text: GATEWAY_FILE };
    await flow.recheck(page);
    expect(page.last('teamSetup').offer?.name).toBe('Acme platform');
    // After "Use it", focusing the page again keeps the note about the keys to add.
    await flow.handle({ type: 'teamSetupAccept', digest: page.last('teamSetup').offer!.digest }, page);
    const posted = page.posted.length;
    await flow.recheck(page);
    expect(page.posted.length).toBe(posted);
    expect(page.last('teamSetup').applied?.keysNeeded.map((n) => n.displayName)).toEqual(['OpenAI', 'Acme gateway']);
  });

  it('a page that has not asked for its state yet is not sent the team setup by a re-read', async () => {
    const page = recorder();
    await flow.recheck(page);
    expect(page.posted).toEqual([]);
  });

  it('no file (e.g. Restricted Mode, where the host does not read it): no offer and no rules', async () => {
    file = undefined;
    const page = recorder();
    await flow.show(page);
    expect(page.last('teamSetup')).toEqual({ type: 'teamSetup', disabled: [] });
  });
});

describe('Import from environment', () => {
  const env = { OPENAI_API_KEY: 'sk-proj-ENVkey000000000000wxyz', GOOGLE_API_KEY: 'AIzaShort', AZURE_OPENAI_API_KEY: '0123456789abcdef0123456789ab9876', AZURE_OPENAI_ENDPOINT: 'https://acme.openai.azure.com', PATH: '/usr/bin' };

  it('the page gets names and last four characters only, never a value', async () => {
    const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
    const flow = new TeamSetupFlow(ports(store, undefined, { env, profiles: ['default', 'dev-sso'] }));
    const page = recorder();
    await flow.handle({ type: 'listEnvironmentKeys' }, page);
    expect(page.last('environmentKeys').keys).toEqual([
      { ref: 'env:OPENAI_API_KEY', providerId: 'openai', name: 'OPENAI_API_KEY', last4: 'wxyz' },
      { ref: 'env:GOOGLE_API_KEY', providerId: 'gemini', name: 'GOOGLE_API_KEY' },
      { ref: 'env:AZURE_OPENAI_API_KEY', providerId: 'azure', name: 'AZURE_OPENAI_API_KEY', last4: '9876', endpoint: 'https://acme.openai.azure.com' },
      { ref: 'aws:default', providerId: 'bedrock', name: 'default' },
      { ref: 'aws:dev-sso', providerId: 'bedrock', name: 'dev-sso' },
    ]);
    const sent = JSON.stringify(page.posted);
    for (const value of [env.OPENAI_API_KEY.slice(0, -4), 'AIzaShort', env.AZURE_OPENAI_API_KEY.slice(0, -4)]) expect(sent).not.toContain(value);
  });

  it('importing one reads it again from the environment, for a Verify with the current settings', () => {
    const current = (id: ProviderId) => (id === 'azure' ? { deployments: [{ name: 'gpt-4o-prod' }] } : {});
    expect(environmentImport('env:AZURE_OPENAI_API_KEY', env, [], current)).toEqual({
      providerId: 'azure',
      settings: { deployments: [{ name: 'gpt-4o-prod' }], endpoint: 'https://acme.openai.azure.com' },
      secrets: { apiKey: env.AZURE_OPENAI_API_KEY },
    });
    expect(environmentImport('aws:dev-sso', env, ['dev-sso'], () => ({ region: 'eu-west-1' }))).toEqual({ providerId: 'bedrock', settings: { region: 'eu-west-1', authMode: 'profile', profile: 'dev-sso' }, secrets: {} });
    // Gone from the environment since the list was shown, or never there: nothing.
    expect(environmentImport('env:ANTHROPIC_API_KEY', env, [], current)).toBeUndefined();
    expect(environmentImport('env:PATH', env, [], current)).toBeUndefined();
    expect(environmentCandidates({}, [])).toEqual([]);
  });
});
