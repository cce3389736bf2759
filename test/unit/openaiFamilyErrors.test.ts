import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyOpenAIError, isReasoningModelId, isUnsupportedParameterError, withParameterStyleFallback } from '../../src/core/providers/openaiFamily';
import { VerificationCancelled, VerificationTimeout } from '../../src/core/verify/verifier';
import { formatText } from '../../src/core/text';

const ctx = { provider: 'OpenAI', secrets: ['sk-proj-SECRET0123456789abcdef'] };

/** The SDK's own factory, as its HTTP layer calls it for an error answer. */
function httpError(status: number, error: Record<string, unknown> | undefined, headers: Record<string, string> = {}, text?: string) {
  return APIError.generate(status, error ? { error } : undefined, text, new Headers(headers));
}

describe('classifyOpenAIError', () => {
  it.each([
    [401, { message: 'Incorrect API key provided: sk-proj-SECRET0123456789abcdef.', type: 'invalid_request_error', code: 'invalid_api_key' }, 'invalid_key'],
    [403, { message: 'Project `proj_1` does not have access to model `gpt-5`', type: 'invalid_request_error', code: 'model_not_found' }, 'model_access_not_enabled'],
    [403, { message: 'Country, region, or territory not supported', type: 'request_forbidden', code: 'unsupported_country_region_territory' }, 'permission_denied'],
    [404, { message: 'The model `gpt-nope` does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' }, 'model_not_found'],
    [429, { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' }, 'quota_exhausted'],
    [429, { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }, 'rate_limited'],
    [500, { message: 'The server had an error', type: 'server_error', code: null }, 'server_error'],
    [503, { message: 'The engine is currently overloaded', type: 'server_error', code: null }, 'overloaded'],
    [400, { message: "Unsupported parameter: 'max_tokens'", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' }, 'bad_request'],
    [400, { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', code: 'context_length_exceeded' }, 'bad_request'],
    [401, { code: 401, message: 'User not found.' }, 'invalid_key'],
    [402, { code: 402, message: 'Insufficient credits.' }, 'quota_exhausted'],
    [400, { code: 400, message: 'openai/gpt-9 is not a valid model ID' }, 'model_not_found'],
  ] as const)('HTTP %i %j -> %s', (status, body, kind) => {
    const error = classifyOpenAIError(httpError(status, body), ctx);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(formatText(error.hint)).not.toBe('');
    expect(error.message).not.toContain('SECRET0123456789');
  });

  it('a 404 without a model in it means the base URL is wrong', () => {
    expect(classifyOpenAIError(httpError(404, undefined, {}, '<!DOCTYPE html><html>Not found</html>'), ctx).kind).toBe('wrong_base_url');
    expect(classifyOpenAIError(APIError.generate(404, { detail: 'Not Found' }, undefined, new Headers()), ctx).kind).toBe('wrong_base_url');
  });

  it('reads the wait time from retry-after, else from x-ratelimit-reset-requests', () => {
    const body = { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' };
    expect(classifyOpenAIError(httpError(429, body, { 'retry-after': '7' }), ctx).retryAfterSeconds).toBe(7);
    expect(classifyOpenAIError(httpError(429, body, { 'x-ratelimit-reset-requests': '1m30s' }), ctx).retryAfterSeconds).toBe(90);
  });

  it('keeps the request id', () => {
    expect(classifyOpenAIError(httpError(500, { message: 'x', type: 'server_error' }, { 'x-request-id': 'req_abc' }), ctx).requestId).toBe('req_abc');
  });

  it('an error chunk mid-stream (no status) is classified by its type', () => {
    const midStream = new APIError(undefined, { message: 'overloaded', type: 'server_error' }, undefined, undefined);
    expect(classifyOpenAIError(midStream, ctx).kind).toBe('server_error');
    const gatewayChunk = new APIError(undefined, { code: 429, message: 'Rate limit exceeded upstream' }, undefined, undefined);
    expect(classifyOpenAIError(gatewayChunk, ctx).kind).toBe('rate_limited');
  });

  it('tells a verifier timeout from a user cancel by the abort reason', () => {
    const timedOut = new AbortController();
    timedOut.abort(new VerificationTimeout(100));
    const cancelled = new AbortController();
    cancelled.abort(new VerificationCancelled('cancelled'));
    expect(classifyOpenAIError(new APIUserAbortError(), { ...ctx, signal: timedOut.signal }).kind).toBe('timeout');
    expect(classifyOpenAIError(new APIUserAbortError(), { ...ctx, signal: cancelled.signal }).kind).toBe('cancelled');
    expect(classifyOpenAIError(new APIConnectionTimeoutError(), ctx).kind).toBe('timeout');
  });

  it('classifies connection failures by their cause', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(classifyOpenAIError(new APIConnectionError({ cause: refused }), ctx).kind).toBe('network_unreachable');
    const dns = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) });
    expect(classifyOpenAIError(new APIConnectionError({ cause: dns }), ctx).kind).toBe('dns');
  });

  it('a truncated JSON body is an unexpected response, not a network error', () => {
    expect(classifyOpenAIError(new SyntaxError('Unterminated string in JSON at position 37'), ctx).kind).toBe('unexpected_response');
  });
});

describe('reasoning-model parameters', () => {
  it('recognises o-series and gpt-5 ids, also behind a gateway prefix', () => {
    for (const id of ['o1', 'o3-mini', 'o4-mini-2025-04-16', 'gpt-5', 'gpt-5.2-chat-latest', 'openai/o3', 'ft:o4-mini:acme::x1']) expect(isReasoningModelId(id), id).toBe(true);
    for (const id of ['gpt-4o', 'gpt-4.1-mini', 'omni-moderation-latest', 'llama3.2:latest', 'openai/gpt-4o-mini']) expect(isReasoningModelId(id), id).toBe(false);
  });

  it('retries once with the other set after an unsupported-parameter 400, and not for other errors', async () => {
    const unsupported = httpError(400, { message: "Unsupported parameter: 'max_tokens'", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' });
    expect(isUnsupportedParameterError(unsupported)).toBe(true);
    const styles: string[] = [];
    const result = await withParameterStyleFallback('classic', async (style) => {
      styles.push(style);
      if (style === 'classic') throw unsupported;
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(styles).toEqual(['classic', 'reasoning']);

    const other = httpError(400, { message: 'bad', type: 'invalid_request_error', code: 'invalid_value', param: 'messages' });
    const attempts: string[] = [];
    await expect(
      withParameterStyleFallback('reasoning', async (style) => {
        attempts.push(style);
        throw other;
      }),
    ).rejects.toBe(other);
    expect(attempts).toEqual(['reasoning']);
  });

  it('tries the other set only once even if it is rejected too', async () => {
    const unsupported = httpError(400, { message: "Unsupported value: 'temperature'", type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value' });
    let calls = 0;
    await expect(
      withParameterStyleFallback('classic', async () => {
        calls++;
        throw unsupported;
      }),
    ).rejects.toBe(unsupported);
    expect(calls).toBe(2);
  });
});
