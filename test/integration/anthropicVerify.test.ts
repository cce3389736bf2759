import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../src/core/errors/errorKind';
import { anthropicRuntime } from '../../src/core/providers/anthropic/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import { ANTHROPIC_MODELS } from '../simulator/providers/anthropicModels';
import type { Scenario } from '../simulator/types';
import { closedPort, useSimulator } from './simulatorFixture';

const sim = useSimulator();

const KEY = 'sk-ant-api03-valid-key-0123456789abcdef';

function ctx(apiKey: string, extra: Partial<CallContext> = {}): CallContext {
  return { settings: { baseUrl: sim.url }, secrets: { apiKey }, timeoutMs: 5_000, signal: new AbortController().signal, ...extra };
}


const anthropicRequests = () => sim.requests.filter((r) => r.provider === 'anthropic');

describe('Anthropic verify against the simulator', () => {
  it('proves the key with GET /v1/models and lists the usable models with their limits', async () => {
    const result = await anthropicRuntime.verify(ctx(KEY));
    const usable = ANTHROPIC_MODELS.filter((m) => m.lifecycle !== 'retired');

    expect(result.ok).toBe(true);
    expect(result.error).toBeUndefined();
    expect(result.proven).toEqual({ keyValid: true, modelsVisible: usable.length });
    expect(result.models.map((m) => m.id)).toEqual(usable.map((m) => m.id));
    const sonnet = result.models.find((m) => m.id === usable[0]!.id)!;
    expect(sonnet).toMatchObject({ name: usable[0]!.display_name, contextWindow: usable[0]!.max_input_tokens, maxOutputTokens: usable[0]!.max_tokens, imageInput: true, toolCalling: true });
    expect(result.stages).toHaveLength(1);
    expect(formatText(result.stages[0]!.label)).toBe(`API key accepted; ${usable.length} models visible (GET /v1/models)`);

    // One free call, sent the way SDK 1.x sends it, with retries off.
    const [request, ...more] = anthropicRequests();
    expect(more).toHaveLength(0);
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models', query: 'limit=1000' });
    expect(request!.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(request!.headers['anthropic-version']).toBe('2026-10-21');
    expect(request!.headers['x-stainless-timeout']).toBe('5');
  });

  it('leaves retired models out (requests naming them fail)', async () => {
    const result = await anthropicRuntime.verify(ctx(KEY));
    const retired = ANTHROPIC_MODELS.filter((m) => m.lifecycle === 'retired').map((m) => m.id);
    expect(retired.length).toBeGreaterThan(0);
    for (const id of retired) expect(result.models.map((m) => m.id)).not.toContain(id);
  });

  it('with a model id, also proves the model answers a 1-token message', async () => {
    const result = await anthropicRuntime.verify(ctx(KEY), { modelId: 'claude-haiku-4-5' });
    expect(result.ok).toBe(true);
    expect(result.proven.modelInvocable).toBe('claude-haiku-4-5');
    expect(result.stages.map((s) => [s.id, s.ok])).toEqual([['models', true], ['invoke', true]]);
    const invoke = anthropicRequests().find((r) => r.path === '/v1/messages')!;
    expect(JSON.parse(invoke.body)).toMatchObject({ model: 'claude-haiku-4-5', max_tokens: 1 });
  });

  const cases: { scenario: Scenario; kind: ErrorKind; status?: number; hint: RegExp; failedStage: 'models' | 'invoke' }[] = [
    { scenario: 'invalid_key', kind: 'invalid_key', status: 401, hint: /console\.anthropic\.com.*API keys/, failedStage: 'models' },
    { scenario: 'expired_token', kind: 'invalid_key', status: 401, hint: /console\.anthropic\.com/, failedStage: 'models' },
    { scenario: 'rate_limited', kind: 'rate_limited', status: 429, hint: /Try again in 17 s/, failedStage: 'models' },
    { scenario: 'overloaded', kind: 'overloaded', status: 529, hint: /overloaded/, failedStage: 'models' },
    { scenario: 'server_error', kind: 'server_error', status: 500, hint: /internal error/, failedStage: 'models' },
    { scenario: 'quota_exhausted', kind: 'quota_exhausted', status: 400, hint: /credit balance.*Billing/, failedStage: 'invoke' },
    { scenario: 'no_model_access', kind: 'model_access_not_enabled', status: 403, hint: /may not use claude-haiku-4-5/, failedStage: 'invoke' },
    { scenario: 'model_not_found', kind: 'model_not_found', status: 404, hint: /does not know the model claude-haiku-4-5/, failedStage: 'invoke' },
    { scenario: 'empty_models', kind: 'model_access_not_enabled', hint: /lists no models/, failedStage: 'models' },
    { scenario: 'html', kind: 'wrong_base_url', hint: /without \/v1/, failedStage: 'models' },
    { scenario: 'malformed_json', kind: 'unexpected_response', hint: /not its API/, failedStage: 'models' },
    { scenario: 'reset', kind: 'network_unreachable', hint: /Could not connect/, failedStage: 'models' },
  ];

  it.each(cases)('$scenario → $kind with a hint, never success', async ({ scenario, kind, status, hint, failedStage }) => {
    const result = await anthropicRuntime.verify(ctx(`sk-ant-api03-sim-${scenario}-0123456789`), { modelId: 'claude-haiku-4-5' });
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    expect(result.error?.status).toBe(status);
    expect(formatText(result.error!.hint)).toMatch(hint);
    expect(result.stages.at(-1)).toMatchObject({ id: failedStage, ok: false });
    // Retries are off: a failing call is made exactly once.
    const failedPath = failedStage === 'models' ? '/v1/models' : '/v1/messages';
    expect(anthropicRequests().filter((r) => r.path === failedPath)).toHaveLength(1);
  });

  it('reports the retry-after seconds of a rate limit', async () => {
    const result = await anthropicRuntime.verify(ctx('sk-ant-sim-rate_limited-0123456789'));
    expect(result.error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 17, code: 'rate_limit_error' });
    expect(result.error?.requestId).toMatch(/^req_/);
  });

  it('never returns the key, even when the server echoes it in its error message', async () => {
    const key = 'sk-ant-api03-sim-invalid_key-CANARY-7f3a9c2e1b8d4f6a0c5e';
    // The simulator really echoes the key (so this test can fail).
    const raw = await fetch(`${sim.url}/v1/models`, { headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' } });
    expect(await raw.text()).toContain(key);

    const result = await anthropicRuntime.verify(ctx(key), { modelId: 'claude-haiku-4-5' });
    expect(result.error?.kind).toBe('invalid_key');
    const json = JSON.stringify(result);
    expect(json).not.toContain(key);
    expect(json).not.toContain(key.slice(0, 16));
    expect(json).not.toContain(key.slice(-16));
  });

  it('a 400 for an unknown model id is a failure, not a success', async () => {
    const result = await anthropicRuntime.verify(ctx(KEY), { modelId: 'claude-nope-1' });
    expect(result.ok).toBe(false);
    expect(result.proven.keyValid).toBe(true);
    expect(result.error).toMatchObject({ kind: 'model_not_found', status: 404, step: 'POST /v1/messages' });
  });

  it('a hanging server ends as a timeout within the per-call timeout', async () => {
    const result = await anthropicRuntime.verify(ctx('sk-ant-sim-hang-0123456789', { timeoutMs: 300 }));
    expect(result.error?.kind).toBe('timeout');
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
  });

  it('tells the verifier’s timeout abort from a user cancel by the signal’s reason', async () => {
    const timeoutController = new AbortController();
    const timedOut = anthropicRuntime.verify(ctx('sk-ant-sim-hang-0123456789', { signal: timeoutController.signal }));
    setTimeout(() => timeoutController.abort(Object.assign(new Error('No answer within 200 ms'), { name: 'TimeoutError' })), 200);
    expect((await timedOut).error?.kind).toBe('timeout');

    const cancelController = new AbortController();
    const cancelled = anthropicRuntime.verify(ctx('sk-ant-sim-hang-0123456789', { signal: cancelController.signal }));
    setTimeout(() => cancelController.abort(Object.assign(new Error('Verification cancelled'), { name: 'AbortError' })), 200);
    expect((await cancelled).error?.kind).toBe('cancelled');

    // The hanging requests were really abandoned by the client.
    await new Promise((r) => setTimeout(r, 100));
    expect(anthropicRequests().map((r) => r.clientClosedEarly)).toEqual([true, true]);
  });

  it('an unreachable base URL is a network error, with no key in the message', async () => {
    const result = await anthropicRuntime.verify({ ...ctx(KEY), settings: { baseUrl: `http://127.0.0.1:${await closedPort()}` } });
    expect(result.error?.kind).toBe('network_unreachable');
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('ignores ANTHROPIC_* environment variables (base URL, tokens, custom headers)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:1',
      ANTHROPIC_API_KEY: 'sk-ant-from-env-aaaaaaaaaaaa',
      ANTHROPIC_AUTH_TOKEN: 'env-token-bbbbbbbbbbbb',
      ANTHROPIC_CUSTOM_HEADERS: 'Authorization: Bearer env-token-cccccccc\nX-Env-Header: yes',
    });
    try {
      const result = await anthropicRuntime.verify(ctx(KEY));
      expect(result.ok).toBe(true);
      const [request] = anthropicRequests();
      expect(request!.headers['authorization']).toBe(`Bearer ${KEY}`);
      expect(request!.headers['x-env-header']).toBeUndefined();
    } finally {
      for (const name of ['ANTHROPIC_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_CUSTOM_HEADERS']) process.env[name] = saved[name];
    }
  });

  it('without a stored key it says so instead of calling out', async () => {
    const result = await anthropicRuntime.verify({ ...ctx(KEY), secrets: {} });
    expect(result.error?.kind).toBe('missing_credentials');
    expect(anthropicRequests()).toHaveLength(0);
  });
});
