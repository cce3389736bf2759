import { beforeEach, describe, expect, it } from 'vitest';
import type { ToHost } from '../../../src/protocol/messages';
import { pageHarness } from '../../support/pageHarness';
import { useSimulator } from '../simulatorFixture';

/**
 * Bad-input corpus: values users paste by accident (or an attacker plants), sent exactly as the
 * Models page sends them (a Verify click) through the real controller, store and verifier with the
 * real provider runtimes pointed at the simulator. Each must be stopped before any network call,
 * with a message at the field it is about; nothing stored may change.
 */
const sim = useSimulator();

type Form = { providerId: string; settings: Record<string, unknown>; secrets: Record<string, string> };

/** A valid form per provider configuration, pointed at the simulator (each verifies: see "control"). */
function validForms(): Record<string, Form> {
  const aws = { runtimeEndpoint: sim.url, controlEndpoint: sim.url, stsEndpoint: sim.url, region: 'us-east-1' };
  const awsKeys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
  return {
    openai: { providerId: 'openai', settings: { baseUrl: `${sim.url}/v1` }, secrets: { apiKey: 'sk-proj-valid-0123456789abcdef' } },
    anthropic: { providerId: 'anthropic', settings: { baseUrl: sim.url }, secrets: { apiKey: 'sk-ant-api03-valid-0123456789abcdef' } },
    gemini: { providerId: 'gemini', settings: { baseUrl: sim.url }, secrets: { apiKey: 'AIzaSyValid0123456789abcdefghij' } },
    azure: { providerId: 'azure', settings: { endpoint: sim.url, deployments: [{ name: 'gpt-4o' }] }, secrets: { apiKey: 'azkey0123456789abcdef0123456789ab' } },
    azureEntra: {
      providerId: 'azure',
      settings: { endpoint: sim.url, authMode: 'entraId', deployments: [{ name: 'gpt-4o' }], tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '3f1c2a4e-app-client-id', authorityHost: sim.url },
      secrets: { clientSecret: 'Q~entraSecretBadInputs0123456789abcdef' },
    },
    bedrock: { providerId: 'bedrock', settings: { authMode: 'accessKeys', ...aws }, secrets: awsKeys },
    bedrockRole: { providerId: 'bedrock', settings: { authMode: 'role', roleSource: 'accessKeys', roleArn: 'arn:aws:iam::123456789012:role/BedrockAccess', ...aws }, secrets: awsKeys },
    compatible: { providerId: 'compatible.local', settings: { name: 'Local', baseUrl: `${sim.url}/ollama/v1`, models: [] }, secrets: { apiKey: 'local-key-0123456789abcdef' } },
  };
}

interface BadInput {
  name: string;
  form: (typeof FORMS)[number];
  /** The field the message must be shown at (`deployments.0.name` for a deployment row). */
  field: string;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
  /** Words the message must contain (the field's name), when the message is the field's own. */
  names?: RegExp;
}

const FORMS = ['openai', 'anthropic', 'gemini', 'azure', 'azureEntra', 'bedrock', 'bedrockRole', 'compatible'] as const;

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

const keyFields: [BadInput['form'], string, string][] = [
  ['openai', 'apiKey', 'API key'],
  ['anthropic', 'apiKey', 'API key'],
  ['gemini', 'apiKey', 'API key'],
  ['azure', 'apiKey', 'API key'],
  ['azureEntra', 'clientSecret', 'Client secret'],
  ['bedrock', 'secretAccessKey', 'Secret access key'],
  ['bedrockRole', 'accessKeyId', 'Access key ID'],
  ['compatible', 'apiKey', 'API key'],
];
const badKeys: [string, string][] = [
  ['inner whitespace', 'ABCD0123456789 abcdef0123456789'],
  ['a line break inside', 'ABCD0123456789\nabcdef0123456789'],
  ['wrapped in quotes', '"ABCD0123456789abcdef0123456789"'],
  ['a zero-width space', 'ABCD0123456789\u200Babcdef0123456789'],
  ['a control character', 'ABCD0123456789\u0007abcdef0123456789'],
  ['Cyrillic look-alike letters', 'ABCD0123456789аbcdef0123456789'],
];
const urlFields: [BadInput['form'], string, string][] = [
  ['openai', 'baseUrl', 'Base URL'],
  ['anthropic', 'baseUrl', 'Base URL'],
  ['gemini', 'baseUrl', 'Base URL'],
  ['azure', 'endpoint', 'Endpoint'],
  ['azureEntra', 'authorityHost', 'Authority host'],
  ['bedrock', 'runtimeEndpoint', 'Runtime endpoint'],
  ['bedrock', 'controlEndpoint', 'Control endpoint'],
  ['bedrockRole', 'stsEndpoint', 'STS endpoint'],
  ['compatible', 'baseUrl', 'Base URL'],
];
const badUrls: [string, string][] = [
  ['credentials in the URL', 'https://user:s3cret@api.example.com/v1'],
  ['http: to a non-loopback host', 'http://api.example.com/v1'],
  ['a javascript: URL', 'javascript:alert(document.cookie)'],
  ['a file: URL', 'file:///etc/passwd'],
  ['an IDN homograph host', 'https://аpi.openai.com/v1'],
];

const corpus: BadInput[] = [
  ...keyFields.flatMap(([form, field, label]) =>
    badKeys.map(([what, value]): BadInput => ({ name: `${form} ${label}: ${what}`, form, field, secrets: { [field]: value }, names: new RegExp(label) })),
  ),
  ...keyFields.map(([form, field]): BadInput => ({ name: `${form} ${field}: a 10 MB paste`, form, field, secrets: { [field]: TEN_MB } })),
  { name: 'openai Base URL: a 10 MB paste', form: 'openai', field: 'baseUrl', settings: { baseUrl: `https://${TEN_MB}` } },
  ...urlFields.flatMap(([form, field, label]) =>
    badUrls.map(([what, value]): BadInput => ({ name: `${form} ${label}: ${what}`, form, field, settings: { [field]: value }, names: new RegExp(label) })),
  ),
  { name: 'openai Base URL: no scheme', form: 'openai', field: 'baseUrl', settings: { baseUrl: 'api.openai.com/v1' }, names: /Base URL/ },
  // Another vendor's key while the provider's own host is the base URL (the default).
  { name: 'openai API key: an Anthropic key', form: 'openai', field: 'apiKey', settings: { baseUrl: 'https://api.openai.com/v1' }, secrets: { apiKey: 'sk-ant-api03-abcdef0123456789abcdef' }, names: /API key/ },
  { name: 'openai API key: a Gemini key', form: 'openai', field: 'apiKey', settings: { baseUrl: 'https://api.openai.com/v1' }, secrets: { apiKey: 'AIzaSyAbcdef0123456789abcdefghij' }, names: /API key/ },
  { name: 'anthropic API key: an OpenAI key', form: 'anthropic', field: 'apiKey', settings: { baseUrl: 'https://api.anthropic.com' }, secrets: { apiKey: 'sk-proj-abcdef0123456789abcdef' }, names: /API key/ },
  { name: 'gemini API key: an Anthropic key', form: 'gemini', field: 'apiKey', settings: { baseUrl: 'https://generativelanguage.googleapis.com' }, secrets: { apiKey: 'sk-ant-api03-abcdef0123456789abcdef' }, names: /API key/ },
  { name: 'bedrock Access key ID: the secret access key', form: 'bedrock', field: 'accessKeyId', secrets: { accessKeyId: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, names: /Access key ID/ },
  { name: 'bedrock Region: an availability zone', form: 'bedrock', field: 'region', settings: { region: 'us-east-1a' }, names: /Region/ },
  { name: 'bedrock Region: upper case', form: 'bedrock', field: 'region', settings: { region: 'US-EAST-1' }, names: /Region/ },
  { name: 'bedrock Region: a shell command', form: 'bedrock', field: 'region', settings: { region: 'us-east-1;curl evil.example' }, names: /Region/ },
  { name: 'bedrock Role ARN: a short account id', form: 'bedrockRole', field: 'roleArn', settings: { roleArn: 'arn:aws:iam::12345:role/BedrockAccess' }, names: /Role ARN/ },
  { name: 'bedrock Role ARN: a user, not a role', form: 'bedrockRole', field: 'roleArn', settings: { roleArn: 'arn:aws:iam::123456789012:user/alice' }, names: /Role ARN/ },
  { name: 'bedrock Role ARN: the role name alone', form: 'bedrockRole', field: 'roleArn', settings: { roleArn: 'BedrockAccess' }, names: /Role ARN/ },
  { name: 'bedrock Role ARN: missing in role mode', form: 'bedrockRole', field: 'roleArn', settings: { roleArn: '' }, names: /Role ARN/ },
  { name: 'azure Deployment: a slash', form: 'azure', field: 'deployments.0.name', settings: { deployments: [{ name: 'gpt-4o/chat' }] }, names: /Deployment/ },
  { name: 'azure Deployment: a path climb', form: 'azure', field: 'deployments.0.name', settings: { deployments: [{ name: '../gpt-4o' }] }, names: /Deployment/ },
  { name: 'azure Deployment: a space', form: 'azure', field: 'deployments.0.name', settings: { deployments: [{ name: 'gpt 4o' }] }, names: /Deployment/ },
  { name: 'azure Deployments: none', form: 'azure', field: 'deployments', settings: { deployments: [] }, names: /deployment/ },
  { name: 'azure API version: no day', form: 'azure', field: 'apiVersion', settings: { apiVersion: '2024-10' }, names: /API version/ },
  { name: 'azure API version: "latest"', form: 'azure', field: 'apiVersion', settings: { apiVersion: 'latest' }, names: /API version/ },
  { name: 'azure Tenant ID: a path', form: 'azureEntra', field: 'tenantId', settings: { tenantId: 'contoso/../evil' }, names: /Tenant ID/ },
  { name: 'azure Client ID: a space', form: 'azureEntra', field: 'clientId', settings: { clientId: 'abc def' }, names: /Client ID/ },
  { name: 'openai Organization: a header injection', form: 'openai', field: 'organization', settings: { organization: 'org-abc\r\nX-Evil: 1' }, names: /Organization ID/ },
  { name: 'openai Project: quotes', form: 'openai', field: 'project', settings: { project: 'proj "x"' }, names: /Project ID/ },
  { name: 'compatible Name: empty', form: 'compatible', field: 'name', settings: { name: '  ' }, names: /Name/ },
  { name: 'compatible Name: 61 characters', form: 'compatible', field: 'name', settings: { name: 'n'.repeat(61) }, names: /Name/ },
  { name: 'compatible Name: another endpoint\'s name', form: 'compatible', field: 'name', settings: { name: 'other gateway' }, names: /already exists/ },
  { name: 'compatible Extra headers: a line without a colon', form: 'compatible', field: 'extraHeaders', secrets: { extraHeaders: 'Authorization Bearer abc' }, names: /Extra headers/ },
  { name: 'compatible Extra headers: a space in the name', form: 'compatible', field: 'extraHeaders', secrets: { extraHeaders: 'X Api Key: abc' }, names: /Extra headers/ },
  { name: 'compatible Extra headers: a NUL in the value', form: 'compatible', field: 'extraHeaders', secrets: { extraHeaders: 'X-Api-Key: abc\u0000def' }, names: /Extra headers/ },
  { name: 'compatible Models: an empty id', form: 'compatible', field: 'models.0', settings: { models: [''] } },
];

describe('reliability: bad inputs', () => {
  let page: ReturnType<typeof pageHarness>;
  beforeEach(async () => {
    page = pageHarness();
    // Two endpoints exist: "Local" (the form under test) and "Other gateway" (for the duplicate name).
    await page.store.addCompatible('Local', `${sim.url}/ollama/v1`);
    await page.store.addCompatible('Other gateway', `${sim.url}/ollama/v1`);
  });

  it('has at least 60 inputs, covering every provider configuration', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((c) => c.form))).toEqual(new Set(FORMS));
  });

  // Without this the corpus could "pass" against a simulator nothing reaches.
  it.each(FORMS)('control: the valid %s form reaches the simulator', async (form) => {
    const valid = validForms()[form]!;
    await page.controller.handle({ type: 'verify', ...valid } as ToHost);
    expect(sim.requests.length).toBeGreaterThan(0);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, input) => {
    const valid = validForms()[input.form]!;
    const message = {
      type: 'verify',
      providerId: valid.providerId,
      settings: { ...valid.settings, ...input.settings },
      secrets: { ...valid.secrets, ...input.secrets },
    };
    const before = page.stored();
    await page.controller.handle(message);

    const saved = page.posted.find((m) => m.type === 'saved');
    expect(saved, 'the page is told which field is wrong').toMatchObject({ type: 'saved', ok: false });
    const fieldErrors = saved?.type === 'saved' ? saved.fieldErrors : {};
    expect(Object.keys(fieldErrors)).toContain(input.field);
    if (input.names) expect(fieldErrors[input.field]).toMatch(input.names);
    expect(sim.requests, 'no network call').toEqual([]);
    expect(page.stored(), 'nothing stored changed').toBe(before);
    const shown = JSON.stringify(page.posted);
    for (const value of Object.values(input.secrets ?? {})) if (value.length >= 8) expect(shown).not.toContain(value.slice(0, 4096));
  });

  it('adding an endpoint with a name that exists (in another case and spacing) is refused at the name', async () => {
    const before = page.stored();
    await page.controller.handle({ type: 'addCompatible', name: '  LOCAL ', baseUrl: `${sim.url}/ollama/v1` });
    expect(page.posted.find((m) => m.type === 'saved')).toMatchObject({ providerId: 'new', ok: false, fieldErrors: { name: expect.stringMatching(/already exists/) } });
    expect(page.stored()).toBe(before);
    expect(sim.requests).toEqual([]);
  });
});
