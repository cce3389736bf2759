import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../src/core/errors/errorKind';
import { createGeminiClient } from '../../src/core/providers/gemini/client';
import { listGeminiChatModels } from '../../src/core/providers/gemini/models';
import { geminiRuntime } from '../../src/core/providers/gemini/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import { GEMINI_CHAT_MODEL_IDS, GEMINI_MODELS } from '../simulator/providers/geminiModels';
import type { Scenario } from '../simulator/types';
import { closedPort, useSimulator } from './simulatorFixture';

const sim = useSimulator();

const KEY = 'AIzaSyValidKeyForTheSimulator0123456789';

function ctx(apiKey: string, extra: Partial<CallContext> = {}): CallContext {
  return { settings: { baseUrl: sim.url }, secrets: { apiKey }, timeoutMs: 5_000, signal: new AbortController().signal, ...extra };
}


const geminiRequests = () => sim.requests.filter((r) => r.provider === 'gemini');

describe('Gemini verify against the simulator', () => {
  it('proves the key with GET /v1beta/models and lists only chat models, with their limits', async () => {
    const result = await geminiRuntime.verify(ctx(KEY));

    expect(result.ok).toBe(true);
    expect(result.error).toBeUndefined();
    expect(result.proven).toEqual({ keyValid: true, modelsVisible: GEMINI_CHAT_MODEL_IDS.length });
    expect(result.models.map((m) => m.id)).toEqual(GEMINI_CHAT_MODEL_IDS);
    // Embedding and image models are listed by the API but cannot chat.
    expect(result.models.map((m) => m.id)).not.toContain('text-embedding-004');
    expect(result.models.map((m) => m.id)).not.toContain('imagen-4.0-generate-001');
    const flash = GEMINI_MODELS.find((m) => m.name === 'models/gemini-2.5-flash')!;
    expect(result.models.find((m) => m.id === 'gemini-2.5-flash')).toMatchObject({
      name: flash.displayName,
      contextWindow: flash.inputTokenLimit,
      maxOutputTokens: flash.outputTokenLimit,
      toolCalling: true,
      imageInput: true,
    });
    expect(result.stages).toHaveLength(1);
    expect(formatText(result.stages[0]!.label)).toBe(`API key accepted; ${GEMINI_CHAT_MODEL_IDS.length} chat models visible (GET /v1beta/models)`);

    // One free call: key in the header (never in the URL), no retries, the timeout told to the server.
    const [request, ...more] = geminiRequests();
    expect(more).toHaveLength(0);
    expect(request).toMatchObject({ method: 'GET', path: '/v1beta/models', query: 'pageSize=1000' });
    expect(request!.headers['x-goog-api-key']).toBe(KEY);
    expect(request!.query).not.toContain('key=');
    expect(request!.headers['x-server-timeout']).toBe('5');
  });

  it('follows nextPageToken through every page of the model list', async () => {
    const client = createGeminiClient({ baseUrl: sim.url }, KEY, 5_000);
    const listing = await listGeminiChatModels(client, { signal: new AbortController().signal, timeoutMs: 5_000, pageSize: 2 });
    expect(listing.total).toBe(GEMINI_MODELS.length);
    expect(listing.chat.map((m) => m.id)).toEqual(GEMINI_CHAT_MODEL_IDS);
    const pages = geminiRequests();
    expect(pages).toHaveLength(Math.ceil(GEMINI_MODELS.length / 2));
    expect(new URLSearchParams(pages[0]!.query).get('pageToken')).toBeNull();
    for (const page of pages.slice(1)) expect(new URLSearchParams(page.query).get('pageToken')).toBeTruthy();
  });

  it('with a model id, also proves the model accepts a free countTokens call', async () => {
    const result = await geminiRuntime.verify(ctx(KEY), { modelId: 'gemini-2.5-pro' });
    expect(result.ok).toBe(true);
    // A token count generates nothing: the model is reachable, its generation quota unproven.
    expect(result.proven.modelReachable).toBe('gemini-2.5-pro');
    expect(result.proven.modelInvocable).toBeUndefined();
    expect(result.stages.map((s) => [s.id, s.ok])).toEqual([['models', true], ['invoke', true]]);
    expect(formatText(result.stages[1]!.label)).toMatch(/gemini-2\.5-pro accepted a token count request.*generation quota not checked/);
    const count = geminiRequests().find((r) => r.path.endsWith(':countTokens'))!;
    expect(count.path).toBe('/v1beta/models/gemini-2.5-pro:countTokens');
    expect(JSON.parse(count.body)).toEqual({ contents: [{ parts: [{ text: 'Hi' }], role: 'user' }] });
  });

  const cases: { scenario: Scenario; kind: ErrorKind; status?: number; code?: string; hint: RegExp; modelId?: string; failedStage: 'models' | 'invoke' }[] = [
    { scenario: 'invalid_key', kind: 'invalid_key', status: 400, code: 'API_KEY_INVALID', hint: /aistudio\.google\.com\/apikey/, failedStage: 'models' },
    { scenario: 'expired_token', kind: 'invalid_key', status: 400, code: 'API_KEY_EXPIRED', hint: /aistudio\.google\.com\/apikey/, failedStage: 'models' },
    { scenario: 'rate_limited', kind: 'rate_limited', status: 429, code: 'RESOURCE_EXHAUSTED', hint: /Try again in 38 s/, failedStage: 'models' },
    { scenario: 'server_error', kind: 'server_error', status: 500, code: 'INTERNAL', hint: /internal error/, failedStage: 'models' },
    { scenario: 'no_model_access', kind: 'model_access_not_enabled', status: 403, hint: /may not use gemini-2\.5-flash/, modelId: 'gemini-2.5-flash', failedStage: 'invoke' },
    { scenario: 'model_not_found', kind: 'model_not_found', status: 404, code: 'NOT_FOUND', hint: /gemini-2\.5-flash.*verified list/, modelId: 'gemini-2.5-flash', failedStage: 'invoke' },
    { scenario: 'overloaded', kind: 'overloaded', status: 503, code: 'UNAVAILABLE', hint: /overloaded/, modelId: 'gemini-2.5-flash', failedStage: 'invoke' },
    { scenario: 'html', kind: 'wrong_base_url', hint: /generativelanguage\.googleapis\.com/, failedStage: 'models' },
    { scenario: 'malformed_json', kind: 'unexpected_response', hint: /not its API’s response/, failedStage: 'models' },
    { scenario: 'reset', kind: 'network_unreachable', hint: /Could not connect/, failedStage: 'models' },
    { scenario: 'empty_models', kind: 'model_access_not_enabled', hint: /lists no Gemini chat models/, failedStage: 'models' },
  ];

  for (const c of cases) {
    it(`reports ${c.scenario} as ${c.kind} with a hint`, async () => {
      const result = await geminiRuntime.verify(ctx(`AIzaSy-sim-${c.scenario}-0123456789abcdef`), c.modelId ? { modelId: c.modelId } : {});
      expect(result.ok).toBe(false);
      expect(result.error).toMatchObject({ kind: c.kind });
      if (c.status !== undefined) expect(result.error!.status).toBe(c.status);
      if (c.code !== undefined) expect(result.error!.code).toBe(c.code);
      expect(formatText(result.error!.hint)).toMatch(c.hint);
      expect(result.stages.at(-1)).toMatchObject({ id: c.failedStage, ok: false });
      // No retries: exactly one request per stage that ran.
      expect(geminiRequests()).toHaveLength(c.failedStage === 'invoke' ? 2 : 1);
    });
  }

  it('a quota-exhausted key still verifies: the free calls do not touch generation quota, and the label says so', async () => {
    const result = await geminiRuntime.verify(ctx('AIzaSy-sim-quota_exhausted-0123456789'), { modelId: 'gemini-2.5-flash' });
    expect(result.ok).toBe(true);
    expect(formatText(result.stages[1]!.label)).toMatch(/generation quota not checked/);
  });

  it('never lets the key into the result, even when the server echoes it', async () => {
    const key = 'AIzaSy-sim-invalid_key-CANARY9f8e7d6c5b4a';
    const result = await geminiRuntime.verify(ctx(key));
    expect(result.error?.kind).toBe('invalid_key');
    // The simulator put the key into its message; it must be gone, also in fragments.
    expect(result.error!.message).toMatch(/API key not valid/);
    const json = JSON.stringify(result);
    expect(json).not.toContain(key);
    expect(json).not.toContain('CANARY9f8e7d6c5b4a');
  });

  it('reports its own timeout as timeout and a user cancel as cancelled (hang scenario)', async () => {
    const timeoutController = new AbortController();
    setTimeout(() => timeoutController.abort(new DOMException('Verification timed out', 'TimeoutError')), 200);
    const timedOut = await geminiRuntime.verify(ctx('AIzaSy-sim-hang-1', { signal: timeoutController.signal, timeoutMs: 30_000 }));
    expect(timedOut.error?.kind).toBe('timeout');

    const cancelController = new AbortController();
    setTimeout(() => cancelController.abort(new DOMException('The user cancelled', 'AbortError')), 200);
    const cancelled = await geminiRuntime.verify(ctx('AIzaSy-sim-hang-2', { signal: cancelController.signal, timeoutMs: 30_000 }));
    expect(cancelled.error?.kind).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(geminiRequests().every((r) => r.clientClosedEarly)).toBe(true);
  });

  it('the per-call timeout ends a hung call as timeout even without the verifier aborting', async () => {
    const result = await geminiRuntime.verify(ctx('AIzaSy-sim-hang-3', { timeoutMs: 300 }));
    expect(result.error?.kind).toBe('timeout');
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
  });

  it('reports a refused connection as network_unreachable', async () => {
    const port = await closedPort();
    const result = await geminiRuntime.verify({ ...ctx(KEY), settings: { baseUrl: `http://127.0.0.1:${port}` } });
    expect(result.error?.kind).toBe('network_unreachable');
  });

  it('reports a missing key without calling the API', async () => {
    const result = await geminiRuntime.verify({ ...ctx(KEY), secrets: {} });
    expect(result.error?.kind).toBe('missing_credentials');
    expect(geminiRequests()).toHaveLength(0);
  });

  it('ignores GOOGLE_API_KEY, GEMINI_API_KEY, GOOGLE_GENAI_USE_VERTEXAI and GOOGLE_GEMINI_BASE_URL', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      GOOGLE_API_KEY: 'AIzaSy-sim-invalid_key-from-env-1',
      GEMINI_API_KEY: 'AIzaSy-sim-invalid_key-from-env-2',
      GOOGLE_GENAI_USE_VERTEXAI: 'true',
      GOOGLE_GENAI_USE_ENTERPRISE: 'true',
      GOOGLE_CLOUD_PROJECT: 'someone-elses-project',
      GOOGLE_CLOUD_LOCATION: 'us-central1',
      GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:9',
    });
    try {
      const result = await geminiRuntime.verify(ctx(KEY));
      expect(result.ok).toBe(true);
      const [request] = geminiRequests();
      expect(request!.headers['x-goog-api-key']).toBe(KEY);
      expect(request!.path).toBe('/v1beta/models');
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('the simulator accepts the key as ?key= too (curl style), as the real API does', async () => {
    const response = await fetch(`${sim.url}/v1beta/models?key=AIzaSy-sim-invalid_key-q`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { status: string; details: { reason?: string }[] } };
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.details[0]!.reason).toBe('API_KEY_INVALID');
  });
});
