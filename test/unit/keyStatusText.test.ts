import { describe, expect, it } from 'vitest';
import { providerError } from '../../src/core/errors/providerError';
import type { ProviderView } from '../../src/protocol/messages';
import { providerStatus } from '../../src/webview/statusText';

const bedrock: ProviderView = {
  id: 'bedrock',
  kind: 'bedrock',
  displayName: 'AWS Bedrock',
  configured: true,
  settings: { authMode: 'profile', profile: 'dev', region: 'us-east-1' },
  secrets: {},
  missingOnThisMachine: [],
  endpointChanged: false,
  verifying: false,
  enabledModels: [],
};
const NOW = Date.parse('2026-12-03T12:00:00Z');
const verified = (proven: Record<string, unknown>) => ({ providerId: 'bedrock', kind: 'bedrock', latencyMs: 10, verifiedAt: '2026-12-03T11:00:00Z', stages: [], proven, models: [{ id: 'm' }], ok: true });

describe('temporary AWS credentials on the status line', () => {
  it('an SSO session that ends within the hour says so and how to renew it', () => {
    const status = providerStatus({ ...bedrock, lastResult: verified({ credentialsExpireAt: '2026-12-03T12:30:00Z', credentialsRenewal: 'sso_login' }) }, NOW);
    expect(status.state).toBe('ok');
    expect(status.note).toMatch(/^The AWS SSO session ends .+\. Renew it before then with aws sso login --profile dev\.$/);
  });

  it('an SSO session that has ended says to log in again and Verify', () => {
    const status = providerStatus({ ...bedrock, lastResult: verified({ credentialsExpireAt: '2026-12-03T11:30:00Z', credentialsRenewal: 'sso_login' }) }, NOW);
    expect(status.note).toMatch(/^The AWS SSO session ended .+\. Renew it with aws sso login --profile dev, then Verify\.$/);
  });

  it('a session far from its end, or one renewed automatically, is only in the details', () => {
    const later = providerStatus({ ...bedrock, lastResult: verified({ credentialsExpireAt: '2026-12-03T20:00:00Z', credentialsRenewal: 'sso_login' }) }, NOW);
    expect(later.note).toBeUndefined();
    expect(later.details.some((l) => /^The AWS SSO session ends .+; renew it with aws sso login --profile dev\.$/.test(l))).toBe(true);
    const role = providerStatus({ ...bedrock, lastResult: verified({ credentialsExpireAt: '2026-12-03T12:10:00Z', credentialsRenewal: 'automatic' }) }, NOW);
    expect(role.note).toBeUndefined();
    expect(role.details.some((l) => /they are renewed automatically\.$/.test(l))).toBe(true);
  });
});

describe('a key refused in chat', () => {
  const openai: ProviderView = { ...bedrock, id: 'openai', kind: 'openai', displayName: 'OpenAI', settings: {}, secrets: { apiKey: { present: true, last4: 'abcd' } } };
  const refused = (seenInChat: boolean) => ({
    providerId: 'openai',
    kind: 'openai',
    latencyMs: 0,
    verifiedAt: '2026-12-03T11:00:00Z',
    stages: [],
    proven: {},
    models: [],
    ok: false,
    seenInChat,
    error: providerError('invalid_key', { provider: 'OpenAI', status: 401, message: 'Incorrect API key provided' }),
  });

  it('says the key was revoked or expired, with Rotate key and Verify as the way out', () => {
    const status = providerStatus({ ...openai, lastResult: refused(true) }, NOW);
    expect(status).toMatchObject({ state: 'error', summary: 'Key revoked or expired' });
    expect(status.fix).toBe('A chat request was refused with this key, which had verified. Rotate the key, or Verify to check it again.');
    expect(status.details).toContain('HTTP status 401');
  });

  it('a key refused by Verify is still an invalid key', () => {
    expect(providerStatus({ ...openai, lastResult: refused(false) }, NOW).summary).toBe('Invalid key');
  });
});
