import type { ProviderId } from '../providers/kinds';
import type { StatePort } from '../store/ports';

/**
 * What a team file said a member must add to a provider (a gateway's optional key, its header
 * names), remembered so an export of this configuration says it again before the keys are there.
 * Names only, never a value; kept in globalState.
 */
export interface KeyHints {
  keysNeeded: string[];
  headerNames: string[];
}
const HINTS_KEY = 'byok.teamSetup.keyHints';

export function keyHintsFor(state: StatePort, id: ProviderId): KeyHints | undefined {
  return state.get<Record<string, KeyHints>>(HINTS_KEY)?.[id];
}

export async function rememberKeyHints(state: StatePort, id: ProviderId, hints: KeyHints): Promise<void> {
  await state.update(HINTS_KEY, { ...state.get<Record<string, KeyHints>>(HINTS_KEY), [id]: hints });
}
