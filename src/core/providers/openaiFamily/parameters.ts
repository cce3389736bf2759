import { APIError } from 'openai';

/**
 * Two parameter sets for the output budget and sampling:
 * - `classic`: `max_tokens` + `temperature` (gpt-4o and older, and what local servers such as Ollama document);
 * - `reasoning`: `max_completion_tokens` and no `temperature` (o-series and gpt-5 reject the others with a 400).
 */
export type ParameterStyle = 'classic' | 'reasoning';

/** o1, o3-mini, o4-mini, gpt-5, gpt-5.2-chat-latest…, also behind a gateway prefix such as "openai/". */
export function isReasoningModelId(modelId: string): boolean {
  const id = modelId.toLowerCase().replace(/^.*\//, '').replace(/^ft:/, '');
  return /^o\d+(-|$)/.test(id) || /^gpt-5/.test(id);
}

export function parameterStyleFor(modelId: string): ParameterStyle {
  return isReasoningModelId(modelId) ? 'reasoning' : 'classic';
}

export interface BudgetParameters {
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
}

/** The request fields for an output budget and temperature in the given style (undefined values are left out). */
export function budgetParameters(style: ParameterStyle, maxOutputTokens: number | undefined, temperature: number | undefined): BudgetParameters {
  if (style === 'reasoning') return maxOutputTokens !== undefined ? { max_completion_tokens: maxOutputTokens } : {};
  return {
    ...(maxOutputTokens !== undefined ? { max_tokens: maxOutputTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
}

const STYLE_PARAMS = new Set(['max_tokens', 'max_completion_tokens', 'temperature', 'top_p']);

/**
 * True for a 400 that rejects one of the style-dependent parameters, e.g.
 * `unsupported_parameter` (param max_tokens) or `unsupported_value` (param temperature).
 */
export function isUnsupportedParameterError(err: unknown): boolean {
  if (!(err instanceof APIError) || err.status !== 400) return false;
  const code = typeof err.code === 'string' ? err.code : '';
  const param = typeof err.param === 'string' ? err.param : '';
  if ((code === 'unsupported_parameter' || code === 'unsupported_value') && STYLE_PARAMS.has(param)) return true;
  // Servers without codes still name the parameter in the message.
  return !code && /unsupported|not supported/i.test(err.message) && /max_tokens|max_completion_tokens|temperature/.test(err.message);
}

export function otherStyle(style: ParameterStyle): ParameterStyle {
  return style === 'classic' ? 'reasoning' : 'classic';
}

/**
 * Runs `call` with the expected style; when the server rejects a style-dependent parameter,
 * retries once with the other set (model ids do not always reveal a reasoning model).
 */
export async function withParameterStyleFallback<T>(first: ParameterStyle, call: (style: ParameterStyle) => Promise<T>): Promise<T> {
  try {
    return await call(first);
  } catch (err) {
    if (!isUnsupportedParameterError(err)) throw err;
    return call(otherStyle(first));
  }
}
