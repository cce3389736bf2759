import type { ErrorKind, ProviderError } from '../../errors/errorKind';
import { kindFromStatus, looksLikeHtml } from '../../errors/classifyTransport';
import { providerError, transportError } from '../../errors/providerError';
import { text, type LocalizableText } from '../../text';
import { BedrockConfigurationError } from './credentials';
import type { BedrockSettings } from './definition';
import { geographyPrefix } from './models';

export const PROVIDER = 'AWS Bedrock';

/** Verification steps, also used as `error.step`. */
export type BedrockStep = 'credentials' | 'assume_role' | 'identity' | 'models' | 'invoke' | 'chat' | 'count_tokens';

export interface ClassifyContext {
  settings: BedrockSettings;
  step: BedrockStep;
  signal: AbortSignal;
  /** Secret values to redact (stored and temporary). */
  secrets: readonly string[];
  /** The model or inference profile the call was about. */
  model?: string;
}

interface AwsErrorShape {
  name?: string;
  message?: string;
  /** STS (awsQuery) errors also carry the code here. */
  Code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $responseBodyText?: string;
}

const UNKNOWN_KEY = /^(UnrecognizedClientException|InvalidClientTokenId|MissingAuthenticationToken(Exception)?|InvalidAccessKeyId)$/;
const BAD_SIGNATURE = /^(InvalidSignatureException|SignatureDoesNotMatch|IncompleteSignature(Exception)?)$/;
const EXPIRED = /^(ExpiredToken(Exception)?|RequestExpired|TokenRefreshRequired)$/;

/** Maps anything a Bedrock/STS call threw to a user-facing error with a fix-it hint. */
export function classifyBedrockError(err: unknown, c: ClassifyContext): ProviderError {
  const base = { provider: PROVIDER, step: c.step, subject: c.model, secrets: c.secrets };
  // The verifier aborts with a reason that tells a deadline from a user cancel.
  if (c.signal.aborted) {
    const reason = c.signal.reason as { name?: string; message?: string } | undefined;
    const kind = reason?.name === 'TimeoutError' ? 'timeout' : 'cancelled';
    return providerError(kind, { ...base, message: reason?.message ?? kind });
  }
  const e = (err ?? {}) as AwsErrorShape;
  const code = e.Code ?? e.name ?? '';
  const message = e.message ?? String(err);
  const status = e.$metadata?.httpStatusCode;
  const d = { ...base, status, code: code || undefined, message, requestId: e.$metadata?.requestId };
  const make = (kind: ErrorKind, hint?: LocalizableText) => providerError(kind, { ...d, hint });
  const s = c.settings;
  const usesKeys = s.authMode === 'accessKeys' || (s.authMode === 'role' && s.roleSource === 'accessKeys');

  if (err instanceof BedrockConfigurationError) return make('invalid_configuration');
  if (UNKNOWN_KEY.test(code)) {
    if (usesKeys) {
      return make('invalid_key', text('AWS does not recognise this access key ID (deleted, deactivated or mistyped). Create or copy an active access key in the IAM console (Security credentials), paste both parts and Verify.'));
    }
    return make(
      'invalid_key',
      s.profile
        ? text('AWS does not recognise the credentials of profile {0}. Refresh them (for SSO run "aws sso login --profile {0}"), then Verify again.', s.profile)
        : text('AWS does not recognise the credentials the default chain found (environment variables, ~/.aws files or instance role). Fix them, or choose access keys or a named profile.'),
    );
  }
  if (BAD_SIGNATURE.test(code)) {
    return make(
      'invalid_key',
      text('The secret access key does not match the access key ID, or this computer’s clock is more than 5 minutes off. Paste the secret access key again (all 40 characters) and Verify.'),
    );
  }
  if (EXPIRED.test(code) || isExpiredLogin(e)) {
    return make(
      'credentials_expired',
      usesKeys
        ? text('The temporary credentials (session token) have expired. Get new ones (after aws sso login --profile …, aws configure export-credentials --profile … prints them) and paste all three with Rotate key, or use a named profile so they refresh on their own.')
        : text('The credentials of profile {0} have expired. Run "aws sso login --profile {0}" (or refresh them), then Verify again.', s.profile ?? 'default'),
    );
  }
  if (code === 'CredentialsProviderError') {
    return make(
      'missing_credentials',
      s.authMode === 'profile' || (s.authMode === 'role' && s.roleSource === 'profile')
        ? text('No usable credentials were found for profile {0}. Check ~/.aws/config and ~/.aws/credentials (or run "aws configure sso --profile {0}"), then Verify again.', s.profile ?? '')
        : text('The default AWS credential chain found no credentials (environment, ~/.aws files, SSO, container or instance role). Configure one, or choose access keys or a named profile.'),
    );
  }
  if (code === 'AccessDenied' && c.step === 'assume_role') {
    const principal = /User: (\S+) is not authorized/.exec(message)?.[1] ?? 'your principal';
    return make(
      'role_assumption_refused',
      text('AWS refused to let {0} assume {1}. In IAM, open the role’s Trust relationships: allow this principal to call sts:AssumeRole with the condition sts:ExternalId = {2}, then Verify again.', principal, s.roleArn ?? '', s.externalId ?? ''),
    );
  }
  if (code === 'AccessDeniedException' || code === 'AccessDenied') {
    if (/don.t have access to the model|Marketplace|model access/i.test(message)) {
      return make(
        'model_access_not_enabled',
        text('Your account has no access to {0} in {1}. In the Amazon Bedrock console, open "Model access" and request access to this model (some need an AWS Marketplace subscription), then try again.', c.model ?? 'this model', s.region),
      );
    }
    const action = /perform: (\S+)/.exec(message)?.[1];
    return make(
      'permission_denied',
      action
        ? text('Your IAM identity may not call {0}. Add this action to its IAM policy (for example with the AmazonBedrockLimitedAccess managed policy), then Verify again.', action)
        : undefined,
    );
  }
  if (code === 'ValidationException') {
    if (/on-demand throughput isn.t supported|inference profile/i.test(message)) {
      const model = c.model ?? 'This model';
      return make(
        'needs_inference_profile',
        text('{0} can only be invoked through an inference profile in {1}, for example {2}. Verify again and pick the model from the list: it then uses its profile.', model, s.region, `${geographyPrefix(s.region)}.${model}`),
      );
    }
    if (/model identifier is invalid/i.test(message)) {
      return make('model_not_found', text('Bedrock in {0} does not know {1}. Models and inference profiles differ per region: check the region, or pick a model from the verified list.', s.region, c.model ?? 'this model'));
    }
    return make('bad_request');
  }
  if (code === 'ResourceNotFoundException') {
    return make('model_not_found', text('Bedrock in {0} does not know {1}. Models and inference profiles differ per region: check the region, or pick a model from the verified list.', s.region, c.model ?? 'this model'));
  }
  if (code === 'ThrottlingException') return make('rate_limited');
  if (code === 'ServiceQuotaExceededException') {
    return make('quota_exhausted', text('A Bedrock quota of your account in {0} is used up. Request an increase in the Service Quotas console (Amazon Bedrock), or use another region or a cross-region inference profile.', s.region));
  }
  if (code === 'ModelNotReadyException' || code === 'ServiceUnavailableException') return make('overloaded');
  if (code === 'ModelTimeoutException') return make('timeout');
  if (code === 'InternalServerException' || code === 'ModelErrorException' || code === 'ModelStreamErrorException') return make('server_error');
  if (code === 'UnknownOperationException') return make('wrong_base_url', text('The endpoint does not look like the Bedrock API. Check the endpoint overrides (or clear them) in the Bedrock settings.'));

  // The SDK's own words ("@smithy/node-http-handler - [ERROR] a request has exceeded the configured 15000 ms
  // requestTimeout", "Deserialization error: to see the raw response, inspect the hidden field {error}.$response…")
  // name its internals, not the cause: say the cause instead.
  const transport = transportError(err, base);
  if (transport?.kind === 'timeout' || (!transport && SDK_TIMEOUT.test(e.message ?? ''))) {
    return providerError('timeout', { ...d, code: undefined, message: 'No answer in time; the request was stopped.' });
  }
  if (transport) return transport;
  // The proxy's own answer, passed on by the proxy agent in place of AWS's.
  if (status === 407) return providerError('proxy_auth_required', { ...d, code: undefined, message: 'HTTP 407: the proxy asks for a user name and password.' });
  const foreign = notAnAwsAnswer(err, e, code);
  if (foreign) return providerError('unexpected_response', { ...d, code: undefined, message: foreign, hint: NOT_AWS_HINT });
  if (status && status >= 400) return make(kindFromStatus(status));
  return providerError('unexpected_response', { ...d, message: `${message.split('\n')[0]!.slice(0, 300)}`, hint: NOT_AWS_HINT });
}

const NOT_AWS_HINT = text('The endpoint answered with something that is not an AWS response, for example a proxy’s login or block page. Check the region and the endpoint overrides, and any proxy between this editor and AWS (http.proxy).');

/** NodeHttpHandler's and NodeHttp2Handler's timeout texts. */
const SDK_TIMEOUT = /exceeded the configured \d+ ms requestTimeout|Stream timed out because of no activity/i;

/**
 * An answer the SDK could not read as AWS's (a body it could not parse, or an error without an AWS
 * error code): what came back instead, in words; undefined for a real AWS error.
 */
function notAnAwsAnswer(err: unknown, e: AwsErrorShape, code: string): string | undefined {
  const response = err && typeof err === 'object' ? (err as { $response?: { statusCode?: number; headers?: Record<string, string>; body?: unknown } }).$response : undefined;
  const unreadable = /Deserialization error/i.test(e.message ?? '') || e.$responseBodyText !== undefined;
  const codeless = /^(?:\d{3}|UnknownError|Unknown)$/.test(code);
  if (!unreadable && !codeless) return undefined;
  const status = e.$metadata?.httpStatusCode ?? response?.statusCode;
  const contentType = Object.entries(response?.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  const body = e.$responseBodyText ?? (typeof response?.body === 'string' ? response.body : '');
  const prefix = status ? `HTTP ${status}: ` : '';
  if (/html/i.test(contentType) || looksLikeHtml(body)) return `${prefix}the endpoint answered with a web page, not AWS.`;
  return `${prefix}the answer is not an AWS response${contentType ? ` (${contentType})` : ''}.`;
}

function isExpiredLogin(e: AwsErrorShape): boolean {
  const name = e.name ?? '';
  return (
    /^(CredentialsProviderError|TokenProviderError|UnauthorizedException)$/.test(name) &&
    /expired|sso login|refresh|Session token not found or invalid/i.test(e.message ?? '')
  );
}
