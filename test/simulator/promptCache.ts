/**
 * Providers cache the start of a prompt they saw recently (OpenAI, Azure and Gemini implicitly,
 * Anthropic and Bedrock where the request marks a cache point). The simulator keeps no state
 * between requests, so it stands in for that rule: a request that continues a conversation (it
 * carries an earlier assistant turn) has half of its prompt read from the cache, the first turn
 * none. Each provider reports that share in its own usage fields.
 */
export function cachedPromptTokens(promptTokens: number, continuesConversation: boolean): number {
  return continuesConversation ? Math.floor(promptTokens / 2) : 0;
}

/** Anthropic and Bedrock write the cache on the first turn of a request that marks a cache point. */
export function cacheWriteTokens(promptTokens: number, continuesConversation: boolean, marksCachePoint: boolean): number {
  return marksCachePoint && !continuesConversation ? Math.floor(promptTokens / 2) : 0;
}
