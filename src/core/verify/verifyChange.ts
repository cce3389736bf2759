import type { ProviderId } from '../providers/kinds';
import type { CredentialStore } from '../store/credentialStore';
import { text } from '../text';
import type { VerifyResult } from './result';
import type { Verifier } from './verifier';

/** Values typed into the page: settings, and secrets where a field holds a new value (absent: keep the stored one). */
export interface ProposedChange {
  settings: unknown;
  secrets: Record<string, string>;
}

export type ChangeOutcome =
  /** Nothing was staged or checked: the typed values are invalid (messages per field). */
  | { status: 'invalid'; fieldErrors: Record<string, string> }
  /** A newer check of this provider replaced this one; it decided nothing. */
  | { status: 'superseded' }
  /**
   * The check ran. `staged`: it checked staged values (not the working configuration);
   * `swapped`: they verified and now are the working configuration. A failed check of staged
   * values leaves the working configuration exactly as it was.
   */
  | { status: 'checked'; result: VerifyResult; staged: boolean; swapped: boolean };

export interface ChangeOptions {
  endpointConfirmed?: boolean;
  newSecretRequired?: string;
  onCheck?: () => Promise<void> | void;
}

export const NEW_KEY_NEEDED = text('Paste the new key to rotate to.');

/**
 * The one rule for changing a working configuration, used by the page's Verify and by Rotate key:
 * stage → verify → commit or discard. The typed settings and secrets are staged beside the working
 * ones, checked as they would be used, and replace the working configuration in one step only if
 * the check succeeds; chat keeps using the working key meanwhile (an answer already streaming
 * holds the key it started with). A failed check drops the typed secrets and changes nothing that
 * works; staged settings stay staged until the next Verify or Revert. With nothing staged, the
 * stored configuration is verified.
 *
 * `change`: the values to stage first; 'staged': what an earlier Verify staged (after the user
 * confirmed its endpoint); undefined: the working configuration only ("Verify all").
 * `newSecretRequired` (Rotate key): without a typed secret there is nothing to rotate to.
 * `onCheck`: called once the typed values are valid and staged, before the check starts.
 */
export async function verifyChange(
  store: CredentialStore,
  verifier: Verifier,
  id: ProviderId,
  change: ProposedChange | 'staged' | undefined,
  options: ChangeOptions = {},
): Promise<ChangeOutcome> {
  // "Cancel verification" ends this check from now on, also while it is staged and the page already shows it running.
  return verifier.whileStarting(id, (cancelled) => stageAndVerify(store, verifier, id, change, options, cancelled));
}

async function stageAndVerify(
  store: CredentialStore,
  verifier: Verifier,
  id: ProviderId,
  change: ProposedChange | 'staged' | undefined,
  options: ChangeOptions,
  cancelled: AbortSignal,
): Promise<ChangeOutcome> {
  if (change && change !== 'staged') {
    if (options.newSecretRequired && !change.secrets[options.newSecretRequired]?.trim()) {
      return { status: 'invalid', fieldErrors: { [options.newSecretRequired]: NEW_KEY_NEEDED.message } };
    }
    const staged = await store.save(id, change.settings, change.secrets, { pending: true });
    if (!staged.ok) return { status: 'invalid', fieldErrors: staged.fieldErrors };
  } else if (change === 'staged') {
    // Only settings wait between checks; secrets staged by a host killed mid-check are not this check's.
    await store.discardPendingSecrets(id);
  }
  await options.onCheck?.();
  if (!change || !(await store.hasPending(id))) {
    const result = await verifier.verify(id, { signal: cancelled });
    return result ? { status: 'checked', result, staged: false, swapped: false } : { status: 'superseded' };
  }
  const result = await verifier.verify(id, { pending: true, endpointConfirmed: options.endpointConfirmed, signal: cancelled });
  if (!result) return { status: 'superseded' };
  if (!result.ok) {
    await store.discardPendingSecrets(id);
    return { status: 'checked', result, staged: true, swapped: false };
  }
  try {
    await store.commitPending(id);
  } catch (err) {
    // The editor refused the write (settings.json with errors): nothing typed may linger.
    await store.discardPendingSecrets(id);
    throw err;
  }
  await store.saveResult(result);
  return { status: 'checked', result, staged: true, swapped: true };
}
