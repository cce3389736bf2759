import { ApiError } from '@google/genai/web';
import { describe, expect, it } from 'vitest';
import { classifyGeminiError, kindOfGoogleError, parseGoogleError, retryDelaySeconds } from '../../src/core/providers/gemini/classifyError';
import { formatText } from '../../src/core/text';

const live = { signal: new AbortController().signal, secrets: ['AIzaSyTheRealKey0123456789abcdefgh'] };
const apiError = (status: number, error: Record<string, unknown>, prefix = '') => new ApiError({ status, message: prefix + JSON.stringify({ error }) });

describe('Gemini error classification', () => {
  it('parses the body out of ApiError.message, also with the stream prefix', () => {
    const body = { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' };
    expect(parseGoogleError(JSON.stringify({ error: body }))).toEqual(body);
    expect(parseGoogleError(`got status: UNAVAILABLE. ${JSON.stringify({ error: body })}`)).toEqual(body);
    expect(parseGoogleError('not json')).toBeUndefined();
  });

  it('reads RetryInfo.retryDelay in seconds', () => {
    expect(retryDelaySeconds({ details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '38s' }] })).toBe(38);
    expect(retryDelaySeconds({ details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }] })).toBe(1.5);
    expect(retryDelaySeconds({ details: [] })).toBeUndefined();
  });

  it('tells a per-minute rate limit from a used-up daily or zero quota', () => {
    const quota = (quotaId: string, quotaValue: string) => ({ status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId, quotaValue }] }] });
    expect(kindOfGoogleError(429, quota('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', '10'), 'm')).toBe('rate_limited');
    expect(kindOfGoogleError(429, quota('GenerateRequestsPerDayPerProjectPerModel-FreeTier', '250'), 'm')).toBe('quota_exhausted');
    expect(kindOfGoogleError(429, quota('GenerateContentInputTokensPerModelPerMinute-FreeTier', '0'), 'm')).toBe('quota_exhausted');
  });

  it('maps 400 API_KEY_INVALID, leaked keys and a disabled API', () => {
    const invalid = classifyGeminiError(apiError(400, { code: 400, status: 'INVALID_ARGUMENT', message: 'API key not valid. Please pass a valid API key.', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] }), live);
    expect(invalid).toMatchObject({ kind: 'invalid_key', status: 400, code: 'API_KEY_INVALID' });
    expect(formatText(invalid.hint)).toMatch(/aistudio\.google\.com\/apikey/);

    const leaked = classifyGeminiError(apiError(403, { code: 403, status: 'PERMISSION_DENIED', message: 'Your API key was reported as leaked. Please use another API key.' }), live);
    expect(leaked.kind).toBe('invalid_key');
    expect(formatText(leaked.hint)).toMatch(/leaked/);

    const disabled = classifyGeminiError(apiError(403, { code: 403, status: 'PERMISSION_DENIED', message: 'Generative Language API has not been used in project 1 before or it is disabled.', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' }] }), { ...live, modelId: 'gemini-2.5-flash' });
    expect(disabled.kind).toBe('permission_denied');
    expect(formatText(disabled.hint)).toMatch(/Generative Language API/);
  });

  it('a 404 about a model is model_not_found; a 404 HTML page is a wrong base URL', () => {
    expect(classifyGeminiError(apiError(404, { code: 404, status: 'NOT_FOUND', message: 'models/x is not found' }), { ...live, modelId: 'x' }).kind).toBe('model_not_found');
    // The SDK wraps a non-JSON body as {error:{message:<text>, code, status:<statusText>}}.
    const html = classifyGeminiError(apiError(404, { code: 404, status: 'Not Found', message: '<!DOCTYPE html><html><body>Not here</body></html>' }), live);
    expect(html.kind).toBe('wrong_base_url');
    expect(html.message).not.toContain('<html>');
  });

  it('redacts the key from messages, also in ?key= URLs', () => {
    const e = classifyGeminiError(apiError(400, { code: 400, status: 'INVALID_ARGUMENT', message: 'Bad request to https://x/v1beta/models?key=AIzaSyTheRealKey0123456789abcdefgh&alt=sse' }), live);
    expect(e.message).not.toContain('AIzaSyTheRealKey');
    expect(e.message).toContain('key=[REDACTED]');
  });

  it('an abort is timeout or cancelled by the signal’s reason; an abort without ours is the SDK timeout', () => {
    const abortError = new DOMException('This operation was aborted', 'AbortError');
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('Verification timed out', 'TimeoutError'));
    const cancelled = new AbortController();
    cancelled.abort(new DOMException('The user cancelled', 'AbortError'));
    expect(classifyGeminiError(abortError, { ...live, signal: timedOut.signal }).kind).toBe('timeout');
    expect(classifyGeminiError(abortError, { ...live, signal: cancelled.signal }).kind).toBe('cancelled');
    expect(classifyGeminiError(abortError, live).kind).toBe('timeout');
  });

  it('a 200 HTML page (JSON parse failure on "<") is a wrong base URL', () => {
    const err = new SyntaxError(`Unexpected token '<', "<!DOCTYPE "... is not valid JSON`);
    expect(classifyGeminiError(err, live).kind).toBe('wrong_base_url');
    expect(classifyGeminiError(new SyntaxError('Unexpected end of JSON input'), live).kind).toBe('unexpected_response');
  });
});
