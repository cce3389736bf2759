import { APIError } from 'openai';
import { classifyTransportError, errorChain, looksLikeHtml } from '../../errors/classifyTransport';
import type { ErrorKind, ProviderError } from '../../errors/errorKind';
import { providerError, transportError } from '../../errors/providerError';
import { text, type LocalizableText } from '../../text';
import { classifyOpenAIError } from '../openaiFamily';
import { AZURE_PROVIDER_NAME } from './endpoint';

export interface AzureErrorContext {
  secrets: readonly (string | undefined)[];
  signal?: AbortSignal;
  /** e.g. "deployment gpt-4o" or "GET /openai/models". */
  step?: string;
  /** Deployment name the call was about. */
  deployment?: string;
  apiVersion: string;
  /** Resource base the call went to (no secrets in it), for wrong-endpoint hints. */
  resourceBase: string;
  authMode: 'apiKey' | 'entraId';
  /** Entra tenant as configured (not a secret), for hints. */
  tenantId?: string;
}

const ENTRA_NAMES = new Set(['AuthenticationError', 'AuthenticationRequiredError', 'CredentialUnavailableError', 'AggregateAuthenticationError']);

const NO_SIGN_IN_HINT = text('No Azure sign-in was found. Run "az login" (or set Client ID, Tenant ID and a client secret), then Verify again.');

/** The managed identity probe of IMDS (169.254.169.254) fails with a network error anywhere outside Azure. */
const MANAGED_IDENTITY_PROBE = /^ManagedIdentityCredential\b/;
/** A credential that could reach nothing: MSAL's network errors, or the az CLI's Python connection errors. */
const NETWORK_FAILURE = /network_error|endpoints_resolution_error|Failed to establish a new connection|Max retries exceeded|getaddrinfo|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|timed out/i;

function failedOnNetwork(e: Error): boolean {
  return NETWORK_FAILURE.test(e.message) || !!classifyTransportError(e.cause);
}

/**
 * No credential had anything to offer (no az login, no environment, not on Azure): every
 * credential of the chain was unavailable, and none failed because the network was down.
 */
function isNoSignIn(identityError: Error): boolean {
  const members = chainMembers(identityError);
  if (members.length === 0) return false;
  return members.every(
    (e) => e instanceof Error && e.name === 'CredentialUnavailableError' && (MANAGED_IDENTITY_PROBE.test(e.message) || !failedOnNetwork(e)),
  );
}

/** The credentials a ChainedTokenCredential/DefaultAzureCredential tried, or the one credential. */
function chainMembers(identityError: Error): unknown[] {
  if (identityError.name === 'AggregateAuthenticationError') return (identityError as Error & { errors?: unknown[] }).errors ?? [];
  return identityError.name === 'CredentialUnavailableError' ? [identityError] : [];
}

/** A signed-in credential of the chain (e.g. az CLI) that could not reach the authority. */
function memberFailedOnNetwork(identityError: Error): Error | undefined {
  if (identityError.name !== 'AggregateAuthenticationError') return undefined;
  return chainMembers(identityError).find((e): e is Error => e instanceof Error && !MANAGED_IDENTITY_PROBE.test(e.message) && failedOnNetwork(e));
}

/** Entra ID (AADSTS) failures while getting a token, by error code. */
function classifyEntraError(err: unknown, c: AzureErrorContext): ProviderError | undefined {
  const tenantRejected = errorChain(err).find((e) => e instanceof Error && /Invalid tenant id provided/i.test(e.message));
  if (tenantRejected) {
    // @azure/identity refuses a malformed tenant id before sending anything.
    return providerError('invalid_configuration', {
      provider: AZURE_PROVIDER_NAME,
      secrets: c.secrets,
      step: 'Entra ID token',
      message: (tenantRejected as Error).message.split('\n')[0]!.replace(/^Failed to get token from 'apiKey' function: /, ''),
      hint: text('Microsoft Entra ID does not know this tenant ({0}). Copy the Directory (tenant) ID from the app registration’s Overview page.', c.tenantId ?? ''),
    });
  }
  // By name: @azure/identity is loaded lazily, and openai's own AuthenticationError (401) is an APIError.
  const identityError = errorChain(err).find((e) => e instanceof Error && !(e instanceof APIError) && ENTRA_NAMES.has(e.name)) as Error | undefined;
  if (!identityError) return undefined;
  const base = { provider: AZURE_PROVIDER_NAME, secrets: c.secrets, step: 'Entra ID token' };
  // Before the network checks: DefaultAzureCredential's aggregate message quotes the managed
  // identity probe ("Network unreachable … network_error"), which only means "not on an Azure VM".
  if (isNoSignIn(identityError)) {
    return providerError('missing_credentials', { ...base, code: identityError.name, message: identityError.message.split('\n')[0]!.slice(0, 400), hint: NO_SIGN_IN_HINT });
  }
  const offline = memberFailedOnNetwork(identityError);
  if (offline) {
    return providerError('network_unreachable', { ...base, code: identityError.name, message: offline.message.split('\n')[0]!.slice(0, 400) });
  }
  const transport = transportError(identityError.cause ?? err, base);
  if (transport && transport.kind !== 'cancelled') return transport;
  if (/endpoints_resolution_error|network_error/i.test(identityError.message)) {
    // MSAL could not reach the authority (its metadata document) and keeps no cause to classify.
    return providerError('network_unreachable', { ...base, code: identityError.name, message: identityError.message.split('\n')[0]!.slice(0, 400) });
  }
  const aadsts = /AADSTS(\d+)/.exec(identityError.message)?.[1];
  const message = identityError.message.split('\n')[0]!.slice(0, 400);
  const error = (kind: ErrorKind, hint: LocalizableText) => providerError(kind, { ...base, code: aadsts ? `AADSTS${aadsts}` : identityError.name, message, hint });
  switch (aadsts) {
    case '7000215':
      return error('invalid_key', text('Microsoft Entra ID rejected the client secret (AADSTS7000215). Paste the secret’s Value, not its Secret ID, from the app registration’s Certificates & secrets page.'));
    case '7000222':
      return error('credentials_expired', text('The client secret has expired (AADSTS7000222). Create a new secret in the app registration’s Certificates & secrets page and paste its Value.'));
    case '700016':
      return error('invalid_configuration', text('Microsoft Entra ID does not know this Client ID in the tenant (AADSTS700016). Copy the Application (client) ID from the app registration’s Overview page.'));
    case '90002':
    case '900023':
      return error('invalid_configuration', text('Microsoft Entra ID does not know this tenant ({0}). Copy the Directory (tenant) ID from the app registration’s Overview page.', `AADSTS${aadsts}`));
  }
  if (identityError.name === 'CredentialUnavailableError' || identityError.name === 'AggregateAuthenticationError') {
    return error('missing_credentials', NO_SIGN_IN_HINT);
  }
  return error('invalid_key', text('Microsoft Entra ID refused to issue a token ({0}). Check Tenant ID, Client ID and the client secret.', aadsts ? `AADSTS${aadsts}` : identityError.name));
}

/** Azure answers whose meaning the generic OpenAI classification would miss. */
function classifyAzureApiError(err: APIError, c: AzureErrorContext): ProviderError | undefined {
  const body = (err.error ?? {}) as Record<string, unknown>;
  const code = typeof err.code === 'string' ? err.code : typeof body.code === 'string' ? body.code : undefined;
  const base = {
    provider: AZURE_PROVIDER_NAME,
    secrets: c.secrets,
    step: c.step,
    subject: c.deployment,
    status: err.status,
    code,
    message: err.message,
    requestId: err.headers?.get('apim-request-id') ?? err.requestID ?? undefined,
  };
  if (code === 'DeploymentNotFound') {
    return providerError('deployment_not_found', {
      ...base,
      hint: text(
        'No deployment named {0} exists at this endpoint. Copy the deployment name (not the model name) from Azure AI Foundry, Deployments. A deployment created in the last 5 minutes may not answer yet.',
        c.deployment ?? '',
      ),
    });
  }
  // 400 BadRequest "Model {modelName} is enabled only for api versions 2024-12-01-preview and later" (o1, o3-mini…).
  const neededVersion = /enabled only for api[- ]versions? (\d{4}-\d{2}-\d{2}(?:-preview)?) and later/i.exec(err.message)?.[1];
  if (neededVersion) {
    return providerError('azure_api_version_rejected', {
      ...base,
      // Azure often leaves its template's placeholder in: name the deployment instead.
      message: err.message.replace('{modelName}', c.deployment ?? 'this model'),
      hint: text('Deployment {0} needs API version {1} or later, and API version is set to {2}. Set API version to {1} (or newer), or use the /openai/v1/ endpoint.', c.deployment ?? '', neededVersion, c.apiVersion),
    });
  }
  if (/api[- ]version/i.test(err.message) && /not supported|invalid|unsupported/i.test(err.message)) {
    return providerError('azure_api_version_rejected', {
      ...base,
      hint: text('The endpoint rejected API version {0}. Set API version to one your resource supports (for example 2024-10-21), or use the /openai/v1/ endpoint.', c.apiVersion),
    });
  }
  if (err.status === 404 && (code === '404' || /resource not found/i.test(err.message) || looksLikeHtml(err.message.replace(/^\d{3}\s+/, '')))) {
    return providerError('wrong_base_url', {
      ...base,
      message: looksLikeHtml(err.message.replace(/^\d{3}\s+/, '')) ? 'HTTP 404: the server answered with a web page' : err.message,
      hint: text('Nothing answers at {0}/openai/. Set Endpoint to the resource endpoint from Keys and Endpoint (https://NAME.openai.azure.com) or your gateway’s URL.', c.resourceBase),
    });
  }
  if (err.status === 401 && code === 'PermissionDenied') {
    return providerError('permission_denied', {
      ...base,
      hint: text('Signed in, but this identity has no data access to the resource. Assign it the "Cognitive Services OpenAI User" role in the resource’s Access control (IAM).'),
    });
  }
  if (err.status === 401) {
    return providerError('invalid_key', {
      ...base,
      hint:
        c.authMode === 'entraId'
          ? text('Azure rejected the Entra ID token. Check that the resource has a custom subdomain endpoint and that the token is for https://cognitiveservices.azure.com.')
          : text('Azure rejected the key, or the key belongs to another resource or region. Copy KEY 1 from the same resource’s Keys and Endpoint page as the endpoint.'),
    });
  }
  if (err.status === 403 && /quota/i.test(err.message)) {
    return providerError('quota_exhausted', { ...base, hint: text('The resource’s quota is used up. Raise it in Azure AI Foundry (Quotas) or upgrade the pricing tier; retrying will not help.') });
  }
  if (code === 'content_filter') {
    return providerError('bad_request', {
      ...base,
      hint: text('Azure’s content filter blocked the prompt. Rephrase it, or review the content filter of deployment {0} in Azure AI Foundry.', c.deployment ?? ''),
    });
  }
  return undefined;
}

const UNEXPECTED_HINT = text('The endpoint answered with something that is not Azure OpenAI’s API. Check Endpoint and any proxy or gateway in between.');

/** Turns anything a call to Azure OpenAI throws into a provider error value with an Azure-specific hint. */
export function classifyAzureError(err: unknown, c: AzureErrorContext): ProviderError {
  const entra = classifyEntraError(err, c);
  if (entra) return entra;
  if (err instanceof APIError && err.status) {
    const azure = classifyAzureApiError(err, c);
    if (azure) return azure;
  }
  const generic = classifyOpenAIError(err, {
    provider: AZURE_PROVIDER_NAME,
    secrets: c.secrets,
    signal: c.signal,
    step: c.step,
    subject: c.deployment,
    hints: {
      unexpected_response: UNEXPECTED_HINT,
    },
  });
  // Azure's correlation id is apim-request-id; the SDK only reads x-request-id.
  const apimRequestId = err instanceof APIError ? err.headers?.get('apim-request-id') : undefined;
  return apimRequestId && !generic.requestId ? { ...generic, requestId: apimRequestId } : generic;
}

/** A 200 whose body is not a chat completion: a web page means the endpoint is not the API. */
export function unexpectedBodyError(body: unknown, c: AzureErrorContext, contentType = ''): ProviderError {
  const html = looksLikeHtml(body) || /html/i.test(contentType);
  return providerError(html ? 'wrong_base_url' : 'unexpected_response', {
    provider: AZURE_PROVIDER_NAME,
    secrets: c.secrets,
    step: c.step,
    subject: c.deployment,
    message: html ? 'The endpoint answered with a web page instead of JSON.' : 'The answer was not an Azure OpenAI response.',
    hint: html
      ? text('{0} served a web page. Set Endpoint to the resource endpoint from Keys and Endpoint (https://NAME.openai.azure.com) or your gateway’s URL.', c.resourceBase)
      : undefined,
  });
}
