import { describe, expect, it } from 'vitest';
import { providerError, transportError } from '../../src/core/errors/providerError';
import { crossOriginRedirect } from '../../src/core/net/sameOriginFetch';
import { VerificationTimeout } from '../../src/core/verify/verifier';
import type { ProviderView } from '../../src/protocol/messages';
import { modelCapabilities, modelContext, modelResultLine, overviewState, providerStatus, secretState, syncedWithoutKey, usageText, warningLines } from '../../src/webview/statusText';

const base: ProviderView = {
  id: 'anthropic',
  kind: 'anthropic',
  displayName: 'Anthropic',
  configured: true,
  settings: {},
  secrets: { apiKey: { present: true, last4: '9f3a' } },
  missingOnThisMachine: [],
  endpointChanged: false,
  verifying: false,
  enabledModels: [],
};
const result = { providerId: 'anthropic', kind: 'anthropic', latencyMs: 180, verifiedAt: '2026-11-23T10:00:00.000Z', stages: [], proven: {}, models: [] };

describe('what a provider region says', () => {
  it('says "Not verified yet" before the first check and "Verifying…" during one', () => {
    expect(providerStatus(base)).toEqual({ state: 'none', summary: 'Not verified yet', details: [] });
    expect(providerStatus({ ...base, verifying: true, lastResult: { ...result, ok: true } })).toMatchObject({ state: 'verifying', summary: 'Verifying…' });
  });

  it('sums a success up in one line, "Verified · 42 models", and says the assumed role\'s ARN once, in the details', () => {
    const arn = 'arn:aws:sts::123456789012:assumed-role/Bedrock/byok';
    const status = providerStatus({
      ...base,
      lastResult: {
        ...result,
        ok: true,
        proven: { modelsVisible: 42, arn, account: '123456789012' },
        stages: [
          { id: 'role', ok: true, label: { message: 'Role assumed with the External ID as {0} (STS AssumeRole)', args: [arn] }, latencyMs: 20 },
          { id: 'identity', ok: true, label: { message: 'Credentials accepted by AWS as {0} (STS GetCallerIdentity)', args: [arn] }, latencyMs: 20 },
        ],
      },
    });
    expect(status.summary).toBe('Verified · 42 models');
    expect(status.fix).toBeUndefined();
    const checked = new Date(result.verifiedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    expect(status.details[0]).toBe(`Checked ${checked} in 180 ms`);
    // The ARN is in the stage lines; no extra "Signed in as" or "Account" line repeats it.
    expect(status.details.filter((line) => line.includes('123456789012'))).toHaveLength(1);
    expect(status.details).toContain(`✓ Role assumed with the External ID as ${arn} (STS AssumeRole)`);
    expect(status.details).toContain('✓ Credentials accepted by AWS as the same identity (STS GetCallerIdentity)');
    expect(status.details.join('\n')).not.toContain('Signed in as');
  });

  it('counts Azure deployments (what chat offers) instead of catalogue models', () => {
    const azure = { ...result, kind: 'azure', ok: true, proven: { modelsVisible: 6, deploymentsReachable: ['gpt-4o-mini'] } };
    expect(providerStatus({ ...base, id: 'azure', kind: 'azure', lastResult: azure }).summary).toBe('Verified · 1 deployment');
  });

  it('gives one error sentence and one fix; the provider\'s own text goes to the details', () => {
    const error = providerError('invalid_key', { provider: 'Anthropic', status: 401, message: 'invalid x-api-key' });
    const status = providerStatus({ ...base, lastResult: { ...result, ok: false, error } });
    expect(status).toEqual({
      state: 'error',
      summary: 'Invalid key',
      fix: 'Anthropic rejected the key. Copy a fresh key from your Anthropic account, paste it into API key and Verify.',
      details: ['Anthropic said: invalid x-api-key', 'HTTP status 401'],
    });
  });

  it('when rate limited, says when to try again once, as a clock time that stays true', () => {
    const error = providerError('rate_limited', { provider: 'Anthropic', status: 429, message: 'Too many requests', retryAfterSeconds: 30 });
    const view: ProviderView = { ...base, lastResult: { ...result, ok: false, error } };
    const retryAt = new Date(Date.parse(result.verifiedAt) + 30_000).toLocaleTimeString();
    const during = providerStatus(view, Date.parse(result.verifiedAt) + 12_000);
    expect(during.summary).toBe('Rate limited');
    expect(during.fix).toBe(`Anthropic is rate limiting this key. Try again after ${retryAt}.`);
    const everything = [during.summary, during.fix, ...during.details].join('\n');
    expect(everything).not.toMatch(/Try again in \d+ s/);
    expect(everything.match(/again/g)).toHaveLength(1);
    expect(providerStatus(view, Date.parse(result.verifiedAt) + 31_000).fix).toBe('Anthropic is rate limiting this key. Wait a moment and try again.');
  });

  it('a cancelled check says so once, with nothing to fix', () => {
    const error = providerError('cancelled', { provider: 'Anthropic', message: 'Verification cancelled' });
    const status = providerStatus({ ...base, lastResult: { ...result, ok: false, error } });
    expect(status).toEqual({ state: 'none', summary: 'Verification cancelled', details: [] });
  });

  it('a configuration error is the message itself', () => {
    const error = providerError('invalid_configuration', { provider: 'OpenAI', message: 'Base URL must use https.' });
    expect(providerStatus({ ...base, lastResult: { ...result, ok: false, error } }).summary).toBe('Invalid configuration: Base URL must use https.');
  });

  it('a quota that resets in a day (Azure "retry after 86400 seconds") gives the date too', () => {
    const error = providerError('rate_limited', { provider: 'Azure OpenAI', status: 429, message: '429 … Please retry after 86400 seconds.', retryAfterSeconds: 86400 });
    const view: ProviderView = { ...base, lastResult: { ...result, ok: false, error } };
    const retryAt = new Date(Date.parse(result.verifiedAt) + 86_400_000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    const status = providerStatus(view, Date.parse(result.verifiedAt) + 1_000);
    expect(status.summary).toBe('Quota exhausted');
    expect(status.fix).toBe('The quota of this Azure OpenAI key is used up; it resets in about 24 h. Try again then, or raise the quota or pricing tier in your Azure OpenAI account.');
    expect(status.details).toContain(`Retry after ${retryAt}`);
    expect(status.details).toContain('Anthropic said: 429 … Please retry after 86400 seconds.');
  });

  it('names both hosts when a redirect to another origin was refused, and states the timeout when a check stalled', () => {
    const refused = transportError(crossOriginRedirect('https://api.anthropic.com/v1/models', 307, 'https://evil.example.net/v1/models'), { provider: 'Anthropic' })!;
    expect(providerStatus({ ...base, lastResult: { ...result, ok: false, error: refused } })).toEqual({
      state: 'error',
      summary: 'Redirect to another host refused: api.anthropic.com redirected the request to evil.example.net; the key was not sent there.',
      fix: 'The Anthropic endpoint sends requests to another host. A key only goes to the endpoint it was saved for: if the new host is right, enter it as the base URL (or endpoint) and Verify.',
      details: [],
    });
    const stalled = providerError('timeout', { provider: 'Anthropic', message: new VerificationTimeout(15_000).message });
    expect(providerStatus({ ...base, lastResult: { ...result, ok: false, error: stalled } })).toEqual({
      state: 'error',
      summary: 'Timed out: The check did not finish within the verification timeout of 15 s.',
      fix: 'Anthropic did not answer in time. Try again, or raise "byok.verification.timeoutSeconds".',
      details: [],
    });
  });

  it('after a rejected new key, says the stored key is unchanged (and still what chat uses)', () => {
    const error = providerError('invalid_key', { provider: 'Anthropic', status: 401, message: 'invalid x-api-key' });
    const status = providerStatus({ ...base, lastResult: { ...result, ok: true }, rejectedDraft: { ...result, ok: false, error } });
    expect(status.summary).toBe('Invalid key');
    expect(status.note).toBe('Nothing was saved: the stored key (ends with 9f3a) is unchanged.');
    // With no key stored yet, the failure is the whole story.
    expect(providerStatus({ ...base, secrets: { apiKey: { present: false } }, rejectedDraft: { ...result, ok: false, error } }).note).toBeUndefined();
  });

  it('says "Not verified since the last change" when settings or a key were saved without verifying', () => {
    expect(providerStatus({ ...base, resultOutdated: true })).toEqual({
      state: 'none',
      summary: 'Not verified since the last change',
      fix: 'Verify to check the saved settings and key; until then its models are not offered in chat.',
      details: [],
    });
  });

  it('says the key is not on this machine only when Settings Sync brought a set-up provider, and warns when the endpoint changed', () => {
    const synced = { ...base, secrets: { apiKey: { present: false } }, missingOnThisMachine: ['apiKey'], enabledModels: ['claude-sonnet-4-5'] };
    expect(warningLines(synced).missing).toBe('The key is not stored on this machine (Settings Sync carries settings, never keys): paste it and Verify.');
    // Settings without a choice of models (written by hand, or a sandbox's base URL) came from no other machine.
    expect(warningLines({ ...synced, enabledModels: [] }).missing).toBeUndefined();
    expect(syncedWithoutKey({ ...synced, enabledModels: [] })).toBe(false);
    // In a web editor (keys in the browser) the key of a set-up provider is in another browser.
    expect(warningLines(synced, true).missing).toBe(
      'Configured, but the key is not stored in this browser (this editor keeps keys in the browser that saved them): paste it and Verify.',
    );
    expect(warningLines({ ...synced, enabledModels: [] }, true).missing).toBeUndefined();
    expect(warningLines({ ...base, endpointChanged: true }).endpointChanged).toMatch(/not sent to the new endpoint until you confirm/);
    expect(warningLines(base)).toEqual({ missing: undefined, endpointChanged: undefined });
  });

  it('describes a stored secret by its last four characters only', () => {
    expect(secretState({ present: true, last4: '9f3a' })).toBe('Stored · ends with 9f3a');
    expect(secretState({ present: true })).toBe('Stored');
    expect(secretState({ present: false })).toBeUndefined();
  });

  it('fills the model table\'s context and capabilities columns', () => {
    expect(modelContext({ id: 'claude-sonnet-4-5', contextWindow: 200000, maxOutputTokens: 64000 })).toBe('200,000 in, 64,000 out');
    expect(modelContext({ id: 'llama3.2' })).toBe('—');
    expect(modelCapabilities({ id: 'gpt-4o', toolCalling: true, imageInput: true })).toBe('tool calling, image input');
    expect(modelCapabilities({ id: 'llama3.2' })).toBe('—');
  });

  it('shows what chat used of a model', () => {
    expect(usageText({ requests: 1, inputTokens: 812, outputTokens: 40 })).toBe('Used in chat: 1 request, 812 input and 40 output tokens');
    expect(usageText({ requests: 12, inputTokens: 25_310, outputTokens: 4_002 })).toBe('Used in chat: 12 requests, 25,310 input and 4,002 output tokens');
  });

  it('a Gemini Test says the model is reachable and that quota was not checked, not that it answered', () => {
    const status = providerStatus({ ...base, lastResult: { ...result, ok: true, proven: { keyValid: true, modelReachable: 'gemini-2.5-pro' } } });
    expect(status.details).toContain('gemini-2.5-pro is reachable; quota not checked (a free token count generates nothing)');
    expect([status.summary, ...status.details].join('\n')).not.toMatch(/Model answered/);
  });

  it('a model\'s own check is said on its row; a provider with a failed row stays "Verified" and points to it', () => {
    const quota = providerError('quota_exhausted', { provider: 'OpenAI', status: 429, message: 'You exceeded your current quota' });
    const row = { ok: false, label: { message: '1-token chat request to {0}', args: ['gpt-4o-mini'] }, error: quota };
    expect(modelResultLine('gpt-4o-mini', row)).toMatch(/^✗ Quota exhausted: /);
    const deployment = providerError('deployment_not_found', { provider: 'Azure OpenAI', status: 404, message: 'DeploymentNotFound' });
    expect(modelResultLine('gpt-4o-prod', { ok: false, label: { message: 'x', args: [] }, error: deployment }, true)).toMatch(/^✗ gpt-4o-prod: Deployment not found: /);
    expect(modelResultLine('gpt-4o', { ok: true, label: { message: 'Deployment {0} answered a 1-token request (costs a fraction of a cent)', args: ['gpt-4o'] } })).toBe(
      '✓ Deployment gpt-4o answered a 1-token request (costs a fraction of a cent)',
    );
    const status = providerStatus({ ...base, lastResult: { ...result, ok: true, proven: { modelsVisible: 2 }, modelResults: { 'gpt-4o-mini': row } } });
    expect(status.summary).toBe('Verified · 2 models');
    expect(status.note).toBe('1 model or deployment failed its own check: see its row.');
  });
});

describe('the overview chip of a provider', () => {
  const none = { ...base, configured: false, secrets: { apiKey: { present: false } } };
  const verified = { ...result, ok: true, models: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] };

  it('No key · Key stored, not verified · Verified, N models in chat · the error kind', () => {
    expect(overviewState(none)).toEqual({ tone: 'none', text: 'No key' });
    expect(overviewState(base)).toEqual({ tone: 'stored', text: 'Key stored, not verified' });
    // Only enabled models the provider still offers count.
    expect(overviewState({ ...base, lastResult: verified, enabledModels: ['a', 'c', 'gone'] })).toEqual({ tone: 'ok', text: 'Verified, 2 models in chat' });
    expect(overviewState({ ...base, lastResult: verified, enabledModels: ['b'] })).toEqual({ tone: 'ok', text: 'Verified, 1 model in chat' });
    const error = providerError('quota_exhausted', { provider: 'Anthropic', status: 429, message: 'credit balance too low' });
    expect(overviewState({ ...base, lastResult: { ...result, ok: false, error } })).toEqual({ tone: 'error', text: 'Quota exhausted' });
    expect(overviewState({ ...base, verifying: true })).toEqual({ tone: 'busy', text: 'Verifying…' });
  });

  it('a provider set up without a key of its own (a local server) is not "No key"', () => {
    expect(overviewState({ ...none, kind: 'compatible', id: 'compatible.ollama', configured: true, secrets: {} })).toEqual({ tone: 'stored', text: 'Not verified' });
    expect(overviewState({ ...none, configured: true, missingOnThisMachine: ['apiKey'] })).toEqual({ tone: 'none', text: 'No key' });
  });

  it('a cancelled check leaves the state as it was before', () => {
    const error = providerError('cancelled', { provider: 'Anthropic', message: 'Verification cancelled' });
    expect(overviewState({ ...base, lastResult: { ...result, ok: false, error } })).toEqual({ tone: 'stored', text: 'Key stored, not verified' });
  });
});
