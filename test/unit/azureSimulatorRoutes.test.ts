import { describe, expect, it } from 'vitest';
import { azureRoutes } from '../simulator/providers/azure';
import type { SimRequest, SimResponse, SimulatorState } from '../simulator/types';

/** The Azure routes are tried first of all providers: they must leave other providers' requests alone. */
function request(path: string, headers: Record<string, string> = {}, query = '', method = 'GET'): SimRequest {
  return { method, path, query: new URLSearchParams(query), headers, body: Buffer.alloc(0), httpVersion: '1.1', json: undefined };
}

// Never touched when the route declines; any use would throw.
const untouched = new Proxy({}, { get: () => { throw new Error('route answered a request that is not its own'); } });

describe('Azure simulator routes: narrow matching', () => {
  it.each([
    ['OpenAI', request('/v1/models', { authorization: 'Bearer sk-proj-x' })],
    ['a Groq-style compatible endpoint under /openai/v1/', request('/openai/v1/models', { authorization: 'Bearer gsk_0123456789' })],
    ['Anthropic', request('/v1/messages', { 'x-api-key': 'sk-ant-x' }, '', 'POST')],
    ['Gemini', request('/v1beta/models', { 'x-goog-api-key': 'AIza-x' })],
    ['a path that only mentions openai', request('/v1/openai-proxy/models', { authorization: 'Bearer x' })],
  ])('declines %s', async (_name, req) => {
    expect(await azureRoutes.handle(req, untouched as SimResponse, untouched as SimulatorState)).toBe(false);
  });
});
