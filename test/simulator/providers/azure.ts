import { randomUUID } from 'node:crypto';
import { prepare } from '../server';
import { answerTransportScenario, sendJson } from '../scenario';
import type { RouteModule, Scenario, SimRequest, SimResponse, SimulatorState } from '../types';
import { answerChat, contentFilterBody, lastUserText, type SimDeployment } from './azureChat';
// Azure answers an unsupported parameter with OpenAI's own 400 body.
import { unsupportedParameterError } from './openaiCompletions';
import { handleEntra, isEntraRequest, mintedTokens } from './azureEntra';

/**
 * Azure OpenAI data plane: the classic `/openai/deployments/{name}/…?api-version=` surface,
 * `/openai/models`, and the `/openai/v1/` surface; plus a fake Entra ID authority (azureEntra.ts).
 * Served at the root, under `/gw/aoai` (an API Management gateway with a path prefix) and under
 * `/gw/chat-only` (a gateway that routes only the deployments, not the model list).
 * Content filter: a prompt containing "trigger content filter" is blocked (400); the scenario
 * `content_filtered` lets the answer start, then cuts it with finish_reason "content_filter".
 */

/** Path prefix -> whether it routes the model list (a narrow API Management API exposes only chat). */
const GATEWAY_PREFIXES = new Map([
  ['', true],
  ['/gw/aoai', true],
  ['/gw/chat-only', false],
]);

/** Deployment name -> what is deployed. Any other name answers DeploymentNotFound. */
export const SIM_AZURE_DEPLOYMENTS: Record<string, SimDeployment> = {
  'gpt-4o': { model: 'gpt-4o-2024-11-20', reasoning: false },
  'my-gpt4o': { model: 'gpt-4o-2024-11-20', reasoning: false },
  'gpt-4o-mini': { model: 'gpt-4o-mini-2024-07-18', reasoning: false },
  chat: { model: 'gpt-4o-mini-2024-07-18', reasoning: false },
  'gpt-4.1': { model: 'gpt-4.1-2025-04-14', reasoning: false },
  'o3-mini': { model: 'o3-mini-2025-01-31', reasoning: true },
  'gpt-5-mini': { model: 'gpt-5-mini-2025-08-07', reasoning: true },
  // A name that hides a reasoning model: clients only learn it from the 400 on max_tokens.
  'prod-reasoner': { model: 'o3-mini-2025-01-31', reasoning: true },
};

// Dated versions this fake resource accepts; older retired ones answer 404, unknown ones 400.
const SUPPORTED_API_VERSIONS = new Set([
  '2024-02-01', '2024-06-01', '2024-10-21', '2024-05-01-preview', '2024-07-01-preview', '2024-08-01-preview',
  '2024-09-01-preview', '2024-10-01-preview', '2024-12-01-preview', '2025-01-01-preview',
  '2025-02-01-preview', '2025-03-01-preview', '2025-04-01-preview',
]);
const RETIRED_API_VERSIONS = new Set(['2022-12-01', '2023-03-15-preview', '2023-05-15', '2023-06-01-preview']);

const MODELS = [
  { id: 'gpt-4o', version: '2024-11-20', chat: true },
  { id: 'gpt-4o-mini', version: '2024-07-18', chat: true },
  { id: 'gpt-4.1', version: '2025-04-14', chat: true },
  { id: 'o3-mini', version: '2025-01-31', chat: true },
  { id: 'gpt-5-mini', version: '2025-08-07', chat: true },
  { id: 'text-embedding-3-small', version: '1', chat: false },
];

function azureModel(m: (typeof MODELS)[number]) {
  return {
    status: 'succeeded',
    model: `${m.id}-${m.version}`,
    capabilities: { fine_tune: false, inference: true, completion: false, chat_completion: m.chat, embeddings: !m.chat },
    lifecycle_status: 'generally-available',
    deprecation: { inference: 1798675200 },
    id: m.id,
    created_at: 1732060800,
    object: 'model',
  };
}

function azureError(res: SimResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, { 'apim-request-id': randomUUID(), ...headers });
}

const RESOURCE_NOT_FOUND = (res: SimResponse) => azureError(res, 404, '404', 'Resource not found');
const TOKEN_INVALID =
  'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.';

/** Where in the path `/openai/` starts, and what comes after it; undefined when it is not an Azure-shaped path. */
function splitPath(path: string): { prefix: string; rest: string } | undefined {
  const at = path.indexOf('/openai/');
  return at < 0 ? undefined : { prefix: path.slice(0, at), rest: path.slice(at + '/openai/'.length) };
}

function bearerOf(req: SimRequest): string | undefined {
  const auth = req.headers.authorization;
  return typeof auth === 'string' && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '') : undefined;
}

function headerOf(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** Narrow match, since this module is tried first: only requests no other provider's client would send. */
function isAzureDataPlane(req: SimRequest): boolean {
  const split = splitPath(req.path);
  if (!split) return false;
  if (req.query.has('api-version') || headerOf(req, 'api-key') !== undefined) return true;
  const bearer = bearerOf(req);
  return split.rest.startsWith('v1/') && bearer !== undefined && mintedTokens.has(bearer);
}

type Auth = { ok: true; credential: string; viaToken: boolean } | { ok: false; send(res: SimResponse): void };

function authenticate(req: SimRequest, v1: boolean): Auth {
  const key = headerOf(req, 'api-key');
  if (key !== undefined) return { ok: true, credential: key, viaToken: false };
  const bearer = bearerOf(req);
  if (bearer !== undefined) {
    const minted = mintedTokens.get(bearer);
    if (minted && minted.expiresAt > Date.now()) return { ok: true, credential: minted.clientSecret, viaToken: true };
    // The v1 surface also takes the resource key as a bearer token (Microsoft's samples pass it as api_key).
    if (v1 && !minted && !bearer.includes('.')) return { ok: true, credential: bearer, viaToken: false };
    return { ok: false, send: (res) => azureError(res, 401, '401', TOKEN_INVALID) };
  }
  return {
    ok: false,
    send: (res) =>
      azureError(res, 401, '401', 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.'),
  };
}

/** Errors a scenario causes on every data-plane call; returns true when it answered. */
function answerScenarioError(scenario: Scenario, res: SimResponse, viaToken: boolean, operation: string, apiVersion: string): boolean {
  switch (scenario) {
    case 'invalid_key':
      azureError(
        res,
        401,
        '401',
        viaToken
          ? TOKEN_INVALID
          : 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      );
      return true;
    case 'expired_token':
      azureError(res, 401, '401', TOKEN_INVALID);
      return true;
    case 'no_model_access':
      azureError(res, 401, 'PermissionDenied', 'Principal does not have access to API/Operation.');
      return true;
    case 'quota_exhausted':
      azureError(res, 403, '403', 'Out of call volume quota for OpenAI S0 pricing tier. Quota will be replenished in 2.09:17:44. To increase your limits, please upgrade to a paid tier or request a quota increase.');
      return true;
    case 'rate_limited':
      azureError(
        res,
        429,
        '429',
        `Requests to the ${operation} Operation under Azure OpenAI API version ${apiVersion} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
        { 'retry-after': '6', 'retry-after-ms': '6000', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-remaining-tokens': '0' },
      );
      return true;
    case 'wait_in_text':
      // The wait only in the text (github.com/icereed/paperless-gpt/issues/814 quotes such a body).
      azureError(
        res,
        429,
        '429',
        `Requests to the ${operation} Operation under Azure OpenAI API version ${apiVersion} have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after 2 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
      );
      return true;
    case 'daily_quota':
      // github.com/alex-wolf-ps/dbchatprov2/issues/2, github.com/jasonacox/TinyLLM/issues/17.
      azureError(
        res,
        429,
        '429',
        `Requests to the ${operation} Operation under Azure OpenAI API version ${apiVersion} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 86400 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
        { 'retry-after': '86400' },
      );
      return true;
    case 'api_version_too_old':
      // github.com/chatboxai/chatbox/issues/1745, github.com/Azure-Samples/azure-search-openai-demo/issues/2496.
      if (operation !== 'ChatCompletions_Create' || apiVersion >= '2024-12-01-preview') return false;
      azureError(res, 400, 'BadRequest', 'Model {modelName} is enabled only for api versions 2024-12-01-preview and later');
      return true;
    case 'overloaded':
      azureError(res, 503, 'ServiceUnavailable', 'The service is temporarily unable to process your request. Please try again later.');
      return true;
    case 'server_error':
      azureError(res, 500, 'InternalServerError', 'The server had an error while processing your request. Sorry about that!');
      return true;
    default:
      // valid, model_not_found (per route), empty_models (models list), and needs_inference_profile (Bedrock only).
      return false;
  }
}

async function handleDataPlane(req: SimRequest, res: SimResponse, sim: SimulatorState): Promise<void> {
  const { prefix, rest } = splitPath(req.path)!;
  const v1 = rest === 'v1' || rest.startsWith('v1/');
  const auth = authenticate(req, v1);
  const prepared = await prepare('azure', req, res, sim, auth.ok ? auth.credential : undefined);
  if (!prepared) return;
  const { scenario } = prepared;
  if (await answerTransportScenario(scenario, res, sim)) return;
  if (!GATEWAY_PREFIXES.has(prefix)) return RESOURCE_NOT_FOUND(res);
  if (!auth.ok) return auth.send(res);

  const apiVersion = req.query.get('api-version') ?? '';
  if (!v1) {
    if (!apiVersion) return RESOURCE_NOT_FOUND(res);
    if (RETIRED_API_VERSIONS.has(apiVersion)) return azureError(res, 404, '404', 'API version not supported');
    if (!SUPPORTED_API_VERSIONS.has(apiVersion)) return azureError(res, 400, 'BadRequest', 'API version not supported');
  }
  const route = v1 ? rest.slice('v1/'.length) : rest;

  if (req.method === 'GET' && route === 'models') {
    if (!GATEWAY_PREFIXES.get(prefix)) return RESOURCE_NOT_FOUND(res);
    if (answerScenarioError(scenario, res, auth.viaToken, 'Models_List', apiVersion || 'v1')) return;
    return sendJson(res, 200, { data: scenario === 'empty_models' ? [] : MODELS.map(azureModel), object: 'list' });
  }

  const classicChat = /^deployments\/([^/]+)\/chat\/completions$/.exec(route);
  if (req.method === 'POST' && (classicChat || (v1 && route === 'chat/completions'))) {
    const body = (req.json ?? {}) as Parameters<typeof answerChat>[2] & { model?: string };
    const deploymentName = classicChat ? decodeURIComponent(classicChat[1]!) : (body.model ?? '');
    if (answerScenarioError(scenario, res, auth.viaToken, 'ChatCompletions_Create', apiVersion || 'v1')) return;
    const deployment = SIM_AZURE_DEPLOYMENTS[deploymentName];
    if (!deployment || scenario === 'model_not_found') {
      return azureError(
        res,
        404,
        'DeploymentNotFound',
        'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
      );
    }
    const unsupported = unsupportedParameterError(body, { id: deployment.model, reasoning: deployment.reasoning });
    if (unsupported) {
      return sendJson(res, 400, { error: { ...unsupported, type: 'invalid_request_error' } }, { 'apim-request-id': randomUUID() });
    }
    if (/trigger content filter/i.test(lastUserText(body))) return sendJson(res, 400, contentFilterBody());
    return answerChat(res, sim, body, deploymentName, deployment, { cutByContentFilter: scenario === 'content_filtered' });
  }
  return RESOURCE_NOT_FOUND(res);
}

export const azureRoutes: RouteModule = {
  name: 'azure',
  async handle(req, res, sim) {
    if (isEntraRequest(req)) {
      await handleEntra(req, res, sim);
      return true;
    }
    if (!isAzureDataPlane(req)) return false;
    await handleDataPlane(req, res, sim);
    return true;
  },
};
