import type { ChatRequest } from '../chat/types';
import { priceAnswer, type CatalogueLookup, type ModelPrice, type PricedModel } from './prices';

/**
 * What a request sends as text, joined for one token count: the messages (text, tool calls and
 * their results) and the tool definitions, which are large in agent mode. Images are left out
 * (a few hundred tokens each).
 */
export function promptText(request: Pick<ChatRequest, 'messages' | 'tools'>): string {
  const parts: string[] = [];
  for (const message of request.messages) {
    for (const part of message.parts) {
      if (part.type === 'text') parts.push(part.text);
      else if (part.type === 'toolResult') parts.push(part.content);
      else if (part.type === 'toolCall') parts.push(`${part.name} ${JSON.stringify(part.input)}`);
    }
  }
  for (const tool of request.tools ?? []) parts.push(`${tool.name}\n${tool.description}\n${JSON.stringify(tool.inputSchema ?? {})}`);
  return parts.join('\n');
}

/**
 * What a request's prompt alone is estimated to cost (its token count, by the provider's own
 * counter, at the model's input price), when that is more than `askAboveUsd`: the user asked to
 * confirm such requests. Undefined when it is not, or when no price is known (no guessed figure).
 */
export async function costToConfirm(
  request: Pick<ChatRequest, 'messages' | 'tools'>,
  countTokens: (text: string) => Promise<number>,
  model: PricedModel,
  prices: { overrides: Record<string, ModelPrice>; catalogue: CatalogueLookup | undefined },
  askAboveUsd: number,
  at: Date,
): Promise<{ inputTokens: number; usd: number } | undefined> {
  const inputTokens = await countTokens(promptText(request));
  const { usd } = priceAnswer({ inputTokens, outputTokens: 0 }, model, prices.overrides, prices.catalogue, at);
  return usd !== undefined && usd > askAboveUsd ? { inputTokens, usd } : undefined;
}
