import type Anthropic from '@anthropic-ai/sdk';
import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { text } from '../../text';
import type { ModelInfo, Proven, StageResult, VerifyOutcome } from '../../verify/result';
import type { CallContext, VerifyOptions } from '../types';
import { anthropicSettings, createAnthropicClient } from './client';
import { classifyAnthropicError, PROVIDER, unexpectedBody, type ErrorContext } from './classifyError';
import { listAnthropicModels } from './models';

const LIST_STEP = 'GET /v1/models';
const INVOKE_STEP = 'POST /v1/messages';

function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

/**
 * Stage 1 (free): `GET /v1/models` proves the key and lists the models it may use.
 * Stage 2 (only with `options.modelId`, about 10 tokens): a 1-token message, the one call
 * that also proves billing (an empty credit balance passes stage 1 but fails here).
 */
export async function verifyAnthropic(ctx: CallContext, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const secrets = Object.values(ctx.secrets);
  const settings = anthropicSettings(ctx.settings);
  const apiKey = ctx.secrets['apiKey'];
  if (!settings) {
    return failure([], {}, providerError('invalid_configuration', { provider: PROVIDER, message: 'Anthropic settings are invalid', secrets }));
  }
  if (!apiKey) {
    return failure([], {}, providerError('missing_credentials', { provider: PROVIDER, message: 'No API key is stored', secrets }));
  }
  const client = createAnthropicClient(settings, apiKey, ctx.timeoutMs, ctx.inProcessFetch);
  const call = { signal: ctx.signal, timeout: ctx.timeoutMs };

  const stages: StageResult[] = [];
  const proven: Proven = {};
  const listCtx: ErrorContext = { signal: ctx.signal, secrets, step: LIST_STEP };
  let models: ModelInfo[];
  const listStarted = performance.now();
  try {
    const listing = await listAnthropicModels(client, call);
    if (!listing.ok) {
      stages.push({ id: 'models', ok: false, label: text('API key check (GET /v1/models)'), latencyMs: elapsed(listStarted) });
      return failure(stages, proven, unexpectedBody(listing.body, listCtx, LIST_STEP));
    }
    models = listing.models;
  } catch (err) {
    stages.push({ id: 'models', ok: false, label: text('API key check (GET /v1/models)'), latencyMs: elapsed(listStarted) });
    return failure(stages, proven, classifyAnthropicError(err, listCtx));
  }
  proven.keyValid = true;
  proven.modelsVisible = models.length;
  if (models.length === 0) {
    // The key works, but a check that shows nothing usable is not a success.
    stages.push({ id: 'models', ok: false, label: text('API key accepted, but no models are visible (GET /v1/models)'), latencyMs: elapsed(listStarted) });
    return failure(stages, proven, providerError('model_access_not_enabled', {
      provider: PROVIDER,
      secrets,
      step: LIST_STEP,
      message: 'The model list is empty',
      hint: text('Anthropic accepted the key but lists no models for it. Check the key’s workspace and organization at console.anthropic.com.'),
    }), models);
  }
  stages.push({ id: 'models', ok: true, label: text('API key accepted; {0} models visible (GET /v1/models)', models.length), latencyMs: elapsed(listStarted) });

  if (options.modelId) {
    const modelId = options.modelId;
    const invokeStarted = performance.now();
    try {
      const answer: unknown = await client.messages.create({ model: modelId, max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] }, call);
      if ((answer as { type?: unknown } | null)?.type !== 'message') {
        stages.push({ id: 'invoke', ok: false, label: text('1-token request to {0} (POST /v1/messages)', modelId), latencyMs: elapsed(invokeStarted) });
        return failure(stages, proven, unexpectedBody(answer, { signal: ctx.signal, secrets, step: INVOKE_STEP, modelId }, INVOKE_STEP), models);
      }
      proven.modelInvocable = modelId;
      stages.push({ id: 'invoke', ok: true, label: text('{0} answered a 1-token request (POST /v1/messages)', modelId), latencyMs: elapsed(invokeStarted) });
    } catch (err) {
      stages.push({ id: 'invoke', ok: false, label: text('1-token request to {0} (POST /v1/messages)', modelId), latencyMs: elapsed(invokeStarted) });
      return failure(stages, proven, classifyAnthropicError(err, { signal: ctx.signal, secrets, step: INVOKE_STEP, modelId }), models);
    }
  }
  return { ok: true, stages, proven, models };
}

function failure(stages: StageResult[], proven: Proven, error: ProviderError, models: ModelInfo[] = []): VerifyOutcome {
  return { ok: false, stages, proven, models, error };
}
