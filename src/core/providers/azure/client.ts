import OpenAI, { AzureOpenAI } from 'openai';
import { sameOriginFetch } from '../../net/sameOriginFetch';
import { customHeadersFromEnvRemoved } from '../openaiFamily/client';
import type { AzureAuth } from './auth';
import type { AzureEndpoint } from './endpoint';

export interface AzureClientOptions {
  endpoint: AzureEndpoint;
  /** Dated api-version for the classic surface; ignored on `/openai/v1/`. */
  apiVersion: string;
  auth: AzureAuth;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** A warm-up's in-process answers (key auth only): nothing goes to the network. */
  inProcessFetch?: typeof globalThis.fetch;
}

/** Which surface a call goes to: the pasted `/openai/v1/` URL or API version "v1" select v1. */
export function surfaceOf(endpoint: AzureEndpoint, apiVersion: string): 'deployments' | 'v1' {
  return endpoint.surface === 'v1' || apiVersion === 'v1' ? 'v1' : 'deployments';
}

/**
 * An `openai` SDK client for one Azure resource with every option explicit, so that
 * AZURE_OPENAI_API_KEY, AZURE_OPENAI_ENDPOINT, OPENAI_API_VERSION, OPENAI_BASE_URL, OPENAI_ORG_ID…
 * cannot change where requests go or what they carry. Retries are off: a verification reports
 * the first answer, and the SDK's retry sleep (which honours Azure's retry-after) ignores aborts.
 * The deployment is chosen per request through `model` (the SDK routes it to /deployments/{model}/).
 */
export function createAzureClient(options: AzureClientOptions): OpenAI {
  const { endpoint, auth } = options;
  // Headers from OPENAI_CUSTOM_HEADERS removed; the key is set again below. The SDK adds an
  // Entra token before those headers apply, so the null would remove it: the token is set on
  // the request itself instead (see entraTokenFetch).
  const envHeadersRemoved = customHeadersFromEnvRemoved();
  const common = {
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: options.timeoutMs,
    // OPENAI_LOG=debug would print request bodies (prompts) to the extension host's console.
    logLevel: 'warn' as const,
  };
  // Key or token: neither follows a redirect to another host.
  const entra = { fetch: auth.mode === 'entraId' ? entraTokenFetch(auth.tokenProvider) : (options.inProcessFetch ?? sameOriginFetch) };
  if (surfaceOf(endpoint, options.apiVersion) === 'v1') {
    return new OpenAI({
      ...common,
      ...entra,
      baseURL: `${endpoint.resourceBase}/openai/v1/`,
      apiKey: auth.mode === 'apiKey' ? auth.apiKey : auth.tokenProvider,
      // Key auth uses Azure's own header; Entra sends the token as Authorization: Bearer.
      defaultHeaders: { ...envHeadersRemoved, ...(auth.mode === 'apiKey' ? { 'api-key': auth.apiKey, Authorization: null } : {}) },
    });
  }
  return new AzureOpenAI({
    ...common,
    ...entra,
    // baseURL rather than `endpoint`: an OPENAI_BASE_URL in the environment would otherwise conflict.
    baseURL: `${endpoint.resourceBase}/openai`,
    apiVersion: options.apiVersion,
    // An empty key (not undefined) stops the SDK from reading AZURE_OPENAI_API_KEY in Entra mode.
    apiKey: auth.mode === 'apiKey' ? auth.apiKey : '',
    ...(auth.mode === 'entraId' ? { azureADTokenProvider: auth.tokenProvider } : {}),
    // The key again as a default header: it then also beats an api-key line in OPENAI_CUSTOM_HEADERS.
    defaultHeaders: { ...envHeadersRemoved, ...(auth.mode === 'apiKey' ? { 'api-key': auth.apiKey } : {}) },
  });
}

/**
 * Sets `Authorization: Bearer <token>` as the last step before sending, after every header the
 * SDK merges (including an Authorization line from OPENAI_CUSTOM_HEADERS, which would otherwise
 * replace the token). The provider is @azure/identity's, which caches the token the SDK fetched.
 */
function entraTokenFetch(tokenProvider: () => Promise<string>): typeof globalThis.fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${await tokenProvider()}`);
    return sameOriginFetch(input, { ...init, headers });
  };
}
