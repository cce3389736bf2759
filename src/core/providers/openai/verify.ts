import { providerError } from '../../errors/providerError';
import { text, type LocalizableText } from '../../text';
import type { StageResult, VerifyOutcome } from '../../verify/result';
import { listOpenAIModels, parameterStyleFor, sendTinyChatCompletion, type VerifyCallOptions } from '../openaiFamily';
import type { CallContext, VerifyOptions } from '../types';
import { selectChatModels } from '../openaiFamily/chatModelIds';
import { isOpenAIHost, openAIModelInfo } from './models';
import type { OpenAISettings } from './definition';
import { openAIHints } from './hints';
import { OPENAI_DISPLAY_NAME, openAIClientFor } from './client';

function chatModelsLabel(chat: number, leftOut: number): LocalizableText {
  if (leftOut === 0) return text('{0} chat models visible', chat);
  return leftOut === 1
    ? text('{0} chat models visible (1 other left out: an embedding, audio, image, moderation or legacy model)', chat)
    : text('{0} chat models visible ({1} others left out: embeddings, audio, image, moderation or legacy models)', chat, leftOut);
}

/**
 * Stage 1 (free): GET /models proves the key and lists the models it can see.
 * Stage 2 (optional, ~9 tokens): a 1-token chat call proves quota and access to one model.
 */
export async function verifyOpenAI(ctx: CallContext, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const secrets = Object.values(ctx.secrets);
  const provider = OPENAI_DISPLAY_NAME;
  if (!ctx.secrets.apiKey) {
    return { ok: false, stages: [], proven: {}, models: [], error: providerError('missing_credentials', { provider, secrets }) };
  }
  const client = openAIClientFor(ctx, ctx.timeoutMs);
  const call = (step: string, model?: string): VerifyCallOptions => ({ signal: ctx.signal, timeoutMs: ctx.timeoutMs, errors: { provider, secrets, step, hints: openAIHints(model) } });
  const stages: StageResult[] = [];

  const listed = await listOpenAIModels(client, call('GET /models'));
  if (!listed.ok) {
    stages.push({ id: 'key', ok: false, label: text('API key check (GET /models)'), latencyMs: listed.latencyMs });
    return { ok: false, stages, proven: {}, models: [], error: listed.error };
  }
  stages.push({ id: 'key', ok: true, label: text('API key accepted (GET /models)'), latencyMs: listed.latencyMs });
  // Whatever the base URL (api.openai.com or a gateway in front of it), embeddings, audio, image and legacy models stay out of chat.
  const { chat, leftOut } = selectChatModels(listed.value, { knownFamiliesOnly: isOpenAIHost((ctx.settings as OpenAISettings).baseUrl) });
  const chatIds = chat.map((m) => m.id).sort();
  const models = chatIds.map(openAIModelInfo);
  const proven = { keyValid: true, modelsVisible: chatIds.length, modelsLeftOut: leftOut.length };
  stages.push({ id: 'models', ok: chatIds.length > 0, label: chatModelsLabel(chatIds.length, leftOut.length), latencyMs: 0 });
  if (chatIds.length === 0) {
    const error = providerError('model_access_not_enabled', {
      provider,
      secrets,
      step: 'GET /models',
      message: listed.value.length ? `The key sees ${listed.value.length} models, none of them chat models.` : 'The key sees no models.',
      hint: text('The key works but cannot see any chat model. In the OpenAI dashboard, check the project’s model permissions (Settings > Project > Limits) or use a key of another project.'),
    });
    return { ok: false, stages, proven, models, error };
  }

  if (!options.modelId) return { ok: true, stages, proven, models };
  const modelId = options.modelId;
  const invoked = await sendTinyChatCompletion(client, modelId, parameterStyleFor(modelId), call(`chat ${modelId}`, modelId));
  stages.push({ id: 'invoke', ok: invoked.ok, label: text('1-token chat request to {0}', modelId), latencyMs: invoked.latencyMs });
  if (!invoked.ok) return { ok: false, stages, proven, models, error: invoked.error };
  return { ok: true, stages, proven: { ...proven, modelInvocable: modelId }, models };
}
