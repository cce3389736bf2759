import type OpenAI from 'openai';
import type { ErrorKind, ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { text, type LocalizableText } from '../../text';
import type { GatewayBudget, ModelInfo, Proven, StageResult, VerifyOutcome } from '../../verify/result';
import { classifyOpenAIError, listOpenAIModels, sendTinyChatCompletion, type VerifyCallOptions } from '../openaiFamily';
import type { CallContext, VerifyOptions } from '../types';
import { selectChatModels } from '../openaiFamily/chatModelIds';
import { compatibleModelInfo, configuredModelInfo, isPublicCatalogue } from './models';
import { liteLlmKeyBudget, openRouterKeyBudget } from './gatewayBudget';
import { compatibleCall, compatibleClientFor, explainMissingKey, type CompatibleCall } from './client';

function failure(ctx: CallContext, call: CompatibleCall) {
  return (stages: StageResult[], proven: Proven, models: ModelInfo[], error: ProviderError): VerifyOutcome => ({
    ok: false,
    stages,
    proven,
    models,
    error: explainMissingKey(error, ctx, call),
  });
}

/** GET {base}/key (OpenRouter): the only free call that proves a key where the catalogue is public. Its answer carries the key's limit. */
async function checkKey(client: OpenAI, o: VerifyCallOptions): Promise<{ ok: true; latencyMs: number; body: unknown } | { ok: false; error: ProviderError; latencyMs: number }> {
  const started = performance.now();
  try {
    const body: unknown = await client.get('/key', { signal: o.signal, timeout: o.timeoutMs, maxRetries: 0 });
    return { ok: true, latencyMs: Math.round(performance.now() - started), body };
  } catch (err) {
    return { ok: false, error: classifyOpenAIError(err, { ...o.errors, signal: o.signal }), latencyMs: Math.round(performance.now() - started) };
  }
}

/**
 * A LiteLLM proxy keeps a budget per virtual key at {root}/key/info (the base URL without /v1).
 * Asked only of a key-protected server with a private model list (what a LiteLLM proxy is); any
 * other server's answer (404, a page) is simply no budget, never a failed Verify.
 */
async function liteLlmBudget(ctx: CallContext, call: CompatibleCall, o: VerifyCallOptions): Promise<GatewayBudget | undefined> {
  const root = call.settings.baseUrl.replace(/\/+$/, '').replace(/\/v1$/i, '');
  const made = compatibleClientFor(ctx, { ...call, settings: { ...call.settings, baseUrl: root } }, ctx.timeoutMs);
  if ('error' in made) return undefined;
  try {
    return liteLlmKeyBudget(await made.client.get('/key/info', { signal: o.signal, timeout: o.timeoutMs, maxRetries: 0 }));
  } catch {
    return undefined;
  }
}

/** Answers that mean "no OpenAI-style API at this address": a 404, a web page, a body that is not a model list. */
const NO_LIST_HERE = new Set<ErrorKind>(['wrong_base_url', 'unexpected_response']);

function listedLabel(chat: number, leftOut: number): LocalizableText {
  if (leftOut === 0) return text('Server reachable, {0} models listed (GET /models)', chat);
  return leftOut === 1
    ? text('Server reachable, {0} chat models listed, 1 other left out (an embedding, audio, image, moderation or legacy model) (GET /models)', chat)
    : text('Server reachable, {0} chat models listed, {1} others left out: embeddings, audio, image, moderation or legacy models (GET /models)', chat, leftOut);
}

/**
 * The base URL lacks a version path (http://localhost:11434) and has no model list: when
 * {base}/v1/models answers with one, the error says so and carries the corrected base URL,
 * so the page can offer it in one click. The same origin, so the key may go there.
 */
async function modelListBelowV1(ctx: CallContext, call: CompatibleCall, o: VerifyCallOptions, listError: ProviderError): Promise<ProviderError | undefined> {
  const base = call.settings.baseUrl.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  if (/\/v\d+(?:beta\d*|alpha\d*)?$/i.test(url.pathname) || url.username || url.password || url.search) return undefined;
  const candidate = `${base}/v1`;
  const made = compatibleClientFor(ctx, { ...call, settings: { ...call.settings, baseUrl: candidate } }, ctx.timeoutMs);
  if ('error' in made) return undefined;
  const probe = await listOpenAIModels(made.client, o);
  if (!probe.ok || probe.value.length === 0) return undefined;
  return providerError('wrong_base_url', {
    provider: call.provider,
    secrets: call.secrets,
    step: 'GET /models',
    status: listError.status,
    message: `No model list at ${base}/models.`,
    hint: text('There is no model list at {0}. The server’s API answers at {1}: use that as the base URL.', base, candidate),
    fix: { kind: 'useBaseUrl', baseUrl: candidate },
  });
}

/**
 * Stage 1: GET {base}/models shows the server is there and which models it serves.
 * When the server has no list (404) or an empty one, the user's configured model ids stand
 * in, and a 1-token chat call on one of them must then prove the endpoint works.
 * OpenRouter-style public catalogues get a key check (GET /key).
 */
export async function verifyCompatible(ctx: CallContext, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const call: CompatibleCall = compatibleCall(ctx);
  const { provider, secrets, settings } = call;
  const fail = failure(ctx, call);
  const made = compatibleClientFor(ctx, call, ctx.timeoutMs);
  if ('error' in made) return fail([], {}, [], made.error);
  const { client } = made;
  const opts = (step: string): VerifyCallOptions => ({ signal: ctx.signal, timeoutMs: ctx.timeoutMs, errors: { provider, secrets, step } });
  const configured = settings.models.map(configuredModelInfo);
  const stages: StageResult[] = [];
  let proven: Proven = {};
  let gatewayBudget: GatewayBudget | undefined;

  const listed = await listOpenAIModels(client, opts('GET /models'));
  // Embeddings, audio and the like are listed too (LM Studio: text-embedding-nomic-embed-text-v1.5); they cannot chat.
  const { chat: listedChat, leftOut } = listed.ok ? selectChatModels(listed.value) : { chat: [], leftOut: [] };
  let models: ModelInfo[];
  if (listedChat.length > 0) {
    models = listedChat.map(compatibleModelInfo);
    // Configured ids the list does not show (e.g. LM Studio's not-yet-loaded models) are offered too.
    for (const extra of configured) if (!models.some((m) => m.id === extra.id)) models.push(extra);
    proven = { modelsVisible: listedChat.length, modelsLeftOut: leftOut.length };
    stages.push({ id: 'models', ok: true, label: listedLabel(listedChat.length, leftOut.length), latencyMs: listed.latencyMs });
  } else {
    const noList = listed.ok || NO_LIST_HERE.has(listed.error.kind);
    if (!noList) {
      stages.push({ id: 'models', ok: false, label: text('Model list (GET /models)'), latencyMs: listed.latencyMs });
      return fail(stages, proven, [], (listed as { error: ProviderError }).error);
    }
    stages.push({
      id: 'models',
      ok: false,
      label: listed.ok ? text('The server lists no chat models (GET /models)') : text('The server has no model list (GET /models)'),
      latencyMs: listed.latencyMs,
    });
    if (!listed.ok) {
      // Most Ollama and LM Studio users first paste the server's address without /v1.
      const moved = await modelListBelowV1(ctx, call, opts('GET /v1/models'), listed.error);
      if (moved) return fail(stages, proven, [], moved);
    }
    if (configured.length === 0) {
      const error = listed.ok
        ? providerError('model_not_found', {
            provider,
            secrets,
            step: 'GET /models',
            message: leftOut.length ? `The server lists ${leftOut.length} models, none of them for chat (embeddings, audio, image…).` : 'The server lists no models.',
            hint: text('{0} serves no models yet. Load or pull one on the server (for Ollama: ollama pull llama3.2), or enter model ids in Models.', provider),
          })
        : {
            ...listed.error,
            hint: text('{0} has no model list at {1}/models. Check the base URL (it usually ends in /v1), or enter the model ids this server serves.', provider, settings.baseUrl),
          };
      return fail(stages, proven, [], error);
    }
    models = configured;
  }

  if (listed.ok && isPublicCatalogue(listed.value)) {
    if (!ctx.secrets.apiKey) {
      const error = providerError('missing_credentials', {
        provider,
        secrets,
        step: 'GET /key',
        message: 'The model list is public; chatting needs an API key.',
        hint: text('{0} lists its models without a key, but chat requests need one. Enter the API key and Verify.', provider),
      });
      return fail(stages, proven, models, error);
    }
    const key = await checkKey(client, opts('GET /key'));
    stages.push({ id: 'key', ok: key.ok, label: text('API key accepted (GET /key)'), latencyMs: key.latencyMs });
    if (!key.ok) return fail(stages, proven, models, key.error);
    proven = { ...proven, keyValid: true };
    gatewayBudget = openRouterKeyBudget(key.body);
  } else if (listed.ok && ctx.secrets.apiKey) {
    gatewayBudget = await liteLlmBudget(ctx, call, opts('GET /key/info'));
  }
  const withBudget = <T extends VerifyOutcome>(outcome: T): T => (gatewayBudget ? { ...outcome, gatewayBudget } : outcome);

  // Without a usable list, only a real chat call proves the endpoint serves a configured model.
  const modelId = options.modelId ?? (listedChat.length > 0 ? undefined : configured[0]?.id);
  if (!modelId) return withBudget({ ok: true, stages, proven, models });
  const invoked = await sendTinyChatCompletion(client, modelId, 'classic', opts(`chat ${modelId}`));
  stages.push({ id: 'invoke', ok: invoked.ok, label: text('1-token chat request to {0}', modelId), latencyMs: invoked.latencyMs });
  if (!invoked.ok) return fail(stages, proven, models, invoked.error);
  return withBudget({ ok: true, stages, proven: { ...proven, modelInvocable: modelId }, models });
}
