import type { ProviderKind } from './kinds';

/**
 * Each provider kind's vendor in the editor's language model API (package.json
 * `languageModelChatProviders`), in the order the chat providers are registered. Plain data, so
 * activation registers the chat providers without evaluating the provider definitions' schemas.
 */
export const chatVendors = {
  openai: 'byok-openai',
  anthropic: 'byok-anthropic',
  gemini: 'byok-gemini',
  azure: 'byok-azure',
  bedrock: 'byok-bedrock',
  compatible: 'byok-compatible',
} as const satisfies Record<ProviderKind, string>;
