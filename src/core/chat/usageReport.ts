/**
 * The token usage of one answer as the chat's context-window meter reads it: Copilot Chat
 * (0.67, VS Code 1.139) takes a `LanguageModelDataPart` with MIME type `usage` from a provider's
 * response, JSON-decodes it and accepts it only when `prompt_tokens`, `completion_tokens` and
 * `total_tokens` are numbers (OpenAI's usage shape; `prompt_tokens_details.cached_tokens` optional).
 */
export const USAGE_MIME_TYPE = 'usage';

export interface ChatUsageReport {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function chatUsageReport(inputTokens: number, outputTokens: number): ChatUsageReport {
  const prompt = Math.max(0, Math.round(inputTokens));
  const completion = Math.max(0, Math.round(outputTokens));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
