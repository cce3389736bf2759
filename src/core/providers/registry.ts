import { anthropicDefinition } from './anthropic/definition';
import { azureDefinition } from './azure/definition';
import { bedrockDefinition } from './bedrock/definition';
import { compatibleDefinition } from './compatible/definition';
import { geminiDefinition } from './gemini/definition';
import type { ProviderKind } from './kinds';
import { openAIDefinition } from './openai/definition';
import type { ProviderDefinition, ProviderRuntime } from './types';

/** Imports a runtime module once; every later call reuses it (an import that failed is tried again). */
function importedOnce<D extends ProviderDefinition>(definition: D): D {
  let runtime: Promise<ProviderRuntime> | undefined;
  const load = () =>
    (runtime ??= definition.loadRuntime().catch((err: unknown) => {
      runtime = undefined;
      throw err;
    }));
  return { ...definition, loadRuntime: load };
}

/** Adding a provider: a folder with definition.ts + runtime.ts, and one line here. */
export const providerDefinitions: Record<ProviderKind, ProviderDefinition> = {
  openai: importedOnce(openAIDefinition),
  anthropic: importedOnce(anthropicDefinition),
  gemini: importedOnce(geminiDefinition),
  azure: importedOnce(azureDefinition),
  bedrock: importedOnce(bedrockDefinition),
  compatible: importedOnce(compatibleDefinition),
};

export const providerKinds = Object.keys(providerDefinitions) as ProviderKind[];
