import { describe, expect, it } from 'vitest';
import { MAX_SECRET_LENGTH, ProviderViewSchema, ToHostSchema, ToPageSchema } from '../../src/protocol/messages';

describe('messages from the Models page', () => {
  it('accepts every well-formed message type', () => {
    const good = [
      { type: 'ready' },
      { type: 'save', providerId: 'openai', settings: { organization: 'org-1' }, secrets: { apiKey: 'sk-proj-abc' } },
      { type: 'verify', providerId: 'compatible.ollama', settings: { name: 'Ollama', baseUrl: 'http://localhost:11434/v1', models: ['llama3'] }, secrets: {} },
      { type: 'save', providerId: 'azure', settings: { endpoint: 'https://x.openai.azure.com', deployments: [{ name: 'gpt-4o' }] }, secrets: {} },
      { type: 'verifyAll' },
      { type: 'cancelVerify', providerId: 'bedrock' },
      { type: 'remove', providerId: 'anthropic' },
      { type: 'addCompatible', name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' },
      { type: 'confirmEndpoint', providerId: 'gemini' },
      { type: 'setEnabledModels', providerId: 'openai', models: ['gpt-4o', 'gpt-4o-mini'] },
      { type: 'useInChat' },
      { type: 'copy', text: 'byok-0123' },
    ];
    for (const message of good) expect(ToHostSchema.safeParse(message).success, JSON.stringify(message)).toBe(true);
  });

  it('rejects unknown types, unknown providers, missing fields and oversized secrets', () => {
    const bad = [
      { type: 'deleteEverything' },
      { type: 'save', providerId: 'mistral', settings: {}, secrets: {} },
      { type: 'save', providerId: 'openai', settings: {} },
      { type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: 'x'.repeat(MAX_SECRET_LENGTH + 1) } },
      { type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: 42 } },
      { type: 'save', providerId: 'openai', settings: { baseUrl: { nested: true } }, secrets: {} },
      { type: 'remove' },
      { type: 'setEnabledModels', providerId: 'openai', models: [''] },
      { type: 'addCompatible', name: 'x' },
      'ready',
      null,
      undefined,
    ];
    for (const message of bad) expect(ToHostSchema.safeParse(message).success, JSON.stringify(message)).toBe(false);
  });

  it('accepts a secret right at the size limit', () => {
    const message = { type: 'save', providerId: 'openai', settings: {}, secrets: { apiKey: 'k'.repeat(MAX_SECRET_LENGTH) } };
    expect(ToHostSchema.safeParse(message).success).toBe(true);
  });
});

describe('messages to the Models page', () => {
  const view = {
    id: 'openai',
    kind: 'openai',
    displayName: 'OpenAI',
    configured: true,
    settings: { baseUrl: 'https://api.openai.com/v1' },
    secrets: { apiKey: { present: true, last4: 'wxyz' } },
    missingOnThisMachine: [],
    endpointChanged: false,
    verifying: false,
    enabledModels: [],
  };

  it('strips anything but presence and last four characters from a secret status', () => {
    const parsed = ProviderViewSchema.parse({ ...view, secrets: { apiKey: { present: true, last4: 'wxyz', value: 'sk-the-whole-key' } } });
    expect(parsed.secrets.apiKey).toEqual({ present: true, last4: 'wxyz' });
    expect(JSON.stringify(parsed)).not.toContain('sk-the-whole-key');
  });

  it('refuses a "last4" that is longer than four characters', () => {
    expect(ProviderViewSchema.safeParse({ ...view, secrets: { apiKey: { present: true, last4: 'sk-the-whole-key' } } }).success).toBe(false);
  });

  it('accepts init, provider, saved, added and notice messages', () => {
    for (const message of [
      { type: 'init', l10n: { 'API key': 'API-Schlüssel' }, providers: [view] },
      { type: 'state', providers: [] },
      { type: 'provider', provider: view },
      { type: 'saved', providerId: 'openai', ok: false, fieldErrors: { apiKey: 'API key is empty.' } },
      { type: 'saved', providerId: 'new', ok: true, fieldErrors: {} },
      { type: 'added', providerId: 'compatible.ollama' },
      { type: 'notice', code: 'rejected' },
    ]) {
      expect(ToPageSchema.safeParse(message).success, JSON.stringify(message)).toBe(true);
    }
    expect(ToPageSchema.safeParse({ type: 'notice', code: 'anything' }).success).toBe(false);
  });
});
