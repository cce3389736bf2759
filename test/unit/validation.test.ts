import { describe, expect, it } from 'vitest';
import { advancedOpen, checkField, draftFrom, fieldsOf, formItems, keyPages, submission } from '../../src/webview/formSpec';
import type { ProviderView } from '../../src/protocol/messages';
import { setBundle } from '../../src/webview/l10n';

function view(kind: ProviderView['kind'], settings: Record<string, unknown> = {}, secrets: ProviderView['secrets'] = {}): ProviderView {
  return {
    id: kind === 'compatible' ? 'compatible.local' : kind,
    kind,
    displayName: kind,
    configured: Object.keys(settings).length > 0,
    settings,
    secrets,
    missingOnThisMachine: [],
    endpointChanged: false,
    verifying: false,
    enabledModels: [],
  };
}

const labelsOf = (kind: ProviderView['kind'], values: Record<string, string> = {}) =>
  formItems(kind, values).map((i) => (i.type === 'field' ? i.field.label : i.type === 'choice' ? `[${i.choice.label}]` : `<${i.type}>`));

describe('the page checks fields as the user types, with the same messages as the host', () => {
  it('names the field in URL errors and allows http only for loopback', () => {
    expect(checkField('openai', { id: 'baseUrl', label: 'Base URL' }, 'http://api.example.com/v1').error).toBe(
      'Base URL must use https:// (http:// is allowed only for localhost and 127.0.0.1).',
    );
    expect(checkField('compatible', { id: 'baseUrl', label: 'Base URL' }, 'http://127.0.0.1:11434/v1')).toEqual({});
    expect(checkField('azure', { id: 'endpoint', label: 'Endpoint' }, 'not a url').error).toBe('Endpoint is not a valid URL (expected https://…).');
  });

  it('rejects a key with a line break inside but accepts one with whitespace around it', () => {
    expect(checkField('openai', { id: 'apiKey', label: 'API key', secret: true }, 'sk-abc\ndef').error).toBe(
      'API key contains spaces or line breaks; paste the key alone.',
    );
    expect(checkField('openai', { id: 'apiKey', label: 'API key', secret: true }, '  sk-proj-abcdef\n')).toEqual({});
  });

  it("warns when a key looks like another provider's", () => {
    expect(checkField('openai', { id: 'apiKey', label: 'API key', secret: true }, 'sk-ant-api03-xyz').warning).toBe(
      'This key looks like it belongs to Anthropic, not OpenAI. Check that you pasted the right key.',
    );
    expect(checkField('anthropic', { id: 'apiKey', label: 'API key', secret: true }, 'AIzaSyExample').warning).toContain('Google Gemini');
    expect(checkField('anthropic', { id: 'apiKey', label: 'API key', secret: true }, 'sk-ant-api03-xyz')).toEqual({});
    // Compatible endpoints take any key (OpenRouter's sk-or-…, a gateway's own format).
    expect(checkField('compatible', { id: 'apiKey', label: 'API key', secret: true }, 'sk-or-v1-abc')).toEqual({});
  });

  it('rejects a malformed role ARN and region', () => {
    expect(checkField('bedrock', { id: 'roleArn', label: 'Role ARN' }, 'arn:aws:iam::12345:role/x').error).toBe(
      'Role ARN is malformed (expected arn:aws:iam::123456789012:role/RoleName).',
    );
    expect(checkField('bedrock', { id: 'region', label: 'Region' }, 'us-east').error).toBe('Region is not an AWS region (for example us-east-1).');
    expect(checkField('bedrock', { id: 'region', label: 'Region' }, 'eu-central-1')).toEqual({});
  });

  it('shows messages through the l10n bundle', () => {
    setBundle({ 'Region is not an AWS region (for example us-east-1).': 'Region ist keine AWS-Region (zum Beispiel us-east-1).' });
    try {
      expect(checkField('bedrock', { id: 'region', label: 'Region' }, 'mars').error).toBe('Region ist keine AWS-Region (zum Beispiel us-east-1).');
    } finally {
      setBundle({});
    }
  });
});

describe('the form of each provider', () => {
  it('shows the fields each auth mode needs', () => {
    expect(labelsOf('openai')).toEqual(['API key', 'Base URL', 'Organization', 'Project']);
    expect(labelsOf('azure')).toEqual(['[Authentication]', 'Endpoint', 'API version', '<deployments>', 'API key']);
    expect(labelsOf('azure', { authMode: 'entraId' })).toEqual(['[Authentication]', 'Endpoint', 'API version', '<deployments>', 'Tenant ID', 'Client ID', 'Client secret']);
    const endpoints = ['Runtime endpoint', 'Control endpoint', 'STS endpoint'];
    expect(labelsOf('bedrock')).toEqual(['[Authentication]', 'Region', 'Access key ID', 'Secret access key', 'Session token', ...endpoints]);
    expect(labelsOf('bedrock', { authMode: 'profile' })).toEqual(['[Authentication]', 'Region', 'Profile', ...endpoints]);
    expect(labelsOf('bedrock', { authMode: 'role', roleSource: 'profile' })).toEqual([
      '[Authentication]',
      'Region',
      'Role ARN',
      '[Credentials that assume the role]',
      'Profile',
      '<externalId>',
      ...endpoints,
    ]);
    expect(labelsOf('compatible')).toEqual(['Name', 'Base URL', 'API key', 'Model IDs', 'Extra headers']);
  });

  it('folds the optional fields under "Advanced", and opens it when one of them is set', () => {
    const advanced = (kind: ProviderView['kind'], values: Record<string, string> = {}) =>
      fieldsOf(formItems(kind, values)).filter((f) => f.advanced).map((f) => f.label);
    expect(advanced('openai')).toEqual(['Base URL', 'Organization', 'Project']);
    expect(advanced('azure')).toEqual(['API version']);
    expect(advanced('bedrock')).toEqual(['Runtime endpoint', 'Control endpoint', 'STS endpoint']);
    // A compatible endpoint needs its base URL: it stays in view.
    expect(advanced('compatible')).toEqual(['Extra headers']);
    const folded = view('openai');
    expect(advancedOpen(formItems('openai', {}), draftFrom(folded))).toBe(false);
    const set = view('openai', { organization: 'org-team' });
    expect(advancedOpen(formItems('openai', {}), draftFrom(set))).toBe(true);
  });

  it('shows an AWS access key ID as typed (it names the key, it does not unlock it) but keeps it stored as a secret', () => {
    const id = fieldsOf(formItems('bedrock', {})).find((f) => f.id === 'accessKeyId')!;
    expect(id).toMatchObject({ secret: true, clear: true });
    expect(fieldsOf(formItems('bedrock', {})).find((f) => f.id === 'secretAccessKey')?.clear).toBeUndefined();
  });

  it('links every provider with keys to the page where a key is made', () => {
    for (const kind of ['openai', 'anthropic', 'gemini', 'azure', 'bedrock'] as const) expect(keyPages[kind]).toMatch(/^https:\/\//);
  });
});

describe('what Save and Verify send', () => {
  it('sends only typed secrets and drops empty optional settings so defaults apply', () => {
    const v = view('openai', { baseUrl: 'https://api.openai.com/v1', organization: 'org-old' }, { apiKey: { present: true, last4: 'abcd' } });
    const draft = draftFrom(v);
    draft.values.organization = '';
    const sub = submission(v, draft);
    expect(sub).toEqual({ settings: { baseUrl: 'https://api.openai.com/v1' }, secrets: {}, errors: {} });
  });

  it('asks for a key that is neither stored nor typed, naming the field', () => {
    const v = view('anthropic');
    expect(submission(v, draftFrom(v)).errors).toEqual({ apiKey: 'API key is empty.' });
  });

  it('checks Azure deployments and keeps endpoint overrides it does not show', () => {
    const v = view('azure', { endpoint: 'https://r.openai.azure.com', deployments: [{ name: 'gpt-4o' }], authorityHost: 'https://login.example' }, { apiKey: { present: true } });
    const draft = draftFrom(v);
    draft.deployments.push({ name: 'bad name!' });
    const sub = submission(v, draft);
    expect(sub.errors).toEqual({ 'deployments.1': 'Deployment may contain only letters, digits, ".", "_" and "-".' });
    expect(sub.settings).toMatchObject({ authMode: 'apiKey', authorityHost: 'https://login.example' });
  });

  it('requires an Azure endpoint and a Bedrock role ARN in role mode', () => {
    const azure = view('azure');
    const azureDraft = draftFrom(azure);
    azureDraft.deployments[0]!.name = 'gpt-4o';
    azureDraft.secrets.apiKey = 'abc123';
    expect(submission(azure, azureDraft).errors).toEqual({ endpoint: 'Endpoint is required.' });

    const bedrock = view('bedrock');
    const bedrockDraft = draftFrom(bedrock);
    bedrockDraft.values.authMode = 'role';
    expect(submission(bedrock, bedrockDraft).errors).toEqual({ roleArn: 'Role ARN is required.' });
  });

  it('splits model ids of a compatible endpoint and checks extra headers', () => {
    const v = view('compatible', { name: 'Local', baseUrl: 'http://localhost:8080/v1', models: [] });
    const draft = draftFrom(v);
    draft.values.models = 'llama3\n qwen2.5 ,mistral';
    draft.secrets.extraHeaders = 'not a header line';
    const sub = submission(v, draft);
    expect(sub.settings.models).toEqual(['llama3', 'qwen2.5', 'mistral']);
    expect(sub.errors).toEqual({ extraHeaders: 'Each line of Extra headers must look like "Name: value".' });
  });
});

describe('limits the page enforces before the host would reject the message', () => {
  it('refuses a secret longer than the protocol allows, naming the field', () => {
    expect(checkField('openai', { id: 'apiKey', label: 'API key', secret: true }, 'k'.repeat(9000)).error).toBe('API key is too long.');
  });
});
