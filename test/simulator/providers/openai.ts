import { answerTransportScenario, sendJson } from '../scenario';
import { prepare } from '../server';
import type { RouteModule, SimRequest } from '../types';
import { answerChatCompletion, answerResponses, invalidFunctionName, type ChatBody, type SimChatModel } from './openaiCompletions';
import { bearerOf, openAIErrorBody, requestId, scenarioError, sendError, type CallKind } from './openaiErrors';

/**
 * api.openai.com under `/v1`: models (list, retrieve), chat completions (JSON and SSE) and
 * responses. Any bearer key works; a key containing `sim-<scenario>` selects a fault.
 */

interface SimOpenAIModel extends SimChatModel {
  created: number;
  owned_by: string;
  /** Non-chat models are listed too, as the real API does. */
  chat: boolean;
}

export const OPENAI_SIM_MODELS: readonly SimOpenAIModel[] = [
  { id: 'gpt-4o', created: 1715367049, owned_by: 'system', chat: true },
  { id: 'gpt-4o-mini', created: 1721172741, owned_by: 'system', chat: true },
  { id: 'gpt-4.1', created: 1744316542, owned_by: 'system', chat: true },
  { id: 'o3-mini', created: 1737146383, owned_by: 'system', chat: true, reasoning: true },
  { id: 'o4-mini', created: 1744225351, owned_by: 'system', chat: true, reasoning: true },
  { id: 'gpt-5-mini', created: 1754425928, owned_by: 'system', chat: true, reasoning: true },
  // A reasoning model whose id does not say so: only the server's 400 reveals it.
  { id: 'codex-mini-latest', created: 1746673257, owned_by: 'system', chat: true, reasoning: true },
  // A chat model without tool calling: Agent mode does not list it (issue 12's diagnosis).
  { id: 'chatgpt-4o-latest', created: 1723515131, owned_by: 'system', chat: true },
  { id: 'text-embedding-3-small', created: 1705948997, owned_by: 'system', chat: false },
  { id: 'whisper-1', created: 1677532384, owned_by: 'openai-internal', chat: false },
  { id: 'tts-1', created: 1681940951, owned_by: 'openai-internal', chat: false },
  { id: 'dall-e-3', created: 1698785189, owned_by: 'system', chat: false },
  { id: 'omni-moderation-latest', created: 1731689265, owned_by: 'system', chat: false },
];

const PROVIDER = 'openai';

type Route = { call: CallKind; model?: string } | undefined;

/** Only OpenAI's own calls: Anthropic and Gemini also live under /v1 and are told apart by their headers. */
function routeOf(req: SimRequest): Route {
  if (req.headers['anthropic-version'] || req.headers['x-goog-api-key'] || req.query.has('key')) return undefined;
  if (req.method === 'GET' && req.path === '/v1/models') return { call: 'list' };
  const retrieve = /^\/v1\/models\/([^/:]+)$/.exec(req.path);
  if (req.method === 'GET' && retrieve) return { call: 'retrieve', model: decodeURIComponent(retrieve[1]!) };
  if (req.method === 'POST' && (req.path === '/v1/chat/completions' || req.path === '/v1/responses')) {
    const model = (req.json as { model?: unknown } | undefined)?.model;
    return { call: 'infer', model: typeof model === 'string' ? model : undefined };
  }
  return undefined;
}

function modelObject(m: SimOpenAIModel) {
  return { id: m.id, object: 'model', created: m.created, owned_by: m.owned_by };
}

export const openAIRoutes: RouteModule = {
  name: PROVIDER,
  async handle(req, res, sim) {
    const route = routeOf(req);
    if (!route) return false;
    const key = bearerOf(req);
    const prepared = await prepare(PROVIDER, req, res, sim, key);
    if (!prepared) return true;
    const { scenario } = prepared;
    if (await answerTransportScenario(scenario, res, sim)) return true;
    if (!key) {
      sendError(res, {
        status: 401,
        body: openAIErrorBody(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          'invalid_request_error',
          null,
        ),
      });
      return true;
    }
    const failure = scenarioError('openai', scenario, route.call, route.model, key);
    if (failure) {
      sendError(res, failure);
      return true;
    }
    if (route.call === 'list') {
      const data = scenario === 'empty_models' ? [] : OPENAI_SIM_MODELS.map(modelObject);
      sendJson(res, 200, { object: 'list', data }, { 'x-request-id': requestId() });
      return true;
    }
    const model = OPENAI_SIM_MODELS.find((m) => m.id === route.model);
    if (!model || (route.call === 'infer' && !model.chat)) {
      const message = !route.model ? 'you must provide a model parameter' : `The model \`${route.model}\` does not exist or you do not have access to it.`;
      sendError(res, { status: route.model ? 404 : 400, body: openAIErrorBody(message, 'invalid_request_error', route.model ? 'model_not_found' : null) });
      return true;
    }
    if (route.call === 'retrieve') sendJson(res, 200, modelObject(model), { 'x-request-id': requestId() });
    else if (req.path.endsWith('/responses')) await answerResponses(PROVIDER, req, res, sim, model);
    else {
      const badName = invalidFunctionName((req.json ?? {}) as ChatBody);
      if (badName) sendError(res, { status: 400, body: openAIErrorBody(badName.message, 'invalid_request_error', badName.code, badName.param) });
      else await answerChatCompletion(PROVIDER, req, res, sim, model);
    }
    return true;
  },
};
