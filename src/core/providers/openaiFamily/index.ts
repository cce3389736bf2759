/** Shared code of the OpenAI-family runtimes (OpenAI, Azure OpenAI, OpenAI-compatible). */
export { createOpenAIClient, customHeadersFromEnvRemoved, type OpenAIClientOptions } from './client';
export { classifyOpenAIError, abortKind, rateLimitWaitSeconds, type OpenAIErrorContext } from './classifyError';
export { OpenAIToolNames, toChatCompletionMessages, toChatCompletionTools, toChatCompletionToolChoice, imageDataUrl, type MessageConversionOptions } from './messages';
export {
  isReasoningModelId,
  parameterStyleFor,
  budgetParameters,
  isUnsupportedParameterError,
  otherStyle,
  withParameterStyleFallback,
  type ParameterStyle,
  type BudgetParameters,
} from './parameters';
export { chatEventsFromChunks, ToolArgumentsError } from './streamEvents';
export { streamChatCompletion, type ChatCompletionStreamInput } from './streamChat';
export { countOpenAITokens } from './tokens';
export { listOpenAIModels, sendTinyChatCompletion, type CallResult, type ListedModel, type VerifyCallOptions } from './verifyCalls';
