import * as z from '../zodMini';

/**
 * What the product remembers about a provider's models beyond the enabled list (a setting):
 * which it has seen (`known`), which the user turned off (`declined`: never enabled again by a
 * Verify) and which appeared after the first Verify and wait for the user (`offered`).
 * Non-secret; kept in globalState.
 */
export const ModelChoicesSchema = z.object({
  known: z.array(z.string()),
  declined: z.array(z.string()),
  offered: z.array(z.string()),
});
export type ModelChoices = z.infer<typeof ModelChoicesSchema>;

export interface VerifiedModels {
  /** Every model the successful Verify returned. */
  listed: readonly string[];
  /** The default set for the provider (`defaultChatModels`). */
  defaults: readonly string[];
  /** Ids the user typed into the settings (Azure deployments, a compatible endpoint's model ids): a new one is a choice already made. */
  configured: readonly string[];
  enabled: readonly string[];
  /** Undefined before the provider's first successful Verify. */
  choices: ModelChoices | undefined;
}

export interface AfterVerify {
  enabled: string[];
  choices: ModelChoices;
  /** Models this Verify put into the chat model picker. */
  justEnabled: string[];
  firstVerify: boolean;
}

const union = (...lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())];
const without = (list: readonly string[], drop: readonly string[]): string[] => list.filter((id) => !drop.includes(id));

/**
 * First Verify: the defaults go into the picker, unless the user already chose (models enabled
 * in synced settings or by an older version). Later: models not seen before are offered, not
 * added — except ones the user typed in; a declined model stays off.
 */
export function choicesAfterVerify(input: VerifiedModels): AfterVerify {
  const { listed, enabled, choices } = input;
  if (!choices) {
    const justEnabled = enabled.length ? [] : [...input.defaults];
    return { enabled: union(enabled, justEnabled), choices: { known: [...listed], declined: [], offered: [] }, justEnabled, firstVerify: true };
  }
  const fresh = without(listed, union(choices.known, enabled, choices.declined));
  const justEnabled = fresh.filter((id) => input.configured.includes(id));
  const nextEnabled = union(enabled, justEnabled);
  // An offer of a model the provider no longer lists is dropped.
  const offered = without(union(choices.offered, fresh), union(nextEnabled, choices.declined)).filter((id) => listed.includes(id));
  return { enabled: nextEnabled, choices: { known: union(choices.known, listed), declined: choices.declined, offered }, justEnabled, firstVerify: false };
}

/** The user ticked and unticked models: an unticked one is declined, a ticked one no longer is. */
export function choicesAfterUserEdit(previous: readonly string[], next: readonly string[], choices: ModelChoices | undefined): ModelChoices {
  const current = choices ?? { known: [], declined: [], offered: [] };
  return {
    known: union(current.known, previous, next),
    declined: without(union(current.declined, without(previous, next)), next),
    offered: without(current.offered, next),
  };
}
