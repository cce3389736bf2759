import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { currentNetworkRoute, customTls, proxyFor } from '../../net/networkRoute';
import { fetchFor } from '../../net/routedFetch';
import { crossOriginRedirect, type RedirectRefused } from '../../net/sameOriginFetch';
import { text } from '../../text';
import { isLoopbackHost } from '../fields';
import type { Secrets } from '../types';
import type { AzureSettings } from './definition';
import { AZURE_PROVIDER_NAME } from './endpoint';
import { routedHttpClient } from './routedHttpClient';

export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';
const PUBLIC_CLOUD_AUTHORITY = 'https://login.microsoftonline.com';

/** How requests authenticate: the resource key (`api-key` header) or an Entra ID bearer token. */
export type AzureAuth = { mode: 'apiKey'; apiKey: string } | { mode: 'entraId'; tokenProvider: () => Promise<string> };

export type AzureAuthResult = { ok: true; auth: AzureAuth } | { ok: false; error: ProviderError };

// MSAL keeps its token cache inside the credential, so reuse credentials across calls
// (keyed by everything that identifies them; the secret only as a hash).
const credentials = new Map<string, KeptCredential>();
const MAX_CREDENTIALS = 8;

/**
 * @azure/identity and MSAL insist on an https authority. A loopback authority (the offline
 * simulator, a local identity emulator) speaks plain http, which this extension allows for
 * loopback hosts only: present it as https and send the requests over http.
 */
function authorityOptions(authorityHost: string | undefined) {
  // Explicit default: AZURE_AUTHORITY_HOST in the environment must not redirect the client secret.
  const url = new URL(authorityHost ?? PUBLIC_CLOUD_AUTHORITY);
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) return { authorityHost: url.origin + url.pathname.replace(/\/+$/, '') };
  const host = url.host;
  return {
    authorityHost: `https://${host}${url.pathname.replace(/\/+$/, '')}`,
    additionalPolicies: [
      {
        position: 'perCall' as const,
        policy: {
          name: 'byokLoopbackAuthorityOverHttp',
          sendRequest(request: { url: string; allowInsecureConnection?: boolean }, next: (r: never) => Promise<never>) {
            const target = new URL(request.url);
            if (target.protocol === 'https:' && target.host === host) {
              target.protocol = 'http:';
              request.url = target.toString();
              request.allowInsecureConnection = true;
            }
            return next(request as never);
          },
        },
      },
    ],
  };
}

/**
 * The editor's proxy and certificates for Entra ID token requests, when it has its own: then the
 * requests go through the routed fetch (see `routedHttpClient`); without, the pipeline's own client.
 */
function identityNetworkOptions(pipeline: Pipeline, authorityHost: string | undefined) {
  const route = currentNetworkRoute();
  const routed = !!proxyFor(route, authorityHost ?? PUBLIC_CLOUD_AUTHORITY) || customTls(route);
  return { key: routed ? JSON.stringify(route) : '', options: routed ? { httpClient: routedHttpClient(pipeline.createHttpHeaders) } : {} };
}

/** A credential, and the redirect its pipeline last refused (MSAL reports that only as "endpoints_resolution_error"). */
interface KeptCredential {
  credential: TokenCredential;
  refused?: RedirectRefused;
  /** The signal of the token request in progress: MSAL passes none to its HTTP requests. */
  signal?: AbortSignal;
}

/**
 * The pipeline under @azure/identity follows same-origin redirects and hands a cross-origin one
 * back unfollowed, which MSAL then reports as an unreadable answer: note the refusal, so the
 * token request can fail with it.
 */
function refuseCrossOriginRedirect(kept: KeptCredential) {
  return {
    position: 'perRetry' as const,
    policy: {
      name: 'byokRefuseCrossOriginRedirect',
      async sendRequest(request: { url: string }, next: (r: never) => Promise<never>): Promise<never> {
        // A stalled authority is hung up on when the token request is given up (timeout or cancel).
        const abortable = request as { abortSignal?: AbortSignal };
        if (kept.signal) abortable.abortSignal = abortable.abortSignal ? AbortSignal.any([abortable.abortSignal, kept.signal]) : kept.signal;
        const response = await next(request as never);
        const { status, headers } = response as { status: number; headers: { get(name: string): string | undefined } };
        const refused = crossOriginRedirect(request.url, status, headers.get('location'));
        if (refused) {
          kept.refused = refused;
          throw refused;
        }
        return response;
      },
    },
  };
}

type Identity = typeof import('@azure/identity');
type Pipeline = typeof import('@azure/core-rest-pipeline');

function credentialFor(identity: Identity, pipeline: Pipeline, settings: AzureSettings, clientSecret: string | undefined): KeptCredential {
  const secretHash = clientSecret ? createHash('sha256').update(clientSecret).digest('hex') : '';
  const network = identityNetworkOptions(pipeline, settings.authorityHost);
  const networkHash = createHash('sha256').update(network.key).digest('hex');
  const key = JSON.stringify([settings.tenantId, settings.clientId, settings.authorityHost, secretHash, networkHash]);
  const found = credentials.get(key);
  if (found) return found;
  const kept: KeptCredential = { credential: undefined as unknown as TokenCredential };
  const authority = authorityOptions(settings.authorityHost);
  const common = {
    ...authority,
    ...network.options,
    additionalPolicies: [...(authority.additionalPolicies ?? []), refuseCrossOriginRedirect(kept)],
    // Instance discovery asks login.microsoftonline.com about the authority; the tenant's own metadata is enough.
    disableInstanceDiscovery: true,
    retryOptions: { maxRetries: 0 },
  };
  kept.credential =
    settings.clientId && clientSecret
      ? new identity.ClientSecretCredential(settings.tenantId ?? '', settings.clientId, clientSecret, common)
      : new identity.DefaultAzureCredential({ ...(settings.tenantId ? { tenantId: settings.tenantId } : {}), ...common });
  if (credentials.size >= MAX_CREDENTIALS) credentials.delete(credentials.keys().next().value!);
  credentials.set(key, kept);
  return kept;
}

function missing(message: string, hint: ReturnType<typeof text>): AzureAuthResult {
  return { ok: false, error: providerError('missing_credentials', { provider: AZURE_PROVIDER_NAME, step: 'auth', message, hint }) };
}

/**
 * Picks the auth for one call. The token provider stops waiting for Entra ID when `signal`
 * aborts or after `tokenTimeoutMs`.
 */
export function createAzureAuth(settings: AzureSettings, secrets: Secrets, signal: AbortSignal, tokenTimeoutMs: number): AzureAuthResult {
  if (settings.authMode === 'apiKey') {
    const apiKey = secrets.apiKey?.trim();
    if (!apiKey) {
      return missing('No API key is stored for Azure OpenAI on this machine.', text('Paste KEY 1 or KEY 2 from your Azure OpenAI resource (Keys and Endpoint) into API key and Verify.'));
    }
    return { ok: true, auth: { mode: 'apiKey', apiKey } };
  }
  if (settings.clientId && !settings.tenantId) {
    return {
      ok: false,
      error: providerError('invalid_configuration', {
        provider: AZURE_PROVIDER_NAME,
        step: 'auth',
        message: 'Tenant ID is required when a client ID is set.',
        hint: text('Enter the Directory (tenant) ID from your app registration in Microsoft Entra ID.'),
      }),
    };
  }
  const clientSecret = secrets.clientSecret?.trim();
  if (settings.clientId && !clientSecret) {
    return missing('No client secret is stored for this app registration on this machine.', text('Create a client secret under Certificates & secrets of the app registration, paste its Value (not its ID) into Client secret and Verify.'));
  }
  // @azure/identity (with MSAL) is loaded only when Entra ID is used: key users never pay for it.
  const token = async () => {
    const [identity, pipeline] = await Promise.all([import('@azure/identity'), import('@azure/core-rest-pipeline')]);
    const kept = credentialFor(identity, pipeline, settings, clientSecret);
    kept.refused = undefined;
    kept.signal = AbortSignal.any([signal, AbortSignal.timeout(tokenTimeoutMs)]);
    try {
      return await identity.getBearerTokenProvider(kept.credential, COGNITIVE_SERVICES_SCOPE, { abortSignal: signal })();
    } catch (err) {
      // The refusal is the cause the user needs; MSAL's wrapper only says the authority was unusable.
      throw kept.refused ?? (await withAuthorityCause(err, settings.authorityHost ?? 'https://login.microsoftonline.com', signal));
    }
  };
  return { ok: true, auth: { mode: 'entraId', tokenProvider: () => bounded(token(), signal, tokenTimeoutMs) } };
}

/**
 * MSAL reports an authority it could not reach as "endpoints_resolution_error" and drops the
 * reason. One request without credentials to the authority finds it (host unknown, certificate
 * not trusted, refused, a proxy that wants credentials), so the page can say which; the MSAL error keeps it as its cause.
 */
async function withAuthorityCause(err: unknown, authorityHost: string, signal: AbortSignal): Promise<unknown> {
  if (!(err instanceof Error) || err.cause !== undefined || !/endpoints_resolution_error|network_error/i.test(err.message)) return err;
  try {
    // The same way as the token request: through the editor's proxy, with its certificates.
    const send = await fetchFor(authorityHost);
    await send(authorityHost, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });
  } catch (reason) {
    Object.defineProperty(err, 'cause', { value: reason, configurable: true });
  }
  return err;
}

class TokenTimeout extends Error {
  override readonly name = 'TimeoutError';
  constructor(ms: number) {
    super(`Microsoft Entra ID issued no token within ${ms} ms.`);
  }
}

/**
 * The SDK fetches the token before its own timeout and signal apply, and MSAL does not stop
 * waiting for a hung authority: give up when the call's signal aborts or the time is up.
 */
function bounded<T>(promise: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => settle(() => reject(signal.reason));
    const timer = setTimeout(() => settle(() => reject(new TokenTimeout(timeoutMs))), timeoutMs);
    function settle(finish: () => void) {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      finish();
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => settle(() => resolve(value)),
      (err: unknown) => settle(() => reject(err)),
    );
  });
}
