import type { ProviderKind } from '../providers/kinds';

/**
 * The rules of an adopted team setup, remembered when the user chose "Use it" (per workspace for
 * the workspace's file, per user for the administrator's). Never a secret.
 */
export interface TeamRules {
  digest: string;
  name?: string;
  /** Only these provider kinds; undefined: all. */
  allowedProviders?: ProviderKind[];
  allowedReason?: string;
}

/** Where the adopted rules are kept (workspaceState or globalState). */
export const ADOPTED_TEAM_RULES_KEY = 'byok.teamSetup.adopted';

/** The team setup in force does not allow this kind of provider: the page marks it, chat leaves its models out. */
export function disabledByTeam(rules: Pick<TeamRules, 'allowedProviders'> | undefined, kind: ProviderKind): boolean {
  return !!rules?.allowedProviders && !rules.allowedProviders.includes(kind);
}
