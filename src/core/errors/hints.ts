import { text, type LocalizableText } from '../text';
import type { ErrorKind } from './errorKind';

export interface HintContext {
  /** Display name of the provider, e.g. "OpenAI". */
  provider: string;
  retryAfterSeconds?: number;
  /** Model, deployment or step the error is about. */
  subject?: string;
}

/** A wait of an hour or more is a used-up quota that resets (daily, hourly), not a burst limit. */
export const QUOTA_WAIT_SECONDS = 3600;

/** OpenAI's 403 unsupported_country_region_territory, Gemini's "User location is not supported": where the request comes from. */
export function regionNotServedHint(provider: string): LocalizableText {
  return text('{0} does not serve requests from your country or region. A VPN or proxy counts as the place it exits: switch it off or to a supported country, or use another provider.', provider);
}

/** A certificate signed by an authority Node does not trust: say where such an authority is added. */
export function untrustedCertificateHint(provider: string): LocalizableText {
  return text('The certificate of {0} (or of a proxy in between) is signed by an authority this editor does not trust. If your company inspects traffic, add its root certificate to the operating system’s certificate store (used while http.systemCertificates is on), or set the environment variable NODE_EXTRA_CA_CERTS to its PEM file and restart the editor.', provider);
}

/** English fix-it hints per error kind; providers may pass a more specific one instead. */
export function hintFor(kind: ErrorKind, ctx: HintContext): LocalizableText {
  const p = ctx.provider;
  switch (kind) {
    case 'invalid_key':
      return text('{0} rejected the key. Copy a fresh key from your {0} account, paste it into API key and Verify.', p);
    case 'missing_credentials':
      return text('No credentials are stored for {0} on this machine. Enter them and Verify.', p);
    case 'permission_denied':
      return text('The key is valid but lacks permission for this call. Check the key’s project, role or IAM policy in your {0} account.', p);
    case 'model_access_not_enabled':
      return text('Your account has no access to {0}. Request or enable access to the model in the {1} console.', ctx.subject ?? 'this model', p);
    case 'quota_exhausted':
      // A quota that resets (Azure: "Please retry after 86400 seconds") says when; credit that is gone does not come back.
      return ctx.retryAfterSeconds !== undefined && ctx.retryAfterSeconds >= QUOTA_WAIT_SECONDS
        ? text('The quota of this {0} key is used up; it resets in about {1} h. Try again then, or raise the quota or pricing tier in your {0} account.', p, Math.ceil(ctx.retryAfterSeconds / 3600))
        : text('{0} reports that the quota or credit is used up. Add credit or raise the limit in your billing settings; retrying will not help.', p);
    case 'rate_limited':
      if (ctx.retryAfterSeconds === undefined) return text('{0} is rate limiting this key. Wait a moment and try again.', p);
      return ctx.retryAfterSeconds < 90
        ? text('{0} is rate limiting this key. Try again in {1} s.', p, Math.ceil(ctx.retryAfterSeconds))
        : text('{0} is rate limiting this key. Try again in {1} min.', p, Math.ceil(ctx.retryAfterSeconds / 60));
    case 'model_not_found':
      return text('{0} does not know the model {1}. Check the model id, or pick one from the verified model list.', p, ctx.subject ?? '');
    case 'deployment_not_found':
      return text('No deployment named {0} exists at this endpoint. Copy the deployment name from Azure AI Foundry (Deployments), not the model name.', ctx.subject ?? '');
    case 'wrong_base_url':
      return text('The base URL does not look like the {0} API. Check the URL (for OpenAI-style APIs it usually ends in /v1).', p);
    case 'azure_api_version_rejected':
      return text('The endpoint rejected the API version. Set API version to one your resource supports (for example 2024-10-21), or use the /openai/v1/ endpoint.');
    case 'needs_inference_profile':
      return text('{0} can only be invoked through an inference profile. Enable the cross-region inference profile (for example us.{0}) instead of the base model id.', ctx.subject ?? 'This model');
    case 'credentials_expired':
      return text('The credentials have expired. Refresh them (for SSO run "aws sso login --profile …"), then Verify again.');
    case 'role_assumption_refused':
      return text('AWS refused to let your credentials assume the role. Make sure the role’s trust policy names your principal and the External ID shown here, then Verify again.');
    case 'endpoint_not_confirmed':
      return text('The endpoint changed since the key was saved. Confirm that the key may be sent to the new endpoint, or enter a new key.');
    case 'invalid_configuration':
      return text('Some settings for {0} are invalid. Fix the highlighted fields and Verify again.', p);
    case 'network_unreachable':
      return text('Could not connect to {0}. Check your network, VPN or the base URL.', p);
    case 'dns':
      return text('The host name of the {0} endpoint could not be resolved. Check the URL for typos and your DNS or VPN.', p);
    case 'tls_or_proxy':
      return text('A secure connection to {0} could not be made. A proxy or firewall may be intercepting TLS; check the editor’s proxy settings (http.proxy) and certificates.', p);
    case 'redirect_refused':
      return text('The {0} endpoint sends requests to another host. A key only goes to the endpoint it was saved for: if the new host is right, enter it as the base URL (or endpoint) and Verify.', p);
    case 'timeout':
      return text('{0} did not answer in time. Try again, or raise "byok.verification.timeoutSeconds".', p);
    case 'cancelled':
      return text('The request was cancelled.');
    case 'overloaded':
      return text('{0} is overloaded right now. Try again in a minute.', p);
    case 'server_error':
      return text('{0} had an internal error. Try again later; check the provider’s status page if it persists.', p);
    case 'bad_request':
      return text('{0} rejected the request as invalid. Check the settings for this provider.', p);
    case 'unexpected_response':
      return text('{0} answered with something that is not its API’s response. Check the base URL and any proxy in between.', p);
    case 'answer_cut_off':
      return text('The answer from {0} was cut off: the connection ended before the answer did. A proxy or the network in between may have closed it. Ask again.', p);
    case 'proxy_auth_required':
      return text('The proxy between this editor and {0} asks for a user name and password (407). Put them into the proxy setting (http.proxy, or HTTPS_PROXY), as http://user:password@proxy-host:port.', p);
  }
}
