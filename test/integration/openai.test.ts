import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat/types';
import type { ErrorKind } from '../../src/core/errors/errorKind';
import { formatText } from '../../src/core/text';
import { openAIRuntime } from '../../src/core/providers/openai/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';
import type { Scenario } from '../simulator/types';
import { OPENAI_SIM_MODELS } from '../simulator/providers/openai';
import { collectEvents } from '../support/chatEvents';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function ctx(apiKey: string, extra: Partial<CallContext> = {}, settings: Record<string, unknown> = {}): CallContext {
  return { settings: { baseUrl: `${sim.url}/v1`, ...settings }, secrets: { apiKey }, timeoutMs: 5_000, signal: new AbortController().signal, ...extra };
}

const openaiRequests = () => sim.requests.filter((r) => r.provider === 'openai');

describe('OpenAI verify', () => {
  it('accepts a valid key and lists only chat models, with an honest count', async () => {
    const result = await openAIRuntime.verify(ctx('sk-proj-valid-key-0001'));
    expect(result.ok).toBe(true);
    expect(result.proven.keyValid).toBe(true);
    const ids = result.models.map((m) => m.id);
    expect(ids).toContain('gpt-4o-mini');
    expect(ids).toContain('o4-mini');
    expect(ids).not.toContain('text-embedding-3-small');
    expect(ids).not.toContain('whisper-1');
    expect(result.proven.modelsVisible).toBe(ids.length);
    const modelsStage = result.stages.find((s) => s.id === 'models')!;
    expect(formatText(modelsStage.label)).toBe(`${ids.length} chat models visible (${OPENAI_SIM_MODELS.length - ids.length} others left out: embeddings, audio, image, moderation or legacy models)`);
    expect(result.proven.modelsLeftOut).toBe(OPENAI_SIM_MODELS.length - ids.length);
    const [request] = openaiRequests();
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(request!.headers.authorization).toBe('Bearer sk-proj-valid-key-0001');
    expect(request!.headers['openai-organization']).toBeUndefined();
  });

  it('sends organization and project headers only when configured', async () => {
    await openAIRuntime.verify(ctx('sk-proj-valid-key-0001', {}, { organization: 'org-acme', project: 'proj_123' }));
    expect(openaiRequests()[0]!.headers).toMatchObject({ 'openai-organization': 'org-acme', 'openai-project': 'proj_123' });
  });

  it('with a model id, proves it with a 1-token request', async () => {
    const result = await openAIRuntime.verify(ctx('sk-proj-valid-key-0001'), { modelId: 'gpt-4o-mini' });
    expect(result.ok).toBe(true);
    expect(result.proven.modelInvocable).toBe('gpt-4o-mini');
    const chat = openaiRequests().find((r) => r.path === '/v1/chat/completions')!;
    expect(JSON.parse(chat.body)).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 1 });
  });

  it('uses max_completion_tokens for a reasoning model', async () => {
    const result = await openAIRuntime.verify(ctx('sk-proj-valid-key-0001'), { modelId: 'o4-mini' });
    expect(result.ok).toBe(true);
    const bodies = openaiRequests().filter((r) => r.path === '/v1/chat/completions').map((r) => JSON.parse(r.body));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ model: 'o4-mini', max_completion_tokens: 1 });
    expect(bodies[0]).not.toHaveProperty('max_tokens');
  });

  // scenario -> [kind, needs a model check to show (inference-only failures)]
  const cases: [Scenario, ErrorKind, boolean][] = [
    ['invalid_key', 'invalid_key', false],
    ['expired_token', 'invalid_key', false],
    ['no_model_access', 'model_access_not_enabled', true],
    ['quota_exhausted', 'quota_exhausted', true],
    ['rate_limited', 'rate_limited', false],
    ['overloaded', 'overloaded', false],
    ['server_error', 'server_error', false],
    ['model_not_found', 'model_not_found', true],
    ['malformed_json', 'unexpected_response', false],
    ['html', 'wrong_base_url', false],
    ['reset', 'network_unreachable', false],
    ['empty_models', 'model_access_not_enabled', false],
  ];
  it.each(cases)('scenario %s -> %s, with a hint and no key in the result', async (scenario, kind, needsModel) => {
    const key = `sk-proj-canary-sim-${scenario}-7f3a9c1e5b2d4680`;
    const result = await openAIRuntime.verify(ctx(key), needsModel ? { modelId: 'gpt-4o-mini' } : {});
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    expect(formatText(result.error!.hint).length).toBeGreaterThan(10);
    expect(JSON.stringify(result)).not.toContain(key);
    expect(JSON.stringify(result)).not.toContain('canary-sim');
  });

  it.each([
    ['invalid_key', 'platform.openai.com/api-keys'],
    ['quota_exhausted', 'Settings > Billing'],
    ['no_model_access', 'This project has no access to gpt-4o-mini'],
  ])('the %s hint says where to fix it on platform.openai.com', async (scenario, fragment) => {
    const result = await openAIRuntime.verify(ctx(`sk-proj-sim-${scenario}-0123456789`), { modelId: 'gpt-4o-mini' });
    expect(formatText(result.error!.hint)).toContain(fragment);
  });

  it('reports the wait time of a rate limit', async () => {
    const result = await openAIRuntime.verify(ctx('sk-test-sim-rate_limited-1'));
    expect(result.error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 2 });
    expect(formatText(result.error!.hint)).toContain('2 s');
  });

  it('a key the server echoes in its 401 is redacted', async () => {
    const key = 'sk-proj-sim-invalid_key-CANARY0123456789abcdef';
    const result = await openAIRuntime.verify(ctx(key));
    expect(result.error?.message).toContain('Incorrect API key provided');
    expect(JSON.stringify(result)).not.toContain('CANARY0123456789');
  });

  it('without a key reports missing credentials and sends nothing', async () => {
    const result = await openAIRuntime.verify(ctx(''));
    expect(result.error?.kind).toBe('missing_credentials');
    expect(openaiRequests()).toHaveLength(0);
  });

  it('a hanging server ends as a timeout within the per-call timeout', async () => {
    const result = await openAIRuntime.verify(ctx('sk-test-sim-hang-1', { timeoutMs: 300 }));
    expect(result.error?.kind).toBe('timeout');
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
  });

  it('a user cancel ends as cancelled', async () => {
    const controller = new AbortController();
    const pending = openAIRuntime.verify(ctx('sk-test-sim-hang-1', { signal: controller.signal }));
    setTimeout(() => controller.abort(new DOMException('cancelled', 'AbortError')), 100);
    const result = await pending;
    expect(result.error?.kind).toBe('cancelled');
  });
});

describe('OpenAI simulator speaks the Responses API as the SDK expects', () => {
  it('answers JSON and SSE, and rejects max_output_tokens below 16 like the real API', async () => {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ apiKey: 'sk-proj-responses-0001', baseURL: `${sim.url}/v1`, maxRetries: 0, organization: null, project: null });
    const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', max_output_tokens: 16 });
    expect(response.output_text).toBe('Hello from the simulator! You said: hi.');
    const types: string[] = [];
    let streamed = '';
    for await (const event of await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true })) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') streamed += event.delta;
    }
    expect(streamed).toBe(response.output_text);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    await expect(client.responses.create({ model: 'gpt-4o-mini', input: 'hi', max_output_tokens: 1 })).rejects.toMatchObject({ status: 400, code: 'integer_below_min_value' });
  });

  it('retrieves one model, and answers 404 model_not_found for an unknown id', async () => {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ apiKey: 'sk-proj-retrieve-0001', baseURL: `${sim.url}/v1`, maxRetries: 0, organization: null, project: null });
    expect(await client.models.retrieve('o4-mini')).toMatchObject({ id: 'o4-mini', object: 'model', owned_by: 'system' });
    await expect(client.models.retrieve('gpt-nope')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });
});
