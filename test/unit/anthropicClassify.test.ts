import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { classifyAnthropicError, unexpectedBody } from '../../src/core/providers/anthropic/classifyError';
import { LruMap as LruCache } from '../../src/core/chat/tokenCountCache';
import { formatText } from '../../src/core/text';

const live = () => new AbortController().signal;

/** An SDK error exactly as the SDK builds it from a status, an Anthropic error body and headers. */
function apiError(status: number, type: string, message: string, headers: Record<string, string> = {}): APIError {
  const body = { type: 'error', error: { type, message }, request_id: 'req_unit' };
  return APIError.generate(status, body, undefined, new Headers({ 'request-id': 'req_unit', ...headers }));
}

describe('classifyAnthropicError', () => {
  const ctx = { signal: live(), secrets: ['sk-ant-secret-0123456789'] };

  it.each([
    [401, 'authentication_error', 'invalid x-api-key', 'invalid_key'],
    [403, 'permission_error', 'not allowed', 'permission_denied'],
    [404, 'not_found_error', 'Not found', 'wrong_base_url'],
    [404, 'not_found_error', 'model: claude-nope', 'model_not_found'],
    [400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API.', 'quota_exhausted'],
    [400, 'invalid_request_error', 'max_tokens: Field required', 'bad_request'],
    [413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.', 'bad_request'],
    [429, 'rate_limit_error', 'slow down', 'rate_limited'],
    [500, 'api_error', 'Internal server error', 'server_error'],
    [529, 'overloaded_error', 'Overloaded', 'overloaded'],
  ])('HTTP %i %s (%s) → %s', (status, type, message, kind) => {
    const error = classifyAnthropicError(apiError(status, type, message), ctx);
    expect(error).toMatchObject({ kind, status, code: type, message, requestId: 'req_unit' });
    expect(formatText(error.hint).length).toBeGreaterThan(10);
  });

  it('a 403 on a model call means the key may not use that model', () => {
    const error = classifyAnthropicError(apiError(403, 'permission_error', 'no'), { ...ctx, modelId: 'claude-opus-4-5' });
    expect(error.kind).toBe('model_access_not_enabled');
    expect(formatText(error.hint)).toContain('claude-opus-4-5');
  });

  it('a spend-limit error code is quota, whatever the status', () => {
    const body = { type: 'error', error: { type: 'invalid_request_error', message: 'limit', details: { error_code: 'enforced_spend_limit_reached' } } };
    const err = APIError.generate(400, body, undefined, new Headers());
    expect(classifyAnthropicError(err, ctx).kind).toBe('quota_exhausted');
  });

  it('reads retry-after for rate limits', () => {
    expect(classifyAnthropicError(apiError(429, 'rate_limit_error', 'x', { 'retry-after': '42' }), ctx).retryAfterSeconds).toBe(42);
  });

  it('a mid-stream error event (no status) is classified by its type', () => {
    const err = new APIError(undefined, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, undefined, undefined);
    expect(classifyAnthropicError(err, ctx)).toMatchObject({ kind: 'overloaded', code: 'overloaded_error' });
  });

  it('tells timeout from cancel by the abort reason, whatever the SDK threw', () => {
    const timedOut = new AbortController();
    timedOut.abort(Object.assign(new Error('No answer within 15000 ms'), { name: 'TimeoutError' }));
    expect(classifyAnthropicError(new APIUserAbortError(), { ...ctx, signal: timedOut.signal }).kind).toBe('timeout');
    const cancelled = new AbortController();
    cancelled.abort(Object.assign(new Error('Verification cancelled'), { name: 'AbortError' }));
    expect(classifyAnthropicError(new APIUserAbortError(), { ...ctx, signal: cancelled.signal }).kind).toBe('cancelled');
    expect(classifyAnthropicError(new APIConnectionTimeoutError(), ctx).kind).toBe('timeout');
  });

  it('connection failures use the cause chain; parse failures are unexpected responses', () => {
    const refused = new APIConnectionError({ message: 'Connection error.', cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }) });
    expect(classifyAnthropicError(refused, ctx).kind).toBe('network_unreachable');
    const dns = new APIConnectionError({ message: 'Connection error.', cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) }) });
    expect(classifyAnthropicError(dns, ctx).kind).toBe('dns');
    expect(classifyAnthropicError(new SyntaxError('Unterminated string in JSON at position 3'), ctx).kind).toBe('unexpected_response');
  });

  it('redacts the key from messages', () => {
    const error = classifyAnthropicError(apiError(401, 'authentication_error', 'invalid x-api-key sk-ant-secret-0123456789'), ctx);
    expect(error.message).not.toContain('sk-ant-secret-0123456789');
  });

  it('an HTML page is a wrong base URL; other shapes are unexpected', () => {
    expect(unexpectedBody('<!DOCTYPE html><html></html>', ctx, 'GET /v1/models').kind).toBe('wrong_base_url');
    expect(unexpectedBody({ object: 'list', models: [] }, ctx, 'GET /v1/models').kind).toBe('unexpected_response');
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });
});
