import { calcPrice, findProvider } from '@pydantic/genai-prices';
import type { ChatUsage } from '../chat/types';
import type { CatalogueProvider } from './prices';

/**
 * Prices from the `@pydantic/genai-prices` catalogue as shipped (no network: `updatePrices` is
 * never called). ~830 kB: bundled into its own chunk and imported on the first priced answer.
 * The catalogue knows cache read/write prices, long-context tiers and prices by date.
 */
export function cataloguePrice(usage: ChatUsage, modelId: string, provider: CatalogueProvider, at: Date): number | undefined {
  // An endpoint the catalogue does not know (a local server, a private gateway) has no price: never guess.
  if ('providerApiUrl' in provider && !findProvider({ providerApiUrl: provider.providerApiUrl })) return undefined;
  const result = calcPrice(
    {
      input_tokens: usage.inputTokens,
      cache_read_tokens: usage.cacheReadTokens ?? 0,
      cache_write_tokens: usage.cacheWriteTokens ?? 0,
      output_tokens: usage.outputTokens,
    },
    modelId,
    { ...provider, timestamp: at },
  );
  return result ? result.total_price : undefined;
}

