import { APIError, APIUserAbortError, OpenAIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyAzureError, unexpectedBodyError, type AzureErrorContext } from '../../src/core/providers/azure/classifyError';
import { formatText } from '../../src/core/text';

/** Errors as the openai SDK builds them from Azure's bodies (APIError.generate is what the client calls). */
function apiError(status: number, body: object, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, body, undefined, new Headers(headers));
}

const ctx: AzureErrorContext = {
  secrets: ['secret-key-0123456789'],
  apiVersion: '2024-10-21',
  resourceBase: 'https://my-res.openai.azure.com',
  authMode: 'apiKey',
  deployment: 'gpt-4o-prod',
  step: 'deployment gpt-4o-prod',
};

describe('classifyAzureError: Azure bodies', () => {
  it.each([
    ['DeploymentNotFound', 404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.' } }, 'deployment_not_found', /No deployment named gpt-4o-prod/],
    ['wrong path', 404, { error: { code: '404', message: 'Resource not found' } }, 'wrong_base_url', /Nothing answers at https:\/\/my-res\.openai\.azure\.com\/openai\//],
    ['api-version 400', 400, { error: { code: 'BadRequest', message: 'API version not supported' } }, 'azure_api_version_rejected', /rejected API version 2024-10-21/],
    ['api-version 404', 404, { error: { code: '404', message: 'API version not supported' } }, 'azure_api_version_rejected', /rejected API version/],
    ['bad key', 401, { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } }, 'invalid_key', /KEY 1/],
    ['role missing', 401, { error: { code: 'PermissionDenied', message: 'Principal does not have access to API/Operation.' } }, 'permission_denied', /Cognitive Services OpenAI User/],
    ['quota', 403, { error: { code: '403', message: 'Out of call volume quota for OpenAI S0 pricing tier.' } }, 'quota_exhausted', /quota is used up/],
    ['content filter', 400, { error: { message: 'The response was filtered', type: null, param: 'prompt', code: 'content_filter', status: 400 } }, 'bad_request', /content filter blocked the prompt/],
    ['server error', 500, { error: { code: 'InternalServerError', message: 'The server had an error' } }, 'server_error', /internal error/],
  ])('%s -> %s', (_name, status, body, kind, hint) => {
    const error = classifyAzureError(apiError(status, body), ctx);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(formatText(error.hint)).toMatch(hint);
  });

  it('rate limits read retry-after-ms and keep the apim-request-id', () => {
    const error = classifyAzureError(
      apiError(429, { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation ... Please retry after 6 seconds.' } }, { 'retry-after-ms': '6000', 'retry-after': '6', 'apim-request-id': 'req-1' }),
      ctx,
    );
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 6, requestId: 'req-1' });
  });

  it('a 401 in Entra mode points at the token, not at a key', () => {
    const error = classifyAzureError(apiError(401, { error: { code: '401', message: 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.' } }), { ...ctx, authMode: 'entraId' });
    expect(formatText(error.hint)).toMatch(/Entra ID token/);
  });
});

describe('classifyAzureError: Entra ID and transport', () => {
  function identityError(name: string, message: string): Error {
    const e = new Error(message);
    e.name = name;
    // The openai SDK wraps a failing token provider like this.
    return new OpenAIError(`Failed to get token from 'apiKey' function: ${message}`, { cause: e } as never);
  }

  it.each([
    ['AADSTS7000215: Invalid client secret provided.', 'invalid_key', 'AADSTS7000215'],
    ['AADSTS7000222: The provided client secret keys for app are expired.', 'credentials_expired', 'AADSTS7000222'],
    ["AADSTS700016: Application with identifier 'x' was not found in the directory.", 'invalid_configuration', 'AADSTS700016'],
    ["AADSTS90002: Tenant 'x' not found.", 'invalid_configuration', 'AADSTS90002'],
  ])('%s', (message, kind, code) => {
    const error = classifyAzureError(identityError('AuthenticationRequiredError', `invalid_client: ${message}`), { ...ctx, authMode: 'entraId' });
    expect(error).toMatchObject({ kind, code, step: 'Entra ID token' });
  });

  it('no Azure sign-in at all -> missing_credentials with "az login"', () => {
    const error = classifyAzureError(identityError('CredentialUnavailableError', 'Azure CLI could not be found.'), { ...ctx, authMode: 'entraId' });
    expect(error.kind).toBe('missing_credentials');
    expect(formatText(error.hint)).toMatch(/az login/);
  });

  it('a truncated JSON body is an unexpected response, not a dropped connection', () => {
    let syntax: unknown;
    try {
      JSON.parse('{"data":[{"id":"trunc');
    } catch (e) {
      syntax = e;
    }
    expect(classifyAzureError(syntax, ctx).kind).toBe('unexpected_response');
  });

  it('an abort is a timeout or a cancel depending on why the signal fired', () => {
    const timedOut = new AbortController();
    timedOut.abort(Object.assign(new Error('late'), { name: 'TimeoutError' }));
    const cancelled = new AbortController();
    cancelled.abort(Object.assign(new Error('stop'), { name: 'AbortError' }));
    expect(classifyAzureError(new APIUserAbortError(), { ...ctx, signal: timedOut.signal }).kind).toBe('timeout');
    expect(classifyAzureError(new APIUserAbortError(), { ...ctx, signal: cancelled.signal }).kind).toBe('cancelled');
  });

  it('a web page where JSON was expected -> wrong_base_url', () => {
    expect(unexpectedBodyError('<!DOCTYPE html><html></html>', ctx).kind).toBe('wrong_base_url');
    expect(unexpectedBodyError({ weird: true }, ctx).kind).toBe('unexpected_response');
  });

  it('redacts the key if a message ever echoes it', () => {
    const error = classifyAzureError(apiError(401, { error: { code: '401', message: 'bad key secret-key-0123456789' } }), ctx);
    expect(error.message).not.toContain('secret-key-0123456789');
  });
});
