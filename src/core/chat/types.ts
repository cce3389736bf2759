import type { ProviderError } from '../errors/errorKind';

/** Editor-neutral chat types; the host converts VS Code's LanguageModelChat* values to these. */
export type ChatPart =
  | { type: 'text'; text: string }
  | { type: 'image'; mimeType: string; data: Uint8Array }
  | { type: 'toolCall'; callId: string; name: string; input: Record<string, unknown> }
  | { type: 'toolResult'; callId: string; content: string; isError?: boolean };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  parts: ChatPart[];
}

export interface ChatTool {
  name: string;
  description: string;
  /** JSON schema of the tool's input, as the editor gave it. */
  inputSchema?: Record<string, unknown>;
}

export interface ChatRequest {
  /** ModelInfo.id of the selected model. */
  modelId: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  toolMode?: 'auto' | 'required';
  maxOutputTokens?: number;
  temperature?: number;
}

export type ChatEvent =
  | { type: 'text'; text: string }
  | { type: 'toolCall'; callId: string; name: string; input: Record<string, unknown> }
  | ({ type: 'usage' } & ChatUsage)
  /** Expected provider failures end the stream as a value, classified like verification errors. */
  | { type: 'error'; error: ProviderError };

/** Tokens of one answer as the provider reported them, in the same sense for every provider. */
export interface ChatUsage {
  /** The whole prompt, cached parts included. */
  inputTokens: number;
  /** The whole answer, reasoning included (reasoning is billed as output). */
  outputTokens: number;
  /** Part of inputTokens read from the provider's prompt cache. */
  cacheReadTokens?: number;
  /** Part of inputTokens written to the provider's prompt cache. */
  cacheWriteTokens?: number;
  /** Part of outputTokens spent on reasoning. */
  reasoningTokens?: number;
  /** What the provider says the answer cost, in USD (OpenRouter and similar gateways). */
  reportedCostUsd?: number;
}
