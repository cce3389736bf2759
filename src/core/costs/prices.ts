import type { ChatUsage } from '../chat/types';
import type { ProviderKind } from '../providers/kinds';
import * as z from '../zodMini';

/** `byok.prices`: USD per million tokens for a model id, for negotiated rates, gateways and local models (0). */
export const ModelPriceSchema = z.object({
  input: z.number().check(z.nonnegative()),
  /** Input read from the prompt cache; the input price when not given. */
  cachedInput: z.optional(z.number().check(z.nonnegative())),
  /** Input written to the prompt cache; the input price when not given. */
  cacheWrite: z.optional(z.number().check(z.nonnegative())),
  output: z.number().check(z.nonnegative()),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/** Entries that are not prices (a typo in settings.json) are left out rather than priced wrongly. */
export function priceOverrides(raw: unknown): Record<string, ModelPrice> {
  if (!raw || typeof raw !== 'object') return {};
  return Object.fromEntries(
    Object.entries(raw).flatMap(([model, value]) => {
      const parsed = ModelPriceSchema.safeParse(value);
      return parsed.success ? [[model, parsed.data] as const] : [];
    }),
  );
}

/** How the catalogue finds the provider: by its id, or by the API URL (OpenRouter and other gateways). */
export type CatalogueProvider = { providerId: string } | { providerApiUrl: string };

/** What an answer is priced as: the model the provider bills (an Azure deployment's model) at which provider. */
export interface PricedModel {
  /** The model id the answer was requested with (a deployment name for Azure). */
  modelId: string;
  /** The model id prices are looked up by. */
  priceModelId: string;
  provider: CatalogueProvider;
}

const CATALOGUE_IDS: Record<Exclude<ProviderKind, 'compatible'>, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  azure: 'azure',
  bedrock: 'aws',
};

/** Maps a configured provider's model to what the catalogue prices it by. */
export function pricedModel(kind: ProviderKind, settings: Record<string, unknown>, modelId: string): PricedModel {
  if (kind === 'compatible') return { modelId, priceModelId: modelId, provider: { providerApiUrl: String(settings.baseUrl ?? '') } };
  if (kind === 'azure') {
    const deployments = Array.isArray(settings.deployments) ? (settings.deployments as { name?: unknown; model?: unknown }[]) : [];
    const model = deployments.find((d) => d.name === modelId)?.model;
    return { modelId, priceModelId: typeof model === 'string' && model ? model : modelId, provider: { providerId: 'azure' } };
  }
  // A base URL of these kinds is a proxy in front of the same provider, which bills its own prices.
  return { modelId, priceModelId: modelId, provider: { providerId: CATALOGUE_IDS[kind] } };
}

export type PriceSource = 'provider' | 'override' | 'catalogue' | 'none';

export interface AnswerCost {
  /** USD; undefined when no price is known (the answer still counts its tokens). */
  usd: number | undefined;
  source: PriceSource;
}

export type CatalogueLookup = (usage: ChatUsage, modelId: string, provider: CatalogueProvider, at: Date) => number | undefined;

/** The override for a model: by the id it was requested with, else by the model it is billed as. */
function overrideFor(model: PricedModel, overrides: Record<string, ModelPrice>): ModelPrice | undefined {
  return overrides[model.modelId] ?? overrides[model.priceModelId];
}

function overrideCost(usage: ChatUsage, price: ModelPrice): number {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  // Reasoning is part of outputTokens, so it is billed at the output price.
  const perMillion = uncached * price.input + cacheRead * (price.cachedInput ?? price.input) + cacheWrite * (price.cacheWrite ?? price.input) + usage.outputTokens * price.output;
  return perMillion / 1_000_000;
}

/** The provider's own figure first, then the user's price, then the catalogue; otherwise no price, never a guess. */
export function priceAnswer(usage: ChatUsage, model: PricedModel, overrides: Record<string, ModelPrice>, catalogue: CatalogueLookup | undefined, at: Date): AnswerCost {
  if (usage.reportedCostUsd !== undefined) return { usd: usage.reportedCostUsd, source: 'provider' };
  const override = overrideFor(model, overrides);
  if (override) return { usd: overrideCost(usage, override), source: 'override' };
  const usd = catalogue?.(usage, model.priceModelId, model.provider, at);
  return usd === undefined ? { usd: undefined, source: 'none' } : { usd, source: 'catalogue' };
}

/** The catalogue (~830 kB) is its own chunk, loaded on the first answer that needs it. */
export async function loadCatalogue(): Promise<typeof import('./catalogue')> {
  return import('./catalogue');
}
