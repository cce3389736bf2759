import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest } from '../../src/core/chat/types';
import type { ErrorKind } from '../../src/core/errors/errorKind';
import { compatibleRuntime } from '../../src/core/providers/compatible/runtime';
import type { CallContext, Secrets } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';
import type { Scenario } from '../simulator/types';
import { collectEvents } from '../support/chatEvents';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function ctx(path: string, secrets: Secrets = {}, settings: { name?: string; models?: string[] } = {}, extra: Partial<CallContext> = {}): CallContext {
  return {
    settings: { name: settings.name ?? 'Test endpoint', baseUrl: `${sim.url}${path}`, models: settings.models ?? [] },
    secrets,
    timeoutMs: 5_000,
    signal: new AbortController().signal,
    ...extra,
  };
}

const recorded = () => sim.requests.filter((r) => r.provider === 'compatible');
const hi: ChatRequest['messages'] = [{ role: 'user', parts: [{ type: 'text', text: 'hi there' }] }];

describe('Ollama-like endpoint (no key)', () => {
  it('verifies by listing the pulled models and sends no Authorization header at all', async () => {
    const result = await compatibleRuntime.verify(ctx('/ollama/v1', {}, { name: 'Ollama' }));
    expect(result.ok).toBe(true);
    expect(result.models.map((m) => m.id)).toEqual(['llama3.2:latest', 'qwen2.5-coder:7b', 'gemma3:4b']);
    expect(result.proven.modelsVisible).toBe(3);
    expect(formatText(result.stages[0]!.label)).toBe('Server reachable, 3 models listed (GET /models)');
    const [request] = recorded();
    expect(request!.path).toBe('/ollama/v1/models');
    expect(request!.headers).not.toHaveProperty('authorization');
  });

  it('streams a chat answer without Authorization, with max_tokens (the field Ollama documents)', async () => {
    const events = await collectEvents(
      compatibleRuntime.streamChat(ctx('/ollama/v1'), { modelId: 'llama3.2:latest', messages: hi, maxOutputTokens: 100 }, { id: 'llama3.2:latest' }),
    );
    expect(events.filter((e) => e.type === 'text').map((e) => (e as { text: string }).text).join('')).toBe('Hello from the simulator! You said: hi there.');
    expect(events.at(-1)).toMatchObject({ type: 'usage' });
    const chat = recorded().find((r) => r.path === '/ollama/v1/chat/completions')!;
    expect(chat.headers).not.toHaveProperty('authorization');
    expect(JSON.parse(chat.body)).toMatchObject({ model: 'llama3.2:latest', max_tokens: 100, stream: true });
  });

  it('an empty server without configured models fails with a hint to pull a model', async () => {
    sim.setOverride('compatible', { scenario: 'empty_models' });
    const result = await compatibleRuntime.verify(ctx('/ollama/v1', {}, { name: 'Ollama' }));
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('model_not_found');
    expect(formatText(result.error!.hint)).toContain('ollama pull');
  });

  it('a model that is not pulled is model_not_found', async () => {
    const events = await collectEvents(compatibleRuntime.streamChat(ctx('/ollama/v1', {}, { name: 'Ollama' }), { modelId: 'mistral:7b', messages: hi }, undefined));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { kind: 'model_not_found', status: 404 } });
  });
});

describe('OpenRouter-like endpoint (public catalogue, key required)', () => {
  const key = 'sk-or-v1-0123456789abcdef0123456789abcdef';

  it('lists models with their metadata and proves the key with GET /key', async () => {
    const result = await compatibleRuntime.verify(ctx('/openrouter/api/v1', { apiKey: key }, { name: 'OpenRouter' }));
    expect(result.ok).toBe(true);
    expect(result.proven.keyValid).toBe(true);
    expect(result.models.find((m) => m.id === 'openai/gpt-4o-mini')).toEqual({
      id: 'openai/gpt-4o-mini',
      name: 'OpenAI: GPT-4o-mini',
      contextWindow: 128000,
      maxOutputTokens: 16384,
      toolCalling: true,
      imageInput: true,
    });
    expect(result.models.find((m) => m.id === 'meta-llama/llama-3.3-70b-instruct:free')).toMatchObject({ toolCalling: false, imageInput: false, contextWindow: 131072 });
    expect(recorded().map((r) => r.path)).toEqual(['/openrouter/api/v1/models', '/openrouter/api/v1/key']);
  });

  it('sends the extra headers on every request', async () => {
    const secrets = { apiKey: key, extraHeaders: 'HTTP-Referer: https://example.com/byok\nX-Title: BYOK Models' };
    await compatibleRuntime.verify(ctx('/openrouter/api/v1', secrets));
    await collectEvents(compatibleRuntime.streamChat(ctx('/openrouter/api/v1', secrets), { modelId: 'openai/gpt-4o-mini', messages: hi }, undefined));
    expect(recorded()).toHaveLength(3);
    for (const r of recorded()) {
      expect(r.headers).toMatchObject({ 'http-referer': 'https://example.com/byok', 'x-title': 'BYOK Models', authorization: `Bearer ${key}` });
    }
  });

  it('rejects malformed extra headers before sending anything', async () => {
    const result = await compatibleRuntime.verify(ctx('/openrouter/api/v1', { apiKey: key, extraHeaders: 'not a header' }));
    expect(result.error).toMatchObject({ kind: 'invalid_configuration', step: 'Extra headers' });
    expect(recorded()).toHaveLength(0);
  });

  it('without a key, the public list is not taken as success', async () => {
    const result = await compatibleRuntime.verify(ctx('/openrouter/api/v1', {}, { name: 'OpenRouter' }));
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('missing_credentials');
  });

  const cases: [Scenario, ErrorKind, boolean][] = [
    ['invalid_key', 'invalid_key', false],
    ['quota_exhausted', 'quota_exhausted', true],
    ['rate_limited', 'rate_limited', false],
    ['overloaded', 'overloaded', false],
    ['server_error', 'server_error', false],
    ['model_not_found', 'model_not_found', true],
    ['no_model_access', 'permission_denied', true],
    ['malformed_json', 'unexpected_response', false],
    ['html', 'wrong_base_url', false],
    ['reset', 'network_unreachable', false],
    ['empty_models', 'model_not_found', false],
  ];
  it.each(cases)('scenario %s -> %s, with a hint and the key redacted', async (scenario, kind, needsModel) => {
    const canary = `sk-or-v1-sim-${scenario}-canary-44f0c2a9e1b3d5`;
    const result = await compatibleRuntime.verify(ctx('/openrouter/api/v1', { apiKey: canary }, { name: 'OpenRouter' }), needsModel ? { modelId: 'openai/gpt-4o-mini' } : {});
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    expect(formatText(result.error!.hint).length).toBeGreaterThan(10);
    expect(JSON.stringify(result)).not.toContain(canary);
  });

  it('an upstream failure after streaming began ends the text with one error event', async () => {
    sim.setOverride('compatible', { scenario: 'overloaded' });
    const events = await collectEvents(compatibleRuntime.streamChat(ctx('/openrouter/api/v1', { apiKey: key }, { name: 'OpenRouter' }), { modelId: 'openai/gpt-4o-mini', messages: hi }, undefined));
    const kinds = events.map((e) => e.type);
    expect(kinds.filter((k) => k === 'text').length).toBeGreaterThan(0);
    expect(kinds.at(-1)).toBe('error');
    expect(kinds.filter((k) => k === 'error')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ error: { kind: 'server_error', message: expect.stringContaining('upstream disconnected') } });
  });

  it('a rate limit carries the wait time', async () => {
    const result = await compatibleRuntime.verify(ctx('/openrouter/api/v1', { apiKey: 'sk-or-v1-sim-rate_limited-0000000000' }));
    expect(result.error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 3 });
  });
});

describe('gateway without a model list', () => {
  const secrets = { apiKey: 'gw-team-key-0123456789' };

  it('falls back to the configured model ids and proves one with a 1-token call', async () => {
    const result = await compatibleRuntime.verify(ctx('/gateway/v1', secrets, { name: 'Team gateway', models: ['team-llama-70b', 'team-coder'] }));
    expect(result.ok).toBe(true);
    expect(result.models.map((m) => m.id)).toEqual(['team-llama-70b', 'team-coder']);
    expect(result.proven.modelInvocable).toBe('team-llama-70b');
    expect(result.stages.map((s) => [s.id, s.ok])).toEqual([
      ['models', false],
      ['invoke', true],
    ]);
    const chat = recorded().find((r) => r.path === '/gateway/v1/chat/completions')!;
    expect(JSON.parse(chat.body)).toMatchObject({ model: 'team-llama-70b', max_tokens: 1 });
  });

  it('without configured models, says the base URL has no model list', async () => {
    const result = await compatibleRuntime.verify(ctx('/gateway/v1', secrets, { name: 'Team gateway' }));
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('wrong_base_url');
    expect(formatText(result.error!.hint)).toContain('/gateway/v1/models');
  });

  it('a configured id the gateway does not serve fails the check honestly', async () => {
    const result = await compatibleRuntime.verify(ctx('/gateway/v1', secrets, { models: ['team-unknown'] }));
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('model_not_found');
  });

  it('a tool call round trip works through the gateway', async () => {
    const tools = [{ name: 'run_tests', description: 'Runs the tests', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];
    const events = await collectEvents(
      compatibleRuntime.streamChat(ctx('/gateway/v1', secrets), { modelId: 'team-coder', messages: [{ role: 'user', parts: [{ type: 'text', text: 'run_tests in src' }] }], tools, toolMode: 'required' }, undefined),
    );
    expect(events.find((e) => e.type === 'toolCall')).toMatchObject({ name: 'run_tests', input: { path: 'src' } });
    const body = JSON.parse(recorded()[0]!.body);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'run_tests' } });
  });
});

describe('compatible endpoints: timeouts and cancellation', () => {
  it('a hanging server ends verification as a timeout', async () => {
    sim.setOverride('compatible', { scenario: 'hang' });
    const result = await compatibleRuntime.verify(ctx('/ollama/v1', {}, {}, { timeoutMs: 300 }));
    expect(result.error?.kind).toBe('timeout');
  });

  it('cancelling a stream closes the connection and ends with one cancelled error', async () => {
    sim.setOverride('compatible', { chunkDelayMs: 100 });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    const request: ChatRequest = { modelId: 'qwen2.5-coder:7b', messages: [{ role: 'user', parts: [{ type: 'text', text: 'write a long poem about tabs versus spaces' }] }] };
    for await (const e of compatibleRuntime.streamChat(ctx('/ollama/v1', {}, {}, { signal: controller.signal }), request, undefined)) {
      events.push(e);
      if (e.type === 'text') controller.abort();
    }
    expect(events.filter((e) => e.type === 'text')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'cancelled' } });
    await expect.poll(() => recorded()[0]?.clientClosedEarly, { timeout: 2_000 }).toBe(true);
  });
});

describe('a server that needs a key we do not have', () => {
  it('says a key is required instead of calling a missing key wrong', async () => {
    const result = await compatibleRuntime.verify(ctx('/gateway/v1', {}, { name: 'Team gateway', models: ['team-coder'] }));
    expect(result.error?.kind).toBe('missing_credentials');
    expect(formatText(result.error!.hint)).toBe('Team gateway requires an API key. Enter it and Verify.');
    const events = await collectEvents(compatibleRuntime.streamChat(ctx('/gateway/v1', {}, { name: 'Team gateway' }), { modelId: 'team-coder', messages: hi }, undefined));
    expect(events).toEqual([expect.objectContaining({ type: 'error', error: expect.objectContaining({ kind: 'missing_credentials', status: 401 }) })]);
  });
});

describe('a gateway\'s own budget for the key (issue 14)', () => {
  it('OpenRouter: Verify reads the key\'s limit from the key check it makes anyway (no extra call)', async () => {
    const result = await compatibleRuntime.verify(ctx('/openrouter/api/v1', { apiKey: 'sk-or-v1-budget-0123456789abcdef' }, { name: 'OpenRouter' }));
    expect(result.ok).toBe(true);
    expect(result.gatewayBudget).toEqual({ gateway: 'OpenRouter', spentUsd: 0.5, limitUsd: 20, remainingUsd: 19.5 });
    expect(recorded().map((r) => r.path)).toEqual(['/openrouter/api/v1/models', '/openrouter/api/v1/key']);
  });

  it('a LiteLLM proxy: Verify reads /key/info at the proxy\'s root, with the same key', async () => {
    const key = 'sk-litellm-virtual-0123456789';
    const result = await compatibleRuntime.verify(ctx('/litellm/v1', { apiKey: key }, { name: 'Team proxy' }));
    expect(result.ok).toBe(true);
    expect(result.gatewayBudget).toEqual({ gateway: 'LiteLLM', spentUsd: 12.5, limitUsd: 50, remainingUsd: 37.5, resetsAt: '2027-01-01T00:00:00Z' });
    const info = recorded().find((r) => r.path === '/litellm/key/info');
    expect(info?.headers.authorization).toBe(`Bearer ${key}`);
  });

  it('a server without such a budget: Verify succeeds as before, with no budget and nothing asked of a keyless server', async () => {
    const gateway = await compatibleRuntime.verify(ctx('/openai-gateway/v1', { apiKey: 'sk-gateway-0123456789abcdef' }, { name: 'Company gateway' }));
    expect(gateway.ok).toBe(true);
    expect(gateway.gatewayBudget).toBeUndefined();
    sim.reset();
    const ollama = await compatibleRuntime.verify(ctx('/ollama/v1', {}, { name: 'Ollama' }));
    expect(ollama.ok).toBe(true);
    expect(recorded().map((r) => r.path)).toEqual(['/ollama/v1/models']);
  });
});
