import type { ModelInfo } from '../../verify/result';
import { openAIModelCapabilities } from '../openaiFamily/modelCapabilities';

export function isOpenAIHost(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

/**
 * The list gives only ids; the family is the id without a date or snapshot suffix, and the
 * capabilities are OpenAI's documented ones for the family. A chat id the table does not know
 * yet (a new family, or another vendor's model behind a proxy) is offered with tool calling:
 * every current OpenAI chat family has it, and Agent mode lists only models that do.
 */
export function openAIModelInfo(id: string): ModelInfo {
  const family = id.replace(/^ft:/, '').replace(/:.*$/, '').replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return { id, name: id, family, ...(openAIModelCapabilities(id) ?? { toolCalling: true }) };
}
