import { answerTransportScenario, sendJson } from '../scenario';
import { prepare } from '../server';
import type { RouteModule, SimRequest, SimResponse, SimulatorState } from '../types';
import { answerChatCompletion } from './openaiCompletions';
import { LM_STUDIO_MODEL_LIST, OPENAI_FULL_LIST_CHAT_IDS, OPENAI_FULL_MODEL_LIST } from './openaiCatalogue';
import { bearerOf, requestId, scenarioError, sendError, type CallKind, type OpenAIFlavor } from './openaiErrors';

/**
 * OpenAI-compatible servers, each under its own path prefix:
 * - `/ollama/v1/…`: Ollama (no auth at all, pulled models listed, `owned_by: library`);
 * - `/openrouter/api/v1/…`: OpenRouter (public model catalogue with metadata, key checked by `/key` and chat,
 *   numeric error codes);
 * - `/gateway/v1/…`: a company gateway without a model list (GET /models is 404), key required;
 * - `/openai-gateway/v1/…`: a company gateway in front of OpenAI, passing on OpenAI's full model list, key required;
 * - `/header-stripping-proxy/v1/…`: OpenAI behind a proxy that removes the Authorization header;
 * - `/lmstudio/v1/…`: LM Studio (no auth, a chat and an embedding model loaded);
 * - `/litellm/v1/…`: a LiteLLM proxy (key required, private model list), its key's budget at `/litellm/key/info`.
 * Below each server's root but outside its API (a base URL without `/v1`) each answers as the real server does:
 * Ollama a plain-text 404, LM Studio a 200 with an `error` text.
 * All record under the provider name "compatible"; scenarios come from a `sim-<scenario>` key or the override.
 */

const PROVIDER = 'compatible';

const OLLAMA_MODELS = [
  { id: 'llama3.2:latest', created: 1718141294 },
  { id: 'qwen2.5-coder:7b', created: 1731410123 },
  { id: 'gemma3:4b', created: 1741912345 },
];

/** Pulled models whose template declares no tool support: Ollama refuses requests with tools. */
const OLLAMA_WITHOUT_TOOLS = new Set(['gemma3:4b']);

function hasTools(req: SimRequest): boolean {
  const tools = (req.json as { tools?: unknown } | undefined)?.tools;
  return Array.isArray(tools) && tools.length > 0;
}

const OPENROUTER_MODELS = [
  {
    id: 'openai/gpt-4o-mini',
    canonical_slug: 'openai/gpt-4o-mini',
    name: 'OpenAI: GPT-4o-mini',
    created: 1721260800,
    context_length: 128000,
    architecture: { modality: 'text+image->text', input_modalities: ['text', 'image'], output_modalities: ['text'], tokenizer: 'GPT' },
    pricing: { prompt: '0.00000015', completion: '0.0000006' },
    top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: true },
    supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice', 'response_format'],
  },
  {
    id: 'anthropic/claude-sonnet-4.5',
    canonical_slug: 'anthropic/claude-4.5-sonnet-20250929',
    name: 'Anthropic: Claude Sonnet 4.5',
    created: 1759161676,
    context_length: 1000000,
    architecture: { modality: 'text+image->text', input_modalities: ['text', 'image', 'file'], output_modalities: ['text'], tokenizer: 'Claude' },
    pricing: { prompt: '0.000003', completion: '0.000015' },
    top_provider: { context_length: 1000000, max_completion_tokens: 64000, is_moderated: false },
    supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice', 'reasoning'],
  },
  {
    id: 'meta-llama/llama-3.3-70b-instruct:free',
    canonical_slug: 'meta-llama/llama-3.3-70b-instruct',
    name: 'Meta: Llama 3.3 70B Instruct (free)',
    created: 1733506137,
    context_length: 131072,
    architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Llama3' },
    pricing: { prompt: '0', completion: '0' },
    top_provider: { context_length: 131072, max_completion_tokens: null, is_moderated: false },
    supported_parameters: ['max_tokens', 'temperature', 'top_p'],
  },
];

const GATEWAY_MODELS = ['team-llama-70b', 'team-coder'];

/** What a LiteLLM proxy reports of a virtual key with a $50 monthly budget (GET /key/info). */
export const LITELLM_KEY_BUDGET = { spend: 12.5, max_budget: 50, budget_duration: '30d', budget_reset_at: '2027-01-01T00:00:00Z' };

/** An OpenRouter key with a $20 credit limit, half a dollar used (GET /api/v1/key). */
export const OPENROUTER_KEY_LIMIT = { limit: 20, limit_remaining: 19.5, usage: 0.5 };

interface Endpoint {
  flavor: OpenAIFlavor | 'lmstudio';
  /** The server's root; its API lives under `prefix`. */
  root: string;
  prefix: string;
  keyRequired: boolean;
  /** The catalogue is public: listing it proves nothing about the key. */
  publicList: boolean;
  hasList: boolean;
  models: string[];
  /** A proxy in front of OpenAI that strips the Authorization header: OpenAI then answers as to a request without a key. */
  dropsAuthorization?: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { flavor: 'ollama', root: '/ollama', prefix: '/ollama/v1', keyRequired: false, publicList: true, hasList: true, models: OLLAMA_MODELS.map((m) => m.id) },
  { flavor: 'openrouter', root: '/openrouter', prefix: '/openrouter/api/v1', keyRequired: true, publicList: true, hasList: true, models: OPENROUTER_MODELS.map((m) => m.id) },
  { flavor: 'openai', root: '/gateway', prefix: '/gateway/v1', keyRequired: true, publicList: false, hasList: false, models: GATEWAY_MODELS },
  { flavor: 'openai', root: '/openai-gateway', prefix: '/openai-gateway/v1', keyRequired: true, publicList: false, hasList: true, models: OPENAI_FULL_LIST_CHAT_IDS },
  {
    flavor: 'openai',
    root: '/header-stripping-proxy',
    prefix: '/header-stripping-proxy/v1',
    keyRequired: true,
    publicList: false,
    hasList: true,
    models: OPENAI_FULL_LIST_CHAT_IDS,
    dropsAuthorization: true,
  },
  { flavor: 'lmstudio', root: '/lmstudio', prefix: '/lmstudio/v1', keyRequired: false, publicList: true, hasList: true, models: LM_STUDIO_MODEL_LIST.map((m) => m.id) },
  { flavor: 'openai', root: '/litellm', prefix: '/litellm/v1', keyRequired: true, publicList: false, hasList: true, models: ['gpt-4o', 'claude-sonnet-4-5'] },
];

function routeOf(req: SimRequest): { endpoint: Endpoint; call: CallKind | 'keyInfo' | 'other'; model?: string } | undefined {
  const endpoint = ENDPOINTS.find((e) => req.path.startsWith(`${e.root}/`));
  if (!endpoint) return undefined;
  if (endpoint.root === '/litellm' && req.method === 'GET' && req.path === '/litellm/key/info') return { endpoint, call: 'keyInfo' };
  if (!req.path.startsWith(`${endpoint.prefix}/`)) return { endpoint, call: 'other' };
  const rest = req.path.slice(endpoint.prefix.length);
  if (req.method === 'GET' && rest === '/models') return { endpoint, call: 'list' };
  if (req.method === 'GET' && rest === '/key' && endpoint.flavor === 'openrouter') return { endpoint, call: 'key' };
  const retrieve = /^\/models\/(.+)$/.exec(rest);
  if (req.method === 'GET' && retrieve && endpoint.flavor === 'ollama') return { endpoint, call: 'retrieve', model: decodeURIComponent(retrieve[1]!) };
  if (req.method === 'POST' && rest === '/chat/completions') {
    const model = (req.json as { model?: unknown } | undefined)?.model;
    return { endpoint, call: 'infer', model: typeof model === 'string' ? model : undefined };
  }
  return { endpoint, call: 'other' };
}

function notFound(req: SimRequest, res: SimResponse, endpoint: Endpoint): void {
  // What sits behind each server when a path does not exist.
  if (endpoint.flavor === 'ollama') {
    // Ollama's router (gin) answers unknown paths with a plain-text 404.
    res.writeHead(404, { 'content-type': 'text/plain' });
    return void res.end('404 page not found');
  }
  if (endpoint.flavor === 'lmstudio') {
    // LM Studio answers unknown paths with 200 and an error text (github.com/lmstudio-ai/lmstudio-bug-tracker/issues/618).
    return void sendJson(res, 200, { error: `Unexpected endpoint or method. (${req.method} ${req.path.slice(endpoint.root.length)})` });
  }
  sendJson(res, 404, { detail: 'Not Found' });
}

function unauthorized(res: SimResponse, endpoint: Endpoint): void {
  if (endpoint.dropsAuthorization) {
    // OpenAI's answer to a request that arrives without any Authorization header.
    return void sendJson(res, 401, { error: { message: 'Missing bearer or basic authentication in header', type: 'invalid_request_error', param: null, code: null } }, { 'x-request-id': requestId() });
  }
  if (endpoint.flavor === 'openrouter') return void sendJson(res, 401, { error: { code: 401, message: 'No auth credentials found' } });
  sendJson(res, 401, { error: { message: 'Missing bearer token.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }, { 'x-request-id': requestId() });
}

function modelNotFound(res: SimResponse, endpoint: Endpoint, model: string | undefined): void {
  if (endpoint.flavor === 'openrouter') return void sendJson(res, 400, { error: { code: 400, message: `${model} is not a valid model ID` } });
  if (endpoint.flavor === 'ollama') return void sendJson(res, 404, { error: { message: `model "${model}" not found, try pulling it first`, type: 'api_error', param: null, code: null } });
  sendJson(res, 404, { error: { message: `The model \`${model}\` does not exist.`, type: 'invalid_request_error', param: 'model', code: 'model_not_found' } });
}

function listBody(endpoint: Endpoint, empty: boolean): unknown {
  if (endpoint.flavor === 'openrouter') return { data: empty ? [] : OPENROUTER_MODELS };
  if (endpoint.flavor === 'lmstudio') return { data: empty ? [] : LM_STUDIO_MODEL_LIST, object: 'list' };
  if (endpoint.root === '/litellm') return { object: 'list', data: empty ? [] : endpoint.models.map((id) => ({ id, object: 'model', created: 1677610602, owned_by: 'openai' })) };
  if (endpoint.root === '/openai-gateway') return { object: 'list', data: empty ? [] : OPENAI_FULL_MODEL_LIST.map((m) => ({ ...m, object: 'model' })) };
  const data = empty ? [] : OLLAMA_MODELS.map((m) => ({ id: m.id, object: 'model', created: m.created, owned_by: 'library' }));
  return { object: 'list', data };
}

async function answer(req: SimRequest, res: SimResponse, sim: SimulatorState, endpoint: Endpoint, route: CallKind | 'keyInfo' | 'other', model: string | undefined): Promise<void> {
  const call = route === 'keyInfo' ? 'key' : route;
  const key = endpoint.dropsAuthorization ? undefined : bearerOf(req);
  const prepared = await prepare(PROVIDER, req, res, sim, key);
  if (!prepared) return;
  const { scenario } = prepared;
  if (await answerTransportScenario(scenario, res, sim)) return;
  if (call === 'other' || (call === 'list' && !endpoint.hasList)) return notFound(req, res, endpoint);
  const needsKey = endpoint.keyRequired && !(call === 'list' && endpoint.publicList);
  if (needsKey && !key) return unauthorized(res, endpoint);
  // OpenRouter reports an upstream failure after streaming began as an error chunk, with HTTP 200.
  const streaming = (req.json as { stream?: unknown } | undefined)?.stream === true;
  const midStream = endpoint.flavor === 'openrouter' && call === 'infer' && streaming && scenario === 'overloaded';
  const failure = midStream ? undefined : scenarioError(endpoint.flavor === 'lmstudio' ? 'openai' : endpoint.flavor, scenario, call, model, key);
  if (failure) return sendError(res, failure);
  const empty = scenario === 'empty_models';
  if (call === 'list') return sendJson(res, 200, listBody(endpoint, empty), { 'x-request-id': requestId() });
  if (route === 'keyInfo') return sendJson(res, 200, { key: 'hashed-key', info: { key_alias: 'e2e', ...LITELLM_KEY_BUDGET, models: endpoint.models } });
  if (call === 'key') {
    return sendJson(res, 200, {
      data: { label: `${key!.slice(0, 10)}...${key!.slice(-3)}`, ...OPENROUTER_KEY_LIMIT, limit_reset: null, include_byok_in_limit: false, is_free_tier: false, is_provisioning_key: false },
    });
  }
  if (!model || !endpoint.models.includes(model) || empty) return modelNotFound(res, endpoint, model);
  if (call === 'retrieve') return sendJson(res, 200, { id: model, object: 'model', created: 1718141294, owned_by: 'library' });
  if (endpoint.flavor === 'ollama' && OLLAMA_WITHOUT_TOOLS.has(model) && hasTools(req)) {
    // What Ollama answers when a model's template has no tool support.
    return sendJson(res, 400, { error: { message: `registry.ollama.ai/library/${model} does not support tools`, type: 'api_error', param: null, code: null } });
  }
  const pricing = endpoint.flavor === 'openrouter' ? OPENROUTER_MODELS.find((m) => m.id === model)?.pricing : undefined;
  await answerChatCompletion(PROVIDER, req, res, sim, { id: model }, {
    ...(midStream ? { midStreamError: { afterChunks: 3, error: { code: 502, message: 'Provider returned error: upstream disconnected' } } } : {}),
    ...(pricing ? { costPerToken: { prompt: Number(pricing.prompt), completion: Number(pricing.completion) } } : {}),
  });
}

export const compatibleRoutes: RouteModule = {
  name: PROVIDER,
  async handle(req, res, sim) {
    const route = routeOf(req);
    if (!route) return false;
    await answer(req, res, sim, route.endpoint, route.call, route.model);
    return true;
  },
};
