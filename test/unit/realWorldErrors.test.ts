import { ApiError } from '@google/genai/web';
import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { goDurationSeconds, waitStatedInMessage } from '../../src/core/errors/statedWait';
import { classifyAzureError, type AzureErrorContext } from '../../src/core/providers/azure/classifyError';
import { classifyBedrockError } from '../../src/core/providers/bedrock/classifyError';
import { bedrockSettingsSchema } from '../../src/core/providers/bedrock/definition';
import { classifyGeminiError } from '../../src/core/providers/gemini/classifyError';
import { classifyOpenAIError } from '../../src/core/providers/openaiFamily';
import { formatText } from '../../src/core/text';

/**
 * Bodies as the services send them, quoted from public reports (source in each test), classified
 * the way the user then reads them: kind, message and hint.
 */

const openAI = { provider: 'OpenAI', secrets: ['sk-proj-Q9vTgLmP3sXw8YzA1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tUabcd'] };
const httpError = (status: number, body: unknown, headers: Record<string, string> = {}) => APIError.generate(status, body as object, undefined, new Headers(headers));

describe('waits stated in the text', () => {
  it.each([
    // github.com/BuilderIO/micro-agent/issues/86
    ['Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms.', 0.644],
    // github.com/daveshap/Medical_Intake/issues/9
    ['Rate limit reached for 10KTPM-200RPM in organization org-x on tokens per min. Limit: 10000 / min. Please try again in 6ms. Contact us through our help center', 0.006],
    ['Rate limit reached for gpt-4o-mini … Please try again in 20s.', 20],
    ['Rate limit reached for o1 … on requests per day (RPD): Limit 200, Used 200, Requested 1. Please try again in 7m12s.', 432],
    ['… Please try again in 1m30.5s. Visit https://platform.openai.com/account/rate-limits', 90.5],
    // github.com/icereed/paperless-gpt/issues/814 and github.com/alex-wolf-ps/dbchatprov2/issues/2 (Azure)
    ['… This request was for ChatCompletions_Create under Azure OpenAI API version 2023-05-15. Please retry after 45 seconds.', 45],
    ['… have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 86400 seconds. Please go here: https://aka.ms/oai/quotaincrease', 86400],
    // Gemini's 429 message
    ['You exceeded your current quota … Please retry in 56.393931906s.', 56.393931906],
    ['Try again in 2 minutes.', 120],
  ])('%s', (message, seconds) => {
    expect(waitStatedInMessage(message)).toBeCloseTo(seconds, 6);
  });

  it('states no wait where none is given', () => {
    expect(waitStatedInMessage('Please retry shortly, or add your own key')).toBeUndefined();
    expect(waitStatedInMessage('Too many requests, please wait before trying again.')).toBeUndefined();
    expect(goDurationSeconds('6m0s')).toBe(360);
    expect(goDurationSeconds('soon')).toBeUndefined();
  });

  it('OpenAI: a 429 without headers uses the text’s wait, and the hint says it', () => {
    const e = classifyOpenAIError(httpError(429, { error: { message: 'Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.', type: 'requests', code: 'rate_limit_exceeded' } }), openAI);
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 20 });
    expect(formatText(e.hint)).toBe('OpenAI is rate limiting this key. Try again in 20 s.');
  });

  it('a header still wins over the text', () => {
    const e = classifyOpenAIError(httpError(429, { error: { message: '… Please try again in 20s.', type: 'tokens', code: 'rate_limit_exceeded' } }, { 'retry-after': '3' }), openAI);
    expect(e.retryAfterSeconds).toBe(3);
  });

  it('minutes are said in minutes', () => {
    const e = classifyOpenAIError(httpError(429, { error: { message: '… Please try again in 7m12s.', type: 'requests', code: 'rate_limit_exceeded' } }), openAI);
    expect(formatText(e.hint)).toBe('OpenAI is rate limiting this key. Try again in 8 min.');
  });
});

describe('Azure', () => {
  const azure: AzureErrorContext = { secrets: ['azkey0123456789abcdef0123456789'], apiVersion: '2024-10-21', resourceBase: 'https://res.openai.azure.com', authMode: 'apiKey', deployment: 'o3-mini', step: 'deployment o3-mini' };

  it.each([
    // Literal placeholder: github.com/Azure-Samples/azure-search-openai-demo/issues/2496; with the name: github.com/chatboxai/chatbox/issues/1745
    ['Model {modelName} is enabled only for api versions 2024-12-01-preview and later'],
    ['Model o1 is enabled only for api versions 2024-12-01-preview and later'],
  ])('"%s" is an API-version problem that names the version to set', (message) => {
    const e = classifyAzureError(httpError(400, { error: { code: 'BadRequest', message } }), azure);
    expect(e.kind).toBe('azure_api_version_rejected');
    expect(e.message).toMatch(/^400 Model (o3-mini|o1) is enabled only for api versions 2024-12-01-preview and later$/);
    expect(formatText(e.hint)).toBe('Deployment o3-mini needs API version 2024-12-01-preview or later, and API version is set to 2024-10-21. Set API version to 2024-12-01-preview (or newer), or use the /openai/v1/ endpoint.');
  });

  it('"Please retry after 86400 seconds" is a quota that resets in a day (github.com/jasonacox/TinyLLM/issues/17)', () => {
    const body = { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2023-05-15 have exceeded token rate limit of your current AIServices S0 pricing tier. Please retry after 86400 seconds. Please contact Azure support service if you would like to further increase the default rate limit.' } };
    const e = classifyAzureError(httpError(429, body), azure);
    expect(e).toMatchObject({ kind: 'quota_exhausted', retryAfterSeconds: 86400 });
    expect(formatText(e.hint)).toBe('The quota of this Azure OpenAI key is used up; it resets in about 24 h. Try again then, or raise the quota or pricing tier in your Azure OpenAI account.');
    expect(formatText(e.hint)).not.toContain('Wait a moment');
  });

  it('"Please retry after 2 seconds" without a header keeps the short wait', () => {
    const e = classifyAzureError(httpError(429, { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation … Please retry after 2 seconds.' } }), azure);
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 2 });
  });
});

describe('Gemini', () => {
  const live = { signal: new AbortController().signal, secrets: ['AIzaSyTheRealKey0123456789abcdefgh'] };

  it('"User location is not supported for the API use." (400 FAILED_PRECONDITION) is a region block (github.com/google-gemini/gemini-cli issue reports)', () => {
    const err = new ApiError({ status: 400, message: JSON.stringify({ error: { code: 400, message: 'User location is not supported for the API use.', status: 'FAILED_PRECONDITION' } }) });
    const e = classifyGeminiError(err, live);
    expect(e).toMatchObject({ kind: 'permission_denied', status: 400, code: 'FAILED_PRECONDITION', message: 'User location is not supported for the API use.' });
    expect(formatText(e.hint)).toContain('does not serve requests from your country or region. A VPN or proxy counts');
  });

  it('a body without a JSON content type (the SDK wraps it as text) is still read, RetryInfo included', () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '38s' }],
      },
    });
    // What @google/genai builds for a non-JSON content type: {error:{message:<body text>, code, status:<statusText>}}.
    const err = new ApiError({ status: 429, message: JSON.stringify({ error: { message: body, code: 429, status: 'Too Many Requests' } }) });
    const e = classifyGeminiError(err, live);
    expect(e).toMatchObject({ kind: 'rate_limited', code: 'RESOURCE_EXHAUSTED', retryAfterSeconds: 38, message: 'You exceeded your current quota, please check your plan and billing details.' });
  });

  it('plain text that is not JSON stays as text', () => {
    const err = new ApiError({ status: 502, message: JSON.stringify({ error: { message: 'upstream connect error or disconnect/reset before headers', code: 502, status: 'Bad Gateway' } }) });
    expect(classifyGeminiError(err, live).message).toBe('upstream connect error or disconnect/reset before headers');
  });
});

describe('Bedrock: no AWS SDK wording', () => {
  const settings = bedrockSettingsSchema.parse({});
  const classify = (err: unknown) => classifyBedrockError(err, { settings, step: 'identity', signal: new AbortController().signal, secrets: [] });

  it('a deserialization error (a proxy’s HTML page) names what came back', () => {
    const err = new Error("Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.");
    Object.defineProperty(err, '$response', { value: { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!DOCTYPE html><html><body>Sign in to continue</body></html>' }, enumerable: false });
    Object.assign(err, { $metadata: { httpStatusCode: 200 } });
    const e = classify(err);
    expect(e).toMatchObject({ kind: 'unexpected_response', status: 200, message: 'HTTP 200: the endpoint answered with a web page, not AWS.' });
    expect(formatText(e.hint)).toContain('a proxy’s login or block page');
  });

  it('the HTTP handler’s timeout (as captured in the protocols reference) is a plain timeout', () => {
    const err = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 15000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    expect(classify(err)).toMatchObject({ kind: 'timeout', message: 'No answer in time; the request was stopped.' });
    const h2 = Object.assign(new Error('Stream timed out because of no activity for 15000 ms'), { name: 'TimeoutError' });
    expect(classify(h2)).toMatchObject({ kind: 'timeout', message: 'No answer in time; the request was stopped.' });
  });

  it('an error without an AWS error code (a proxy’s 403) is not taken for an IAM denial', () => {
    const err = Object.assign(new Error('UnknownError'), { name: '403', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    expect(classify(err)).toMatchObject({ kind: 'unexpected_response', message: 'HTTP 403: the answer is not an AWS response.' });
  });
});

describe('OpenAI-family hints that point the right way', () => {
  it('401 "Missing bearer or basic authentication in header": the key never arrived, a proxy dropped it', () => {
    // The body OpenAI sends for a request without an Authorization header.
    const e = classifyOpenAIError(httpError(401, { error: { message: 'Missing bearer or basic authentication in header', type: 'invalid_request_error', param: null, code: null } }), openAI);
    expect(e.kind).toBe('missing_credentials');
    expect(formatText(e.hint)).toBe(
      'OpenAI received no key, although one was sent: a proxy or gateway on the way removed the Authorization header. The key itself may be fine; check the base URL and proxy settings (http.proxy), or ask the gateway’s admin to pass the header on.',
    );
  });

  it('OpenRouter keeps the upstream reason and host (metadata.raw, provider_name)', () => {
    // The body quoted in many public reports of OpenRouter's free models.
    const body = {
      error: {
        message: 'Provider returned error',
        code: 429,
        metadata: { raw: 'qwen/qwen3-coder:free is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations', provider_name: 'Chutes', retry_after_seconds: 28 },
      },
      user_id: 'user_x',
    };
    const e = classifyOpenAIError(APIError.generate(429, body, undefined, new Headers()), { provider: 'OpenRouter', secrets: [] });
    expect(e.message).toBe('429 Provider returned error (Chutes: qwen/qwen3-coder:free is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations)');
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 28 });
    expect(formatText(e.hint)).toContain('Chutes, the model’s host behind OpenRouter, is rate limiting it');
  });

  it('OpenAI’s own mask of the key (last four only) stays in the message; the real key never does', () => {
    const e = classifyOpenAIError(
      httpError(401, { error: { message: 'Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', code: 'invalid_api_key' } }),
      openAI,
    );
    expect(e.message).toBe('401 Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.');
  });

  it('a 404 at {base}/models ("404 page not found", Ollama without /v1) is a base URL problem, not an unknown model', () => {
    const e = classifyOpenAIError(APIError.generate(404, undefined, '404 page not found', new Headers()), { provider: 'Ollama', secrets: [], step: 'GET /models' });
    expect(e.kind).toBe('wrong_base_url');
    const modelGone = classifyOpenAIError(APIError.generate(404, { error: { message: 'model "mistral:7b" not found, try pulling it first' } }, undefined, new Headers()), { provider: 'Ollama', secrets: [], subject: 'mistral:7b' });
    expect(modelGone.kind).toBe('model_not_found');
  });
});
