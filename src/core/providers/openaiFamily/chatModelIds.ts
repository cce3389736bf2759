/**
 * Which models of an OpenAI-style `GET /models` list can chat, judged by the id alone: the list
 * carries no capabilities, and the same ids appear behind api.openai.com, a company gateway,
 * LiteLLM, LM Studio or Ollama. Used by the OpenAI and OpenAI-compatible model listings.
 */

/** Why a listed model is not offered for chat. */
export type NonChatKind = 'embeddings' | 'audio' | 'image' | 'moderation' | 'legacy_completion' | 'other';

/** Tried in order: "text-embedding-ada-002" is an embedding model, not a legacy ada. */
const RULES: readonly (readonly [NonChatKind, RegExp])[] = [
  // text-embedding-3-large, LM Studio's text-embedding-nomic-embed-text-v1.5, Ollama's nomic-embed-text / mxbai-embed-large / bge-m3 / all-minilm.
  ['embeddings', /embed|^(?:bge|all-minilm)(?:[-:]|$)/i],
  ['moderation', /moderation/i],
  // whisper-1, tts-1-hd, gpt-4o-mini-tts, gpt-4o-transcribe, gpt-4o-realtime-preview, gpt-realtime, gpt-4o-audio-preview, gpt-audio.
  ['audio', /whisper|(?:^|-)tts(?:-|$)|transcribe|realtime|(?:^|-)audio(?:-|$)/i],
  // dall-e-3, gpt-image-1, chatgpt-image-latest; sora (video) too.
  ['image', /dall-e|gpt-image|chatgpt-image|^sora(?:-|$)/i],
  // GPT-3 era completion models and their fine-tunes: ada, babbage-002, davinci-002, text-davinci-003, code-cushman-001,
  // text-similarity-*, text-search-*, code-search-*, davinci-search-query, "curie:ft-acme-2022-…", gpt-3.5-turbo-instruct.
  [
    'legacy_completion',
    /^(?:(?:text|code|if)-)?(?:ada|babbage|curie|davinci|cushman)(?:[-:]|$)|^(?:text|code)-(?:similarity|search)-|-search-(?:doc|query|document|code|text)\b|^gpt-3\.5-turbo-instruct/i,
  ],
  // Not chat completions models: computer-use-preview, the web-search models (gpt-4o-search-preview, gpt-5-search-api).
  ['other', /computer-use|-search-(?:preview|api)\b/i],
];

/** OpenAI's chat families; on api.openai.com anything else is left out (a gateway may serve other vendors' ids). */
const OPENAI_CHAT_FAMILY = /^(?:gpt-|chatgpt-|o\d|codex-)/i;

export interface ChatModelRule {
  /** api.openai.com: only OpenAI's own chat families count. */
  knownFamiliesOnly?: boolean;
}

/** The id as the rules read it: without a fine-tune prefix (`ft:`) or a vendor path (`openai/…`). */
function bareId(id: string): string {
  return id.replace(/^ft:/i, '').split('/').pop()!;
}

/** Why this id is not a chat model, or undefined when it is one. */
export function nonChatKind(id: string, rule: ChatModelRule = {}): NonChatKind | undefined {
  const bare = bareId(id);
  for (const [kind, pattern] of RULES) if (pattern.test(bare)) return kind;
  if (rule.knownFamiliesOnly && !OPENAI_CHAT_FAMILY.test(bare)) return 'other';
  return undefined;
}

export function isChatModelId(id: string, rule: ChatModelRule = {}): boolean {
  return nonChatKind(id, rule) === undefined;
}

/** Splits a listed model list into chat models (in list order) and the ones left out. */
export function selectChatModels<T extends { id: string }>(models: readonly T[], rule: ChatModelRule = {}): { chat: T[]; leftOut: T[] } {
  const chat: T[] = [];
  const leftOut: T[] = [];
  for (const model of models) (isChatModelId(model.id, rule) ? chat : leftOut).push(model);
  return { chat, leftOut };
}
