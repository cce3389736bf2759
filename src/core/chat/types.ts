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
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  /** Expected provider failures end the stream as a value, classified like verification errors. */
  | { type: 'error'; error: ProviderError };
