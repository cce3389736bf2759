import { kindOfId, type ProviderId } from '../providers/kinds';
import { disabledByTeam, type TeamRules } from '../teamSetup/teamRules';
import type { CredentialStore } from '../store/credentialStore';

/** Why a model is not offered in chat; undefined when it is. */
export type NotServedReason = 'team_disabled' | 'not_verified' | 'settings_changed' | 'verification_failed' | 'not_listed' | 'turned_off';

/**
 * The one rule for what chat offers: an enabled model of a provider whose last verification
 * succeeded for the configuration stored now, unless the adopted team setup disallows the provider. The picker lists by it, and a request for a model
 * the chat still has selected after it left the picker is answered with its reason.
 */
export function whyNotServed(
  store: Pick<CredentialStore, 'lastResult' | 'enabledModels'>,
  providerId: ProviderId,
  modelId: string,
  fingerprint: string,
  /** The adopted team setup's rules: a provider kind it does not allow offers nothing. */
  team?: Pick<TeamRules, 'allowedProviders'>,
): NotServedReason | undefined {
  if (disabledByTeam(team, kindOfId(providerId))) return 'team_disabled';
  const result = store.lastResult(providerId);
  if (!result) return 'not_verified';
  if (result.fingerprint !== fingerprint) return 'settings_changed';
  if (!result.ok) return 'verification_failed';
  if (!result.models.some((m) => m.id === modelId)) return 'not_listed';
  if (!store.enabledModels(providerId).includes(modelId)) return 'turned_off';
  return undefined;
}
