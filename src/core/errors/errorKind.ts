import * as z from '../zodMini';
import { LocalizableTextSchema } from '../textSchema';

export const ErrorKindSchema = z.enum([
  'invalid_key',
  'missing_credentials',
  'permission_denied',
  'model_access_not_enabled',
  'quota_exhausted',
  'rate_limited',
  'model_not_found',
  'deployment_not_found',
  'wrong_base_url',
  'azure_api_version_rejected',
  'needs_inference_profile',
  'credentials_expired',
  'role_assumption_refused',
  'endpoint_not_confirmed',
  'invalid_configuration',
  'network_unreachable',
  'dns',
  'tls_or_proxy',
  /** The endpoint redirected to another origin; the request (and its key) was not sent there. */
  'redirect_refused',
  'timeout',
  'cancelled',
  'overloaded',
  'server_error',
  'bad_request',
  'unexpected_response',
  /** A streamed answer ended without the protocol's end event (a proxy or network closed it early). */
  'answer_cut_off',
  /** The proxy between the editor and the provider answered 407: it wants credentials. */
  'proxy_auth_required',
]);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

/** A correction the page can apply in one click (saved through the normal save path, then verified). */
export const ErrorFixSchema = z.object({
  kind: z.literal('useBaseUrl'),
  baseUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
});
export type ErrorFix = z.infer<typeof ErrorFixSchema>;

/** An expected provider failure, as a value. `message` is always redacted. */
export const ProviderErrorSchema = z.object({
  kind: ErrorKindSchema,
  status: z.optional(z.number().check(z.int())),
  code: z.optional(z.string()),
  message: z.string(),
  hint: LocalizableTextSchema,
  retryAfterSeconds: z.optional(z.number().check(z.nonnegative())),
  /** Which step failed, e.g. "AssumeRole", "GetCallerIdentity", "deployment gpt-4o". */
  step: z.optional(z.string()),
  requestId: z.optional(z.string()),
  fix: z.optional(ErrorFixSchema),
});
export type ProviderError = z.infer<typeof ProviderErrorSchema>;
