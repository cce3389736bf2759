import type { ProviderId, ProviderKind } from '../providers/kinds';
import type { ProviderDefinition, Secrets } from '../providers/types';
import type { VerifyResult } from '../verify/result';
import type { KeyAge } from './keyAges';

export interface SecretStatus {
  present: boolean;
  /** Last four characters, only for secrets long enough that this reveals little. */
  last4?: string;
}

/** What the page may know about one provider: settings, which secrets exist, results. Never a secret value. */
export interface ProviderSnapshot {
  id: ProviderId;
  kind: ProviderKind;
  displayName: string;
  configured: boolean;
  /** Non-secret settings as stored. */
  settings: Record<string, unknown>;
  secrets: Record<string, SecretStatus>;
  /** The optional fallback key (used once when the primary key is rate-limited or out of quota). */
  fallbackKey: SecretStatus;
  /** When each stored secret was saved and last verified (dates only). */
  keyAges: Record<string, KeyAge>;
  /** Required secret fields that are missing although the provider is configured (settings synced from elsewhere). */
  missingOnThisMachine: string[];
  /** The stored key was saved for another endpoint; it is not sent until the user confirms. */
  endpointChanged: boolean;
  /**
   * Settings staged by a Verify that has not succeeded yet ("Unsaved changes · Verify to apply ·
   * Revert"); `settings` above stay the working ones, and chat keeps using them.
   */
  stagedSettings?: Record<string, unknown>;
  /** The last verification of the configuration as it is stored now. */
  lastResult?: VerifyResult;
  /** A verification exists, but settings or a key changed after it (saved without verifying). */
  resultOutdated: boolean;
  enabledModels: string[];
  externalId?: string;
}

/** A provider ready for a call: validated settings and the secrets to use. */
export interface ResolvedProvider {
  id: ProviderId;
  kind: ProviderKind;
  displayName: string;
  settings: unknown;
  secrets: Secrets;
  fingerprint: string;
  problem?: 'invalid_configuration' | 'missing_credentials' | 'endpoint_not_confirmed';
  problemDetail?: string;
}

export type SaveOutcome = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

/** What the page may know of a stored secret: whether it exists, and for a long one its last four characters. */
export function secretStatus(value: string | undefined): SecretStatus {
  return value === undefined ? { present: false } : { present: true, last4: value.length >= 12 ? value.slice(-4) : undefined };
}

/** Required secret fields without a value although the provider has settings (synced from another machine). */
export function missingOnThisMachine(def: ProviderDefinition, raw: Record<string, unknown> | undefined, values: Secrets): string[] {
  if (raw === undefined) return [];
  const settingsForCheck = def.settingsSchema.safeParse(raw);
  return def.secretFields.filter((f) => values[f.id] === undefined && (settingsForCheck.success ? f.requiredFor(settingsForCheck.data) : f.requiredFor(raw))).map((f) => f.id);
}
