import type { ModelInfo } from '../../verify/result';
import { openAIModelCapabilities } from '../openaiFamily/modelCapabilities';

/**
 * GET /v1/models lists every model of the account: embeddings, audio, images, moderation.
 * Only chat-capable families belong in the chat model picker.
 */
const NOT_CHAT = /(embedding|whisper|tts|dall-e|gpt-image|moderation|davinci|babbage|audio|realtime|transcribe|search|computer-use|sora|instruct)/i;
const CHAT = /^(ft:)?(gpt-|chatgpt-|o\d|codex-)/i;

/**
 * `knownFamiliesOnly`: on api.openai.com only OpenAI's chat families count; a proxy behind a
 * custom base URL may serve other ids (e.g. "claude-sonnet-4"), so there only the known
 * non-chat models are left out.
 */
export function isChatModelId(id: string, knownFamiliesOnly = true): boolean {
  return !NOT_CHAT.test(id) && (!knownFamiliesOnly || CHAT.test(id));
}

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
