import type { ChatRequest } from '../chat/types';
import { priceAnswer, type CatalogueLookup, type ModelPrice, type PricedModel } from './prices';

/**
 * About how many input tokens a request sends, counted here with a BPE tokenizer (o200k, as
 * OpenAI's current models; other providers' counts differ by some percent), so asking before a
 * large request costs no call. Counts the messages and the tool definitions (large in agent mode);
 * an image counts as a small one would (~258 to ~1,100 tokens depending on the provider).
 */
export async function estimatePromptTokens(request: Pick<ChatRequest, 'messages' | 'tools'>): Promise<number> {
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
  const IMAGE_TOKENS = 765;
  let total = 0;
  for (const message of request.messages) {
    for (const part of message.parts) {
      if (part.type === 'text') total += countTokens(part.text);
      else if (part.type === 'toolResult') total += countTokens(part.content);
      else if (part.type === 'toolCall') total += countTokens(part.name + JSON.stringify(part.input));
      else total += IMAGE_TOKENS;
    }
  }
  for (const tool of request.tools ?? []) total += countTokens(`${tool.name}\n${tool.description}\n${JSON.stringify(tool.inputSchema ?? {})}`);
  return total;
}

/**
 * What a request's prompt alone is estimated to cost, when that is more than `askAboveUsd` (the
 * user asked to confirm such requests); undefined when it is not, or when no price is known (no
 * estimate is shown as a guess).
 */
export async function costToConfirm(
  request: Pick<ChatRequest, 'messages' | 'tools'>,
  model: PricedModel,
  prices: { overrides: Record<string, ModelPrice>; catalogue: CatalogueLookup | undefined },
  askAboveUsd: number,
  at: Date,
): Promise<{ inputTokens: number; usd: number } | undefined> {
  const inputTokens = await estimatePromptTokens(request);
  const { usd } = priceAnswer({ inputTokens, outputTokens: 0 }, model, prices.overrides, prices.catalogue, at);
  return usd !== undefined && usd > askAboveUsd ? { inputTokens, usd } : undefined;
}
