import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { ANTHROPIC_MODELS } from '../simulator/providers/anthropicModels';
import type { Scenario } from '../simulator/types';
import { useSimulator } from './simulatorFixture';

/** The simulator itself, seen through the real SDK and plain fetch (what curl users and SDK 0.x send). */
const sim = useSimulator();

const KEY = 'sk-ant-api03-sim-test-0123456789';
const sdk = (apiKey = KEY) => new Anthropic({ apiKey, authToken: null, baseURL: sim.url, maxRetries: 0, timeout: 5_000 });

function classicHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...extra };
}

describe('Anthropic simulator', () => {
  it('accepts SDK 1.x (Authorization: Bearer, 2026-10-21) with the full model metadata', async () => {
    const page = await sdk().models.list({ limit: 1000 });
    expect(page.data.map((m) => m.id)).toEqual(ANTHROPIC_MODELS.map((m) => m.id));
    expect(page.data[0]).toMatchObject({ type: 'model', max_input_tokens: 200_000, lifecycle: 'active' });
    expect(sim.requests[0]!.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  it('accepts x-api-key with 2023-06-01 and answers the classic four fields', async () => {
    const res = await fetch(`${sim.url}/v1/models?limit=2`, { headers: classicHeaders() });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body.data[0]).sort()).toEqual(['created_at', 'display_name', 'id', 'type']);
    expect(body).toMatchObject({ has_more: true, first_id: ANTHROPIC_MODELS[0]!.id, last_id: ANTHROPIC_MODELS[1]!.id });
  });

  it('paginates like the real API: the SDK’s auto-pagination follows after_id to the end', async () => {
    const ids: string[] = [];
    for await (const m of sdk().models.list({ limit: 2 })) ids.push(m.id);
    expect(ids).toEqual(ANTHROPIC_MODELS.map((m) => m.id));
    const pages = Math.ceil(ANTHROPIC_MODELS.length / 2);
    const expectedQueries = Array.from({ length: pages }, (_, i) => (i === 0 ? 'limit=2' : `limit=2&after_id=${ANTHROPIC_MODELS[2 * i - 1]!.id}`));
    expect(sim.requests.map((r) => r.query)).toEqual(expectedQueries);
    const back = await fetch(`${sim.url}/v1/models?limit=2&before_id=${ANTHROPIC_MODELS[3]!.id}`, { headers: classicHeaders() }).then((r) => r.json());
    expect(back.data.map((m: { id: string }) => m.id)).toEqual([ANTHROPIC_MODELS[1]!.id, ANTHROPIC_MODELS[2]!.id]);
    expect(back.has_more).toBe(true);
  });

  it('rejects a missing or unknown anthropic-version and a missing key the way the API does', async () => {
    const noVersion = await fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': KEY }, body: '{}' });
    expect(noVersion.status).toBe(400);
    expect((await noVersion.json()).error).toEqual({ type: 'invalid_request_error', message: 'anthropic-version: header is required' });
    const badVersion = await fetch(`${sim.url}/v1/models`, { headers: classicHeaders({ 'anthropic-version': '2024-01-01' }) });
    expect(badVersion.status).toBe(400);
    const noKey = await fetch(`${sim.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).error.type).toBe('authentication_error');
  });

  it('leaves OpenAI-style /v1/models requests (no Anthropic headers) to other routes', async () => {
    await fetch(`${sim.url}/v1/models`, { headers: { authorization: 'Bearer sk-openai-test' } });
    expect(sim.requests.filter((r) => r.provider === 'anthropic')).toHaveLength(0);
  });

  const errors: [Scenario, number, string, string][] = [
    ['invalid_key', 401, 'authentication_error', '/v1/models'],
    ['no_model_access', 403, 'permission_error', '/v1/messages'],
    ['quota_exhausted', 400, 'invalid_request_error', '/v1/messages'],
    ['rate_limited', 429, 'rate_limit_error', '/v1/models'],
    ['overloaded', 529, 'overloaded_error', '/v1/messages/count_tokens'],
    ['server_error', 500, 'api_error', '/v1/models'],
    ['model_not_found', 404, 'not_found_error', '/v1/messages/count_tokens'],
  ];

  it.each(errors)('%s → HTTP %i with a real %s body', async (scenario, status, type, path) => {
    sim.setOverride('anthropic', { scenario });
    const isPost = path !== '/v1/models';
    const res = await fetch(`${sim.url}${path}`, {
      method: isPost ? 'POST' : 'GET',
      headers: classicHeaders(),
      body: isPost ? JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }) : undefined,
    });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body).toMatchObject({ type: 'error', error: { type, message: expect.any(String) }, request_id: expect.stringMatching(/^req_/) });
    expect(res.headers.get('request-id')).toBe(body.request_id);
    if (scenario === 'rate_limited') expect(res.headers.get('retry-after')).toBe('17');
    if (scenario === 'quota_exhausted') expect(body.error.message).toMatch(/credit balance is too low/);
  });

  it('the SDK surfaces those bodies as its typed errors', async () => {
    const err = await sdk('sk-ant-sim-overloaded-0123456789').models.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toMatchObject({ status: 529, type: 'overloaded_error' });
  });

  it('streams SSE frames that each carry an event: line, ending in message_stop', async () => {
    const res = await fetch(`${sim.url}/v1/messages`, {
      method: 'POST',
      headers: classicHeaders(),
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = (await res.text()).trim().split('\n\n');
    for (const frame of frames) expect(frame).toMatch(/^event: \w+\ndata: \{/);
    const names = frames.map((f) => /^event: (\w+)/.exec(f)![1]);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('stops at max_tokens with stop_reason max_tokens (what a 1-token check gets)', async () => {
    const message = await sdk().messages.create({ model: 'claude-haiku-4-5', max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message).toMatchObject({ type: 'message', stop_reason: 'max_tokens', usage: { output_tokens: 1 } });
  });

  it('rejects a body without max_tokens and consecutive same-role messages with 400', async () => {
    const client = sdk();
    const missing = await client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] } as never).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 400, type: 'invalid_request_error' });
    const twice = await client.messages
      .create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] })
      .catch((e: unknown) => e);
    expect(twice).toMatchObject({ status: 400 });
  });
});
