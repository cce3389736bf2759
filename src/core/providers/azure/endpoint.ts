import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { text, type LocalizableText } from '../../text';
import { isLoopbackHost } from '../fields';

export const AZURE_PROVIDER_NAME = 'Azure OpenAI';

/** Which Azure OpenAI data-plane surface requests go to. */
export type AzureSurface = 'deployments' | 'v1';

export interface AzureEndpoint {
  /**
   * Resource (or gateway) base without `/openai`, e.g. `https://res.openai.azure.com` or
   * `https://apim.contoso.com/aoai`; the SDK appends `/openai/...`.
   */
  resourceBase: string;
  /** `v1` when the pasted URL pointed at `/openai/v1/` (no api-version needed there). */
  surface: AzureSurface;
  /** Found in a pasted full request URL; offered to the user, never applied silently. */
  suggestedDeployment?: string;
  suggestedApiVersion?: string;
}

export type EndpointNormalisation = { ok: true; endpoint: AzureEndpoint } | { ok: false; error: ProviderError };

// Hosts whose resource root is the host itself: any path the user pasted below it is a request path.
const AZURE_RESOURCE_HOST = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com|api\.cognitive\.microsoft\.com|openai\.azure\.us|cognitiveservices\.azure\.us|openai\.azure\.cn|cognitiveservices\.azure\.cn)$/i;

// Pages people copy from the browser instead of the resource endpoint.
const PORTAL_HOSTS = /^(portal\.azure\.com|ai\.azure\.com|oai\.azure\.com|ml\.azure\.com|management\.azure\.com|login\.microsoftonline\.com)$/i;

function invalid(message: string, hint: LocalizableText): EndpointNormalisation {
  return {
    ok: false,
    error: providerError('invalid_configuration', { provider: AZURE_PROVIDER_NAME, step: 'endpoint', message, hint }),
  };
}

const ENDPOINT_HINT = text(
  'Copy the endpoint from the Azure portal (your resource, Keys and Endpoint), for example https://my-resource.openai.azure.com.',
);

/** A path segment as text; a malformed %-escape is kept as typed rather than failing. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Turns whatever a user pasted into the Endpoint field into the resource base the SDK needs:
 * a resource root, a full request URL copied from a code sample, the `/openai/v1/` URL,
 * an AI Foundry project or model-inference URL, or a gateway URL with a path prefix.
 */
export function normaliseAzureEndpoint(raw: string): EndpointNormalisation {
  const trimmed = raw.trim();
  if (!trimmed) return invalid('Endpoint is empty.', ENDPOINT_HINT);
  // A bare host name ("my-res.openai.azure.com") is common when copied from the portal's overview.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return invalid('Endpoint is not a valid URL.', ENDPOINT_HINT);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return invalid('Endpoint must use https:// (http:// is allowed only for localhost and 127.0.0.1).', ENDPOINT_HINT);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid('Endpoint must start with https://.', ENDPOINT_HINT);
  }
  if (url.username || url.password) {
    return invalid('Endpoint must not contain a user name or password.', text('Remove the user:password@ part; put the key into API key instead.'));
  }
  if (PORTAL_HOSTS.test(url.hostname)) {
    return invalid(
      `Endpoint points at ${url.hostname}, a portal or management address, not at your resource.`,
      ENDPOINT_HINT,
    );
  }

  const segments = url.pathname.split('/').filter(Boolean);
  const openaiAt = segments.findIndex((s) => s.toLowerCase() === 'openai');
  const afterOpenai = openaiAt >= 0 ? segments.slice(openaiAt + 1) : [];
  let prefix: string[];
  if (openaiAt >= 0) prefix = segments.slice(0, openaiAt);
  else if (AZURE_RESOURCE_HOST.test(url.hostname)) prefix = []; // e.g. Foundry /models or /api/projects/<name>
  else prefix = segments; // a gateway (APIM custom domain) that mounts the API under its own prefix

  const surface: AzureSurface = afterOpenai[0]?.toLowerCase() === 'v1' ? 'v1' : 'deployments';
  const suggestedDeployment =
    afterOpenai[0]?.toLowerCase() === 'deployments' && afterOpenai[1] ? decodedSegment(afterOpenai[1]) : undefined;
  const suggestedApiVersion = url.searchParams.get('api-version')?.trim() || undefined;

  return {
    ok: true,
    endpoint: {
      resourceBase: url.origin + (prefix.length ? `/${prefix.join('/')}` : ''),
      surface,
      ...(suggestedDeployment ? { suggestedDeployment } : {}),
      ...(suggestedApiVersion ? { suggestedApiVersion } : {}),
    },
  };
}
