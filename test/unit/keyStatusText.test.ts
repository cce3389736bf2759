import { describe, expect, it } from 'vitest';
import { refusedInChatText, refusedNotice } from '../../src/core/chat/refusedKey';
import { providerError } from '../../src/core/errors/providerError';
import { formatText, text } from '../../src/core/text';
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

describe('temporary AWS access keys (with a session token)', () => {
  const keys: ProviderView = {
    ...bedrock,
    settings: { authMode: 'accessKeys', region: 'us-east-1' },
    secrets: { accessKeyId: { present: true, last4: 'MPLE' }, secretAccessKey: { present: true, last4: 'EKEY' }, sessionToken: { present: true, last4: 'oken' } },
  };

  it('no expiry can be read from a pasted token: the status line says they are temporary and how to renew them', () => {
    const status = providerStatus({ ...keys, lastResult: verified({}) }, NOW);
    expect(status.state).toBe('ok');
    expect(status.note).toBe(
      'Temporary credentials (session token): AWS does not say when they expire, and a pasted token cannot show it. When they do, get new ones (after aws sso login --profile …, aws configure export-credentials --profile … prints them) and paste them with Rotate key, or use a named profile so they renew on their own.',
    );
  });

  it('long-lived access keys (no session token) get no such note', () => {
    const { sessionToken: _token, ...longLived } = keys.secrets;
    expect(providerStatus({ ...keys, secrets: longLived, lastResult: verified({}) }, NOW).note).toBeUndefined();
  });

  it('expired in chat: the page says the temporary credentials expired, and how to renew them', () => {
    const error = providerError('credentials_expired', {
      provider: 'AWS Bedrock',
      status: 403,
      code: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
      hint: text('The temporary credentials (session token) have expired. Get new ones (after aws sso login --profile …, aws configure export-credentials --profile … prints them) and paste all three with Rotate key, or use a named profile so they refresh on their own.'),
    });
    const status = providerStatus({ ...keys, lastResult: { ...verified({}), ok: false, seenInChat: true, error } }, NOW);
    expect(status).toMatchObject({ state: 'error', summary: 'Temporary credentials expired' });
    expect(status.fix).toMatch(/^The temporary credentials \(session token\) have expired\. Get new ones/);
  });
});

describe('what chat says when credentials that verified before are refused', () => {
  const say = (error: Parameters<typeof refusedInChatText>[1]) => refusedInChatText('AWS Bedrock', error).map(formatText).join(' ');

  it('expired temporary credentials: that they expired, and how to renew them', () => {
    const error = providerError('credentials_expired', { provider: 'AWS Bedrock', status: 403, hint: text('The credentials of profile {0} have expired. Run "aws sso login --profile {0}" (or refresh them), then Verify again.', 'dev') });
    expect(say(error)).toBe('AWS Bedrock: The credentials of profile dev have expired. Run "aws sso login --profile dev" (or refresh them), then Verify again.');
    expect(formatText(refusedNotice('AWS Bedrock', 'credentials_expired'))).toBe('AWS Bedrock: the temporary credentials have expired.');
  });

  it('a 401 for a key: revoked or expired, with Rotate key and Verify', () => {
    const error = providerError('invalid_key', { provider: 'OpenAI', status: 401 });
    expect(refusedInChatText('OpenAI', error).map(formatText).join(' ')).toBe(
      'OpenAI refused the key that verified before (401): it was revoked or has expired. Rotate the key, or Verify it again.',
    );
    expect(formatText(refusedNotice('OpenAI', 'invalid_key'))).toBe('OpenAI: the key was revoked or has expired.');
  });
});
