import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat/types';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import { compatibleRuntime } from '../../src/core/providers/compatible/runtime';
import { openAIRuntime } from '../../src/core/providers/openai/runtime';
import type { CallContext, Secrets } from '../../src/core/providers/types';
import type { RecordedRequest } from '../simulator/types';
import { useSimulator } from './simulatorFixture';
import { collectEvents } from '../support/chatEvents';

/**
 * The openai SDK adds every header named in OPENAI_CUSTOM_HEADERS to every request and has no
 * switch for it. A user's shell must not change what the extension sends: none of them arrive,
 * and the configured key, organization and project win over same-named lines.
 */

const sim = useSimulator();
const ENV_HEADERS = 'X-Leak: yes\nX-Other: 1\nAuthorization: Bearer sk-from-the-shell\nOpenAI-Organization: org-from-the-shell\napi-key: key-from-the-shell\nno colon on this line';
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.OPENAI_CUSTOM_HEADERS;
  process.env.OPENAI_CUSTOM_HEADERS = ENV_HEADERS;
});
afterEach(() => {
  if (saved === undefined) delete process.env.OPENAI_CUSTOM_HEADERS;
  else process.env.OPENAI_CUSTOM_HEADERS = saved;
});

const hi: ChatRequest['messages'] = [{ role: 'user', parts: [{ type: 'text', text: 'hi there' }] }];
const recorded = (provider: string) => sim.requests.filter((r) => r.provider === provider);
const noEnvHeaders = (r: RecordedRequest) => {
  expect(r.headers['x-leak'], `${r.method} ${r.path}`).toBeUndefined();
  expect(r.headers['x-other'], `${r.method} ${r.path}`).toBeUndefined();
};

it('the SDK on its own does send them (what the tests below guard against)', async () => {
  await new OpenAI({ apiKey: 'sk-proj-plain-sdk-0001', baseURL: `${sim.url}/v1`, maxRetries: 0, organization: null, project: null }).models.list();
  expect(recorded('openai')[0]!.headers).toMatchObject({ 'x-leak': 'yes', 'x-other': '1', authorization: 'Bearer sk-from-the-shell' });
});

describe('OpenAI', () => {
  const ctx = (settings: Record<string, unknown> = {}): CallContext => ({
    settings: { baseUrl: `${sim.url}/v1`, ...settings },
    secrets: { apiKey: 'sk-proj-env-headers-0001' },
    timeoutMs: 5_000,
    signal: new AbortController().signal,
  });

  it('verify and chat send none of them, with the configured key', async () => {
    const result = await openAIRuntime.verify(ctx(), { modelId: 'gpt-4o-mini' });
    expect(result.ok).toBe(true);
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), { modelId: 'gpt-4o-mini', messages: hi }, undefined));
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const requests = recorded('openai');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models', 'POST /v1/chat/completions', 'POST /v1/chat/completions']);
    for (const r of requests) {
      noEnvHeaders(r);
      expect(r.headers.authorization).toBe('Bearer sk-proj-env-headers-0001');
      expect(r.headers['openai-organization']).toBeUndefined();
    }
  });

  it('a configured organization and project are sent as configured', async () => {
    const result = await openAIRuntime.verify(ctx({ organization: 'org-acme', project: 'proj_123' }));
    expect(result.ok).toBe(true);
    await collectEvents(openAIRuntime.streamChat(ctx({ organization: 'org-acme', project: 'proj_123' }), { modelId: 'gpt-4o-mini', messages: hi }, undefined));
    for (const r of recorded('openai')) {
      noEnvHeaders(r);
      expect(r.headers).toMatchObject({ authorization: 'Bearer sk-proj-env-headers-0001', 'openai-organization': 'org-acme', 'openai-project': 'proj_123' });
    }
  });
});

describe('OpenAI-compatible', () => {
  const ctx = (path: string, secrets: Secrets = {}): CallContext => ({
    settings: { name: 'Test endpoint', baseUrl: `${sim.url}${path}`, models: [] },
    secrets,
    timeoutMs: 5_000,
    signal: new AbortController().signal,
  });

  it('a keyless server gets neither them nor any Authorization, in verify and chat', async () => {
    expect((await compatibleRuntime.verify(ctx('/ollama/v1'), { modelId: 'llama3.2:latest' })).ok).toBe(true);
    await collectEvents(compatibleRuntime.streamChat(ctx('/ollama/v1'), { modelId: 'llama3.2:latest', messages: hi }, undefined));
    const requests = recorded('compatible');
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.some((r) => r.path.endsWith('/chat/completions'))).toBe(true);
    for (const r of requests) {
      noEnvHeaders(r);
      expect(r.headers).not.toHaveProperty('authorization');
    }
  });

  it('a server with a key and extra headers gets the key and the configured headers only', async () => {
    const secrets = { apiKey: 'sk-or-env-headers-0001', extraHeaders: 'X-Title: BYOK Models' };
    expect((await compatibleRuntime.verify(ctx('/openrouter/api/v1', secrets))).ok).toBe(true);
    await collectEvents(compatibleRuntime.streamChat(ctx('/openrouter/api/v1', secrets), { modelId: 'openai/gpt-4o-mini', messages: hi }, undefined));
    const requests = recorded('compatible');
    expect(requests.some((r) => r.path.endsWith('/chat/completions'))).toBe(true);
    for (const r of requests) {
      noEnvHeaders(r);
      expect(r.headers).toMatchObject({ authorization: 'Bearer sk-or-env-headers-0001', 'x-title': 'BYOK Models' });
    }
  });
});

describe('Azure OpenAI with a key (the same removal, shared with the OpenAI client)', () => {
  const KEY = 'azkey0123456789abcdef0123456789';
  const ctx = (endpointPath: string): CallContext => ({
    settings: { authMode: 'apiKey', endpoint: `${sim.url}${endpointPath}`, apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o' }] },
    secrets: { apiKey: KEY },
    timeoutMs: 5_000,
    signal: new AbortController().signal,
  });

  it.each([
    ['deployments', ''],
    ['v1', '/openai/v1/'],
  ])('%s surface: verify and chat send the configured api-key only', async (_surface, endpointPath) => {
    expect((await azureRuntime.verify(ctx(endpointPath))).ok).toBe(true);
    const events = await collectEvents(azureRuntime.streamChat(ctx(endpointPath), { modelId: 'gpt-4o', messages: hi }, undefined));
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const requests = recorded('azure');
    expect(requests.some((r) => r.path.endsWith('/chat/completions'))).toBe(true);
    for (const r of requests) {
      noEnvHeaders(r);
      expect(r.headers['api-key']).toBe(KEY);
      expect(r.headers).not.toHaveProperty('authorization');
      expect(r.headers).not.toHaveProperty('openai-organization');
    }
  });
});

describe('Azure OpenAI with Entra ID', () => {
  const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const ctx = (endpointPath: string): CallContext => ({
    settings: {
      authMode: 'entraId',
      endpoint: `${sim.url}${endpointPath}`,
      apiVersion: '2024-10-21',
      deployments: [{ name: 'gpt-4o' }],
      tenantId: TENANT,
      clientId: '3f1c2a4e-env-headers',
      authorityHost: sim.url,
    },
    secrets: { clientSecret: `Q~envHeadersSecret${endpointPath.length}abcdefghijklmnop` },
    timeoutMs: 5_000,
    signal: new AbortController().signal,
  });

  it.each([
    ['deployments', ''],
    ['v1', '/openai/v1/'],
  ])('%s surface: the token is sent, not the Authorization line from the shell', async (_surface, endpointPath) => {
    const outcome = await azureRuntime.verify(ctx(endpointPath));
    expect(outcome.error).toBeUndefined();
    expect(outcome.ok).toBe(true);
    const events = await collectEvents(azureRuntime.streamChat(ctx(endpointPath), { modelId: 'gpt-4o', messages: hi }, undefined));
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const data = recorded('azure').filter((r) => r.path.includes('/openai/'));
    expect(data.some((r) => r.path.endsWith('/chat/completions'))).toBe(true);
    for (const r of data) {
      noEnvHeaders(r);
      expect(String(r.headers.authorization), `${r.method} ${r.path}`).toMatch(/^Bearer (?!sk-from-the-shell)\S{20,}$/);
      expect(r.headers).not.toHaveProperty('api-key');
    }
  });
});
