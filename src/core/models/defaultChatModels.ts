import type { ProviderKind } from '../providers/kinds';
import { isChatModelId } from '../providers/openaiFamily/chatModelIds';
import type { ModelInfo } from '../verify/result';

/**
 * Which of a provider's verified models a successful first Verify puts into the chat model
 * picker: what a user would tick. Per model line the newest flagship and the newest small/fast
 * model with tool calling (Agent mode lists nothing else); never embeddings, speech, images,
 * moderation, previews when a stable one exists, or a dated snapshot whose alias is listed.
 * Everything else stays one click away on the Models page.
 */
export function defaultChatModels(kind: ProviderKind, models: readonly ModelInfo[], options: { configuredIds?: readonly string[] } = {}): string[] {
  const usable = withoutShadowedSnapshots(models.filter((m) => m.toolCalling !== false));
  switch (kind) {
    case 'openai':
      return newestPerTier(usable, openAITier);
    case 'anthropic':
      return newestPerTier(usable, claudeTier);
    case 'gemini':
      return newestPerTier(usable, geminiTier);
    case 'bedrock':
      return newestPerTier(usable, bedrockTier);
    case 'azure':
      // Each entry is a deployment the user named and Verify reached: all of them.
      return models.map((m) => m.id);
    case 'compatible':
      return compatibleDefaults(usable, options.configuredIds ?? []);
  }
}

/** An OpenAI-compatible endpoint offers at most this many models by default; the rest are one click away. */
export const COMPATIBLE_DEFAULT_LIMIT = 5;

/** Where a model stands in its provider's line-up: `line` + `tier` group it, `version` orders within. */
interface Tier {
  key: string;
  version: number;
  /** A preview/experimental model: chosen only when its tier has no stable one. */
  preview: boolean;
}

type TierOf = (id: string) => Tier | undefined;

/** Per tier the newest stable model (a preview only when the tier has nothing stable), in line-up order. */
function newestPerTier(models: readonly ModelInfo[], tierOf: TierOf): string[] {
  const best = new Map<string, { id: string; tier: Tier }>();
  for (const model of models) {
    const tier = tierOf(model.id);
    if (!tier) continue;
    const current = best.get(tier.key);
    if (!current || better(tier, current.tier)) best.set(tier.key, { id: model.id, tier });
  }
  return [...best.values()].sort((a, b) => (a.tier.key < b.tier.key ? -1 : 1)).map((b) => b.id);
}

function better(a: Tier, b: Tier): boolean {
  if (a.preview !== b.preview) return !a.preview;
  return a.version > b.version;
}

function version(major: string, minor = '0'): number {
  return Number(major) + Number(minor) / 100;
}

/**
 * OpenAI: the GPT line (gpt-5.1 flagship, gpt-5-mini small) and the o-series reasoning line
 * (o3, o4-mini). Specials — codex, pro, nano, turbo, audio, search, chat-latest — are left out:
 * `isChatModelId` drops the non-chat ones, the patterns below the rest.
 */
function openAITier(id: string): Tier | undefined {
  const bare = id.replace(/^openai\//, '').replace(SNAPSHOT_SUFFIX, '');
  if (!isChatModelId(bare, { knownFamiliesOnly: true })) return undefined;
  const gpt = /^gpt-(\d+)(?:\.(\d+))?(o)?(-mini)?$/.exec(bare);
  if (gpt) {
    // gpt-4o sits between gpt-4 and gpt-4.1.
    const v = version(gpt[1]!, gpt[2]) + (gpt[3] ? 0.005 : 0);
    return { key: `1-gpt${gpt[4] ? '-small' : ''}`, version: v, preview: false };
  }
  const o = /^o(\d+)(-mini)?$/.exec(bare);
  if (o) return { key: `2-o${o[2] ? '-small' : ''}`, version: Number(o[1]), preview: false };
  return undefined;
}

/**
 * Claude: one model per tier (Opus, Sonnet, Haiku), the newest version. Ids come as
 * "claude-sonnet-4-5-20250929" (4.x naming), "claude-3-7-sonnet-20250219" (3.x naming), and on
 * gateways as "anthropic/claude-sonnet-4.5"; Bedrock's "anthropic.claude-…-v1:0" is stripped before.
 */
function claudeTier(id: string): Tier | undefined {
  const bare = id.replace(/^anthropic[/.]/, '').replace(/-v\d+(:\d+)?$/, '');
  const named = /^claude-(opus|sonnet|haiku)-(\d+)(?:[-.](\d))?(?:-\d{8})?$/.exec(bare);
  const numbered = /^claude-(\d+)(?:[-.](\d))?-(opus|sonnet|haiku)(?:-\d{8})?$/.exec(bare);
  const tier = named?.[1] ?? numbered?.[3];
  const major = named?.[2] ?? numbered?.[1];
  if (!tier || !major) return undefined;
  const order = { opus: 1, sonnet: 2, haiku: 3 }[tier as 'opus' | 'sonnet' | 'haiku'];
  return { key: `${order}-claude-${tier}`, version: version(major, named?.[3] ?? numbered?.[2]), preview: false };
}

/**
 * Gemini: Pro (flagship) and Flash (fast), newest version; previews only without a stable one.
 * Flash-Lite, image, TTS, live, computer-use, robotics, Gemma (no function calling), moving
 * "-latest" aliases and "-001" snapshots are left out.
 */
function geminiTier(id: string): Tier | undefined {
  const bare = id.replace(/^(google\/|models\/)/, '').replace(SNAPSHOT_SUFFIX, '');
  const m = /^gemini-(\d+)(?:\.(\d+))?-(pro|flash)(-preview(?:-[\w-]+)?|-exp(?:-[\w-]+)?)?$/.exec(bare);
  if (!m) return undefined;
  return { key: `3-gemini-${m[3] === 'pro' ? 1 : 2}-${m[3]}`, version: version(m[1]!, m[2]), preview: !!m[4] };
}

/**
 * Bedrock lists what the region serves, joined with the inference profiles that models need
 * (the listing already left out models that cannot be invoked here). Claude per tier and Amazon
 * Nova Pro and Lite, the newest of each; other vendors stay one click away.
 */
function bedrockTier(id: string): Tier | undefined {
  const claude = claudeTier(id);
  if (claude) return claude;
  const nova = /^amazon\.nova-(?:(\d+)-)?(pro|lite)-v\d+(:\d+)?$/.exec(id);
  if (nova) return { key: `4-nova-${nova[2] === 'pro' ? 1 : 2}-${nova[2]}`, version: Number(nova[1] ?? 1), preview: false };
  return undefined;
}

/**
 * Non-chat models as local servers and gateways name them (Ollama's "nomic-embed-text", a
 * "bge-reranker", "llama-guard"), beyond the OpenAI names `isChatModelId` knows.
 */
const NOT_CHAT_ON_SERVERS = /embed|rerank|\bbge-|whisper|\btts\b|speech|transcri|moderation|guard|dall-e|gpt-image|-image\b|diffusion|\bflux/i;

/**
 * What the user typed as model ids wins. Otherwise, a catalogue of many vendors' models
 * (OpenRouter) gets the OpenAI, Claude and Gemini defaults among its ids, each vendor's first
 * pick before anyone's second; a server with its own models (Ollama, LM Studio, a gateway)
 * gets its chat models in the order it lists them. Capped.
 */
function compatibleDefaults(models: readonly ModelInfo[], configuredIds: readonly string[]): string[] {
  if (configuredIds.length) return [...configuredIds];
  const chat = models.filter((m) => isChatModelId(m.id) && !NOT_CHAT_ON_SERVERS.test(m.id));
  const perVendor = [newestPerTier(chat, openAITier), newestPerTier(chat, claudeTier), newestPerTier(chat, geminiTier)];
  const known = Array.from({ length: Math.max(...perVendor.map((v) => v.length)) }, (_, i) => perVendor.map((v) => v[i])).flat();
  const picked = known.some(Boolean) ? known.filter((id): id is string => !!id) : chat.map((m) => m.id);
  return picked.slice(0, COMPATIBLE_DEFAULT_LIMIT);
}

/** "gpt-4o-2024-08-06", "claude-…-20250514", "gemini-2.0-flash-001", "gpt-4-0613", "mistral-large-2407". */
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{3}|\d{4})$/;

/** A dated snapshot goes when its alias is listed too (the alias follows the newest snapshot). */
function withoutShadowedSnapshots(models: readonly ModelInfo[]): ModelInfo[] {
  const ids = new Set(models.map((m) => m.id));
  return models.filter((m) => {
    const alias = m.id.replace(SNAPSHOT_SUFFIX, '');
    return alias === m.id || !ids.has(alias);
  });
}
