import { describe, expect, it } from 'vitest';
import { providerError, transportError } from '../../src/core/errors/providerError';
import { crossOriginRedirect } from '../../src/core/net/sameOriginFetch';
import { VerificationTimeout } from '../../src/core/verify/verifier';
import type { ProviderView } from '../../src/protocol/messages';
import { modelMeta, modelResultLine, secretState, statusLines, usageText, warningLines } from '../../src/webview/statusText';

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
    expect(statusLines(base)).toEqual(['Not verified yet']);
    expect(statusLines({ ...base, verifying: true, lastResult: { ...result, ok: true } })).toEqual(['Verifying…']);
  });

  it('starts a success with "Verified", the model count and the latency, then what was proven', () => {
    const lines = statusLines({
      ...base,
      lastResult: {
        ...result,
        ok: true,
        proven: { modelsVisible: 42, arn: 'arn:aws:sts::123456789012:assumed-role/Bedrock/byok' },
        stages: [{ id: 'identity', ok: true, label: { message: 'Signed in to AWS as {0}', args: ['byok'] }, latencyMs: 20 }],
      },
    });
    expect(lines[0]).toBe('Verified · 42 models · 180 ms');
    expect(lines).toContain('Signed in as arn:aws:sts::123456789012:assumed-role/Bedrock/byok');
    expect(lines).toContain('✓ Signed in to AWS as byok');
  });

  it('says when the check was made, and counts Azure deployments (what chat offers) instead of catalogue models', () => {
    const checked = new Date(result.verifiedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    expect(statusLines({ ...base, lastResult: { ...result, ok: true, proven: { modelsVisible: 3 } } })[1]).toBe(`Checked ${checked}`);
    const azure = { ...result, kind: 'azure', ok: true, proven: { modelsVisible: 6, deploymentsReachable: ['gpt-4o-mini'] } };
    expect(statusLines({ ...base, id: 'azure', kind: 'azure', lastResult: azure })[0]).toBe('Verified · 1 deployment · 180 ms');
  });

  it('gives the error kind, the message, the fix and the time to wait when rate limited', () => {
    const error = providerError('rate_limited', { provider: 'Anthropic', status: 429, message: 'Too many requests', retryAfterSeconds: 30 });
    const view: ProviderView = { ...base, lastResult: { ...result, ok: false, error } };
    const retryAt = new Date(Date.parse(result.verifiedAt) + 30_000).toLocaleTimeString();
    // A clock time, so the line stays true while the page is open; gone once that time has passed.
    expect(statusLines(view, Date.parse(result.verifiedAt) + 12_000)).toEqual([
      'Rate limited: Too many requests',
      'Anthropic is rate limiting this key. Try again in 30 s.',
      `Retry after ${retryAt}`,
    ]);
    expect(statusLines(view, Date.parse(result.verifiedAt) + 31_000)).toHaveLength(2);
  });

  it('a quota that resets in a day (Azure "retry after 86400 seconds") gives the date too', () => {
    const error = providerError('rate_limited', { provider: 'Azure OpenAI', status: 429, message: '429 … Please retry after 86400 seconds.', retryAfterSeconds: 86400 });
    const view: ProviderView = { ...base, lastResult: { ...result, ok: false, error } };
    const retryAt = new Date(Date.parse(result.verifiedAt) + 86_400_000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    expect(statusLines(view, Date.parse(result.verifiedAt) + 1_000)).toEqual([
      'Quota exhausted: 429 … Please retry after 86400 seconds.',
      'The quota of this Azure OpenAI key is used up; it resets in about 24 h. Try again then, or raise the quota or pricing tier in your Azure OpenAI account.',
      `Retry after ${retryAt}`,
    ]);
  });

  it('names both hosts when a redirect to another origin was refused, and states the timeout when a check stalled', () => {
    const refused = transportError(crossOriginRedirect('https://api.anthropic.com/v1/models', 307, 'https://evil.example.net/v1/models'), { provider: 'Anthropic' })!;
    expect(statusLines({ ...base, lastResult: { ...result, ok: false, error: refused } })).toEqual([
      'Redirect to another host refused: api.anthropic.com redirected the request to evil.example.net; the key was not sent there.',
      'The Anthropic endpoint sends requests to another host. A key only goes to the endpoint it was saved for: if the new host is right, enter it as the base URL (or endpoint) and Verify.',
    ]);
    const stalled = providerError('timeout', { provider: 'Anthropic', message: new VerificationTimeout(15_000).message });
    expect(statusLines({ ...base, lastResult: { ...result, ok: false, error: stalled } })).toEqual([
      'Timed out: The check did not finish within the verification timeout of 15 s.',
      'Anthropic did not answer in time. Try again, or raise "byok.verification.timeoutSeconds".',
    ]);
  });

  it('after a rejected new key, says the stored key is unchanged (and still what chat uses)', () => {
    const error = providerError('invalid_key', { provider: 'Anthropic', status: 401, message: 'invalid x-api-key' });
    const lines = statusLines({ ...base, lastResult: { ...result, ok: true }, rejectedDraft: { ...result, ok: false, error } });
    expect(lines[0]).toBe('Invalid key: invalid x-api-key');
    expect(lines[1]).toBe('Nothing was saved: the stored key (ends with 9f3a) is unchanged.');
    // With no key stored yet, the failure is the whole story.
    expect(statusLines({ ...base, secrets: { apiKey: { present: false } }, rejectedDraft: { ...result, ok: false, error } })[1]).not.toMatch(/Nothing was saved/);
  });

  it('says "Not verified since the last change" when settings or a key were saved without verifying', () => {
    expect(statusLines({ ...base, resultOutdated: true })).toEqual([
      'Not verified since the last change',
      'Verify to check the saved settings and key; until then its models are not offered in chat.',
    ]);
  });

  it('warns when the key is missing on this machine or the endpoint changed', () => {
    expect(warningLines({ ...base, missingOnThisMachine: ['apiKey'] }).missing).toBe('The key is not stored on this machine (Settings Sync carries settings, never keys): paste it and Verify.');
    expect(warningLines({ ...base, endpointChanged: true }).endpointChanged).toMatch(/not sent to the new endpoint until you confirm/);
    expect(warningLines(base)).toEqual({ missing: undefined, endpointChanged: undefined });
  });

  it('describes a stored secret by its last four characters only', () => {
    expect(secretState({ present: true, last4: '9f3a' })).toBe('Stored · ends with 9f3a');
    expect(secretState({ present: true })).toBe('Stored');
    expect(secretState({ present: false })).toBeUndefined();
  });

  it('shows model metadata: context window and capabilities', () => {
    expect(modelMeta({ id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', contextWindow: 200000, toolCalling: true })).toBe(
      'claude-sonnet-4-5 · 200,000 tokens context · tool calling',
    );
  });

  it('shows what chat used of a model', () => {
    const at = '2026-11-23T10:00:00.000Z';
    expect(usageText({ requests: 1, inputTokens: 812, outputTokens: 40, lastUsedAt: at })).toBe('Used in chat: 1 request, 812 input and 40 output tokens');
    expect(usageText({ requests: 12, inputTokens: 25_310, outputTokens: 4_002, lastUsedAt: at })).toBe('Used in chat: 12 requests, 25,310 input and 4,002 output tokens');
  });

  it('a Gemini Test says the model is reachable and that quota was not checked, not that it answered', () => {
    const lines = statusLines({ ...base, lastResult: { ...result, ok: true, proven: { keyValid: true, modelReachable: 'gemini-2.5-pro' } } });
    expect(lines).toContain('gemini-2.5-pro is reachable; quota not checked (a free token count generates nothing)');
    expect(lines.join('\n')).not.toMatch(/Model answered/);
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
    const lines = statusLines({ ...base, lastResult: { ...result, ok: true, proven: { modelsVisible: 2 }, modelResults: { 'gpt-4o-mini': row } } });
    expect(lines[0]).toBe('Verified · 2 models · 180 ms');
    expect(lines).toContain('1 model or deployment failed its own check: see its row.');
  });
});
