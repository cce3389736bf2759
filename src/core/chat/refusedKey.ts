import type { ProviderError } from '../errors/errorKind';
import { text, type LocalizableText } from '../text';

/** Errors that mean the stored credentials no longer work (not a wrong request, not a limit). */
export const REFUSED_KEY_KINDS: ReadonlySet<ProviderError['kind']> = new Set(['invalid_key', 'permission_denied', 'credentials_expired']);

/**
 * What a chat answer says when credentials that verified before are refused, in sentences
 * (the host localizes each). Expired temporary credentials (an AWS session token, an SSO session)
 * are said to have expired, with how to renew them (the error's hint); anything else may have been
 * revoked or expired, and Rotate key or Verify is the way out.
 */
export function refusedInChatText(providerName: string, error: Pick<ProviderError, 'kind' | 'status' | 'hint'>): LocalizableText[] {
  // The hint of an expired credential says so itself ("The temporary credentials (session token) have expired. …").
  if (error.kind === 'credentials_expired') return [text('{0}:', providerName), error.hint];
  return [text('{0} refused the key that verified before ({1}): it was revoked or has expired. Rotate the key, or Verify it again.', providerName, error.status ?? error.kind)];
}

/** The notification beside the chat (with "Rotate key" and "Verify"). */
export function refusedNotice(providerName: string, kind: ProviderError['kind']): LocalizableText {
  return kind === 'credentials_expired' ? text('{0}: the temporary credentials have expired.', providerName) : text('{0}: the key was revoked or has expired.', providerName);
}
