import type { ModelInfo } from '../../verify/result';

/** What a chat model can do and how much it takes, as VS Code's model picker needs it. */
export type ModelCapabilities = Pick<ModelInfo, 'toolCalling' | 'imageInput' | 'contextWindow' | 'maxOutputTokens'>;

interface Family {
  /** Matches the id without `ft:`, an `openai/` style vendor prefix and a date suffix. */
  pattern: RegExp;
  capabilities: ModelCapabilities;
}

/**
 * OpenAI's model pages (platform.openai.com/docs/models): function calling, image input,
 * context window and max output tokens per family. First match wins, so specific ids
 * come before their family. Limits only where the documentation states them.
 */
const FAMILIES: readonly Family[] = [
  // ChatGPT's snapshots: no function calling.
  { pattern: /^chatgpt-4o-latest$/, capabilities: { toolCalling: false, imageInput: true, contextWindow: 128_000, maxOutputTokens: 16_384 } },
  { pattern: /^gpt-5-chat-latest$/, capabilities: { toolCalling: false, imageInput: true, contextWindow: 128_000, maxOutputTokens: 16_384 } },
  { pattern: /^gpt-5(\.\d+)?(-(mini|nano|codex(-mini)?))?$/, capabilities: { toolCalling: true, imageInput: true, contextWindow: 400_000, maxOutputTokens: 128_000 } },
  { pattern: /^gpt-4\.1(-(mini|nano))?$/, capabilities: { toolCalling: true, imageInput: true, contextWindow: 1_047_576, maxOutputTokens: 32_768 } },
  // The first gpt-4o snapshot wrote at most 4,096 tokens.
  { pattern: /^gpt-4o-2024-05-13$/, capabilities: { toolCalling: true, imageInput: true, contextWindow: 128_000, maxOutputTokens: 4_096 } },
  { pattern: /^gpt-4o(-mini)?$/, capabilities: { toolCalling: true, imageInput: true, contextWindow: 128_000, maxOutputTokens: 16_384 } },
  { pattern: /^gpt-4-turbo$/, capabilities: { toolCalling: true, imageInput: true, contextWindow: 128_000, maxOutputTokens: 4_096 } },
  { pattern: /^gpt-4-turbo-preview$|^gpt-4-\d{4}-preview$/, capabilities: { toolCalling: true, imageInput: false, contextWindow: 128_000, maxOutputTokens: 4_096 } },
  { pattern: /^gpt-4(-\d{4})?$/, capabilities: { toolCalling: true, imageInput: false, contextWindow: 8_192, maxOutputTokens: 8_192 } },
  { pattern: /^gpt-3\.5-turbo(-0125|-1106)?$/, capabilities: { toolCalling: true, imageInput: false, contextWindow: 16_385, maxOutputTokens: 4_096 } },
  { pattern: /^o3-mini$/, capabilities: { toolCalling: true, imageInput: false, contextWindow: 200_000, maxOutputTokens: 100_000 } },
  { pattern: /^(o1|o1-pro|o3|o3-pro|o4-mini|codex-mini-latest)$/, capabilities: { toolCalling: true, imageInput: true, contextWindow: 200_000, maxOutputTokens: 100_000 } },
  // The o1 previews had no function calling.
  { pattern: /^o1-mini$/, capabilities: { toolCalling: false, imageInput: false, contextWindow: 128_000, maxOutputTokens: 65_536 } },
  { pattern: /^o1-preview$/, capabilities: { toolCalling: false, imageInput: false, contextWindow: 128_000, maxOutputTokens: 32_768 } },
  { pattern: /^gpt-oss-(20b|120b)$/, capabilities: { toolCalling: true, imageInput: false, contextWindow: 131_072 } },
];

/** An OpenAI model id as the table knows it: without `ft:` and the fine-tune suffix, vendor prefix, Azure spelling. */
export function openAIFamilyOf(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/^ft:/, '')
    .replace(/:.*$/, '')
    .replace(/^openai\//, '')
    // Azure spells GPT-3.5 without the dot.
    .replace(/^gpt-35-/, 'gpt-3.5-');
}

/**
 * Capabilities of an OpenAI model id (also behind Azure deployments and gateways that serve
 * OpenAI's models under their names); undefined for ids that are not a known OpenAI family.
 */
export function openAIModelCapabilities(id: string): ModelCapabilities | undefined {
  const family = openAIFamilyOf(id);
  const exact = FAMILIES.find((f) => f.pattern.test(family));
  if (exact) return { ...exact.capabilities };
  const undated = family.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  const dated = FAMILIES.find((f) => f.pattern.test(undated));
  return dated ? { ...dated.capabilities } : undefined;
}
