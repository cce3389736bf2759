import { anthropicDefinition } from './anthropic/definition';
import { azureDefinition } from './azure/definition';
import { bedrockDefinition } from './bedrock/definition';
import { compatibleDefinition } from './compatible/definition';
import { geminiDefinition } from './gemini/definition';
import type { ProviderKind } from './kinds';
import { openAIDefinition } from './openai/definition';
import type { ProviderDefinition } from './types';

/** Adding a provider: a folder with definition.ts + runtime.ts, and one line here. */
export const providerDefinitions: Record<ProviderKind, ProviderDefinition> = {
  openai: openAIDefinition,
  anthropic: anthropicDefinition,
  gemini: geminiDefinition,
  azure: azureDefinition,
  bedrock: bedrockDefinition,
  compatible: compatibleDefinition,
};

export const providerKinds = Object.keys(providerDefinitions) as ProviderKind[];
