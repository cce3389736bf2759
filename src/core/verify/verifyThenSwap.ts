import type { ProviderId } from '../providers/kinds';
import type { CredentialStore } from '../store/credentialStore';
import type { VerifyResult } from './result';
import type { Verifier } from './verifier';

/**
 * The one rule for changing a working configuration: what a Verify staged (settings, secrets) is
 * checked as it would be used, and replaces the working configuration only if the check succeeds.
 * A failed check leaves the working settings, key, result and chat models exactly as they were;
 * the typed secrets are dropped, staged settings stay staged until the next Verify or Revert.
 * Returns undefined when a newer check superseded this one.
 */
export async function verifyThenSwap(
  store: CredentialStore,
  verifier: Verifier,
  id: ProviderId,
  options: { endpointConfirmed?: boolean } = {},
): Promise<VerifyResult | undefined> {
  const result = await verifier.verify(id, { pending: true, endpointConfirmed: options.endpointConfirmed });
  if (!result) return undefined;
  if (result.ok) {
    try {
      await store.commitPending(id);
    } catch (err) {
      // The editor refused the write (settings.json with errors): nothing typed may linger.
      await store.discardPendingSecrets(id);
      throw err;
    }
    await store.saveResult(result);
  } else {
    await store.discardPendingSecrets(id);
  }
  return result;
}
