/**
 * VS Code's chat (1.139 and later) runs small tasks (chat titles, summaries, commit messages) on
 * "utility" models. With BYOK models and no GitHub sign-in it has none unless the user names one in
 * `chat.utilityModel` and `chat.utilitySmallModel` ("<vendor>/<model id>"), or sets
 * `chat.byokUtilityModelDefault` to "mainAgent" (every small task then runs on the big model the
 * user picked). Until then the chat shows "Set BYOK utility models — Unlocks full AI features".
 * This module decides whether to offer one of the user's own models for it, and which.
 */

export const UTILITY_SETTINGS = ['utilityModel', 'utilitySmallModel'] as const;
export type UtilitySetting = (typeof UTILITY_SETTINGS)[number];

/** What the editor's `chat.*` settings hold (undefined: the editor does not know the setting). */
export interface UtilitySettingsState {
  /** `chat.byokUtilityModelDefault`'s value; the key is absent from editors without utility models. */
  byokDefault: string | undefined;
  /** Whether this editor declares `chat.byokUtilityModelDefault` at all. */
  editorHasUtilityModels: boolean;
  utilityModel: unknown;
  utilitySmallModel: unknown;
}

/** A model our providers offer in the chat right now. */
export interface OfferedChatModel {
  vendor: string;
  /** The chat model id (`<provider id>/<model id>`). */
  id: string;
  /** The provider's model id, e.g. "gpt-4o-mini". */
  modelId: string;
  name: string;
  providerName: string;
}

export interface UtilityModelsOffer {
  /** The settings the chat lacks. */
  missing: UtilitySetting[];
  suggestion: OfferedChatModel;
}

/** Small, cheap families first: the tasks are short and frequent, so a large model only costs more. */
const SMALL_FAMILIES = ['nano', 'flash-lite', 'haiku', 'mini', 'flash', 'small', 'lite', '(?:1|3|7|8)b'].map(
  // A whole part of the id: "gemini-2.5-pro" is no "mini", "llama3.2:3b" is a 3b.
  (family) => new RegExp(`(?:^|[-_.:/])${family}(?:$|[-_.:/@])`),
);
/** Reasoning models think before answering: slow and billed for the thinking, wrong for a chat title. */
const REASONING = /^(o\d|.*-reasoner|.*thinking)/;

function rank(model: OfferedChatModel): number {
  const id = model.modelId.toLowerCase();
  const family = SMALL_FAMILIES.findIndex((pattern) => pattern.test(id));
  return (family === -1 ? SMALL_FAMILIES.length : family) * 2 + (REASONING.test(id) ? 1 : 0);
}

/** The offered model best suited to small tasks: a small family, not a reasoning model, in offer order otherwise. */
export function pickUtilityModel(models: readonly OfferedChatModel[]): OfferedChatModel | undefined {
  let best: OfferedChatModel | undefined;
  for (const model of models) if (!best || rank(model) < rank(best)) best = model;
  return best;
}

const isSet = (value: unknown) => typeof value === 'string' && value.length > 0;

/**
 * What to offer: nothing when the editor has no utility models, the user chose "mainAgent", both
 * settings are set, or no model of ours is in the chat; otherwise the missing settings and a model.
 */
export function utilityModelsOffer(state: UtilitySettingsState, offered: readonly OfferedChatModel[]): UtilityModelsOffer | undefined {
  if (!state.editorHasUtilityModels || state.byokDefault === 'mainAgent') return undefined;
  const missing = UTILITY_SETTINGS.filter((setting) => !isSet(state[setting]));
  const suggestion = pickUtilityModel(offered);
  if (!missing.length || !suggestion) return undefined;
  return { missing, suggestion };
}

/** The settings' value format, as VS Code's chat reads it: "<vendor>/<id>" (the id may contain slashes). */
export function utilitySettingValue(model: Pick<OfferedChatModel, 'vendor' | 'id'>): string {
  return `${model.vendor}/${model.id}`;
}
