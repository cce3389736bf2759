import { calcPrice, findProvider, type Provider } from '@pydantic/genai-prices';
import type { ChatUsage } from '../chat/types';
import type { CatalogueProvider } from './prices';

/**
 * Prices from the `@pydantic/genai-prices` catalogue as shipped (no network: `updatePrices` is
 * never called). ~830 kB: bundled into its own chunk and imported on the first priced answer.
 * The catalogue knows cache read/write prices, long-context tiers and prices by date.
 */
export function cataloguePrice(usage: ChatUsage, modelId: string, provider: CatalogueProvider, at: Date): number | undefined {
  const tokens = {
    input_tokens: usage.inputTokens,
    cache_read_tokens: usage.cacheReadTokens ?? 0,
    cache_write_tokens: usage.cacheWriteTokens ?? 0,
    output_tokens: usage.outputTokens,
  };
  const key = JSON.stringify([provider, modelId]);
  const known = matched.get(key);
  if (known === null) return undefined;
  if (known) return calcPrice(tokens, modelId, { provider: known, timestamp: at })?.total_price;
  // An endpoint the catalogue does not know (a local server, a private gateway) has no price: never guess.
  const result = 'providerApiUrl' in provider && !findProvider({ providerApiUrl: provider.providerApiUrl }) ? null : calcPrice(tokens, modelId, { ...provider, timestamp: at });
  remember(key, result ? { ...result.provider, models: [result.model] } : null);
  return result ? result.total_price : undefined;
}

/**
 * Per provider and model id: the catalogue's provider narrowed to the one model it matched (null:
 * not in the catalogue). Finding the model scans the provider's models with their match rules,
 * ~75 µs an answer; pricing against the narrowed provider skips that scan and gives the same price.
 */
const matched = new Map<string, Provider | null>();
const MATCHED_CAPACITY = 256;

function remember(key: string, provider: Provider | null): void {
  if (matched.size >= MATCHED_CAPACITY) matched.delete(matched.keys().next().value as string);
  matched.set(key, provider);
}
