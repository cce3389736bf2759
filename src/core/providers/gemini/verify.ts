import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { text } from '../../text';
import type { ModelInfo, Proven, StageResult, VerifyOutcome } from '../../verify/result';
import type { CallContext, VerifyOptions } from '../types';
import { classifyGeminiError, PROVIDER } from './classifyError';
import { createGeminiClient, geminiSettings } from './client';
import { listGeminiChatModels } from './models';

const LIST_STEP = 'GET /v1beta/models';
const countStep = (modelId: string) => `POST /v1beta/models/${modelId}:countTokens`;

function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

/**
 * Stage 1 (free): `GET /v1beta/models` proves the key (a bad one is a 400 API_KEY_INVALID) and
 * lists the models that can chat. Stage 2 (only with `options.modelId`, free): `countTokens` on
 * that model proves the key may use it. Neither proves generation quota; the labels say so.
 */
export async function verifyGemini(ctx: CallContext, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const secrets = Object.values(ctx.secrets);
  const settings = geminiSettings(ctx.settings);
  const apiKey = ctx.secrets['apiKey'];
  if (!settings) {
    return failure([], {}, providerError('invalid_configuration', { provider: PROVIDER, message: 'Gemini settings are invalid', secrets }));
  }
  if (!apiKey) {
    return failure([], {}, providerError('missing_credentials', { provider: PROVIDER, message: 'No API key is stored', secrets }));
  }
  const client = createGeminiClient(settings, apiKey, ctx.timeoutMs, ctx.inProcessFetch);
  const stages: StageResult[] = [];
  const proven: Proven = {};

  let models: ModelInfo[];
  const listStarted = performance.now();
  try {
    const listing = await listGeminiChatModels(client, { signal: ctx.signal, timeoutMs: ctx.timeoutMs });
    models = listing.chat;
  } catch (err) {
    stages.push({ id: 'models', ok: false, label: text('API key check (GET /v1beta/models)'), latencyMs: elapsed(listStarted) });
    return failure(stages, proven, classifyGeminiError(err, { signal: ctx.signal, secrets, step: LIST_STEP }));
  }
  proven.keyValid = true;
  proven.modelsVisible = models.length;
  if (models.length === 0) {
    // The key works, but a check that shows nothing to chat with is not a success.
    stages.push({ id: 'models', ok: false, label: text('API key accepted, but no chat models are visible (GET /v1beta/models)'), latencyMs: elapsed(listStarted) });
    return failure(stages, proven, providerError('model_access_not_enabled', {
      provider: PROVIDER,
      secrets,
      step: LIST_STEP,
      message: 'The model list has no model that supports generateContent',
      hint: text('Google accepted the key but lists no Gemini chat models for it. Check the key’s project at aistudio.google.com, and that the base URL is the Gemini API.'),
    }));
  }
  stages.push({ id: 'models', ok: true, label: text('API key accepted; {0} chat models visible (GET /v1beta/models)', models.length), latencyMs: elapsed(listStarted) });

  if (options.modelId) {
    const modelId = options.modelId;
    const started = performance.now();
    try {
      const answer = await client.models.countTokens({
        model: modelId,
        contents: 'Hi',
        config: { abortSignal: ctx.signal, httpOptions: { timeout: ctx.timeoutMs } },
      });
      if (typeof answer?.totalTokens !== 'number') {
        stages.push({ id: 'invoke', ok: false, label: text('Token count on {0} (countTokens, free)', modelId), latencyMs: elapsed(started) });
        return failure(stages, proven, providerError('unexpected_response', { provider: PROVIDER, secrets, step: countStep(modelId), message: 'countTokens answered without totalTokens' }), models);
      }
      proven.modelReachable = modelId; // countTokens generates nothing: quota is not proven
      stages.push({ id: 'invoke', ok: true, label: text('{0} accepted a token count request (countTokens, free; generation quota not checked)', modelId), latencyMs: elapsed(started) });
    } catch (err) {
      stages.push({ id: 'invoke', ok: false, label: text('Token count on {0} (countTokens, free)', modelId), latencyMs: elapsed(started) });
      return failure(stages, proven, classifyGeminiError(err, { signal: ctx.signal, secrets, step: countStep(modelId), modelId }), models);
    }
  }
  return { ok: true, stages, proven, models };
}

function failure(stages: StageResult[], proven: Proven, error: ProviderError, models: ModelInfo[] = []): VerifyOutcome {
  return { ok: false, stages, proven, models, error };
}
