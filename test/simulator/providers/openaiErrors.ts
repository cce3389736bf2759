import { randomBytes } from 'node:crypto';
import { sendJson } from '../scenario';
import type { Scenario, SimRequest, SimResponse } from '../types';

/** Error answers of OpenAI-style servers, per scenario, in each server's real body shape. */

/** Which server's error dialect to speak. */
export type OpenAIFlavor = 'openai' | 'openrouter' | 'ollama';

/** Which kind of call a request is: scenarios about models or billing only hit inference. */
export type CallKind = 'list' | 'retrieve' | 'infer' | 'key';

export interface ErrorAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function requestId(): string {
  return `req_${randomBytes(12).toString('hex')}`;
}

export function bearerOf(req: SimRequest): string | undefined {
  const value = req.headers.authorization;
  const header = Array.isArray(value) ? value[0] : value;
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

/** OpenAI's `{error:{message,type,param,code}}`. */
export function openAIErrorBody(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** OpenRouter's `{error:{code:<number>,message}}`. */
function openRouterErrorBody(code: number, message: string) {
  return { error: { code, message } };
}

function openAIAnswer(scenario: Scenario, call: CallKind, model: string | undefined, key: string | undefined): ErrorAnswer | undefined {
  switch (scenario) {
    case 'invalid_key':
    case 'expired_token':
      // The real API masks the middle of the key; echoing it whole lets tests prove redaction.
      return {
        status: 401,
        body: openAIErrorBody(
          `Incorrect API key provided: ${key ?? ''}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      };
    case 'rate_limited':
      return {
        status: 429,
        body: openAIErrorBody(
          `Rate limit reached for ${model ?? 'requests'} in organization org-sim on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 2s.`,
          'requests',
          'rate_limit_exceeded',
        ),
        headers: {
          'retry-after': '2',
          'x-ratelimit-limit-requests': '500',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '2s',
          'x-ratelimit-limit-tokens': '30000',
          'x-ratelimit-remaining-tokens': '29000',
          'x-ratelimit-reset-tokens': '2ms',
        },
      };
    case 'wait_in_text':
      // Without headers (a gateway that drops them): only the text says how long (github.com/BuilderIO/micro-agent/issues/86).
      return {
        status: 429,
        body: openAIErrorBody(
          `Rate limit reached for ${model ?? 'gpt-4o-mini'} in organization org-sim on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 20s.`,
          'tokens',
          'rate_limit_exceeded',
        ),
      };
    case 'region_blocked':
      return { status: 403, body: { error: { code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported', param: null, type: 'request_forbidden' } } };
    case 'overloaded':
      return { status: 503, body: openAIErrorBody('The engine is currently overloaded, please try again later.', 'server_error', null) };
    case 'server_error':
      return { status: 500, body: openAIErrorBody('The server had an error while processing your request. Sorry about that!', 'server_error', null) };
    default:
      break;
  }
  if (call === 'list' || call === 'key') return undefined;
  switch (scenario) {
    case 'model_not_found':
      return { status: 404, body: openAIErrorBody(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found') };
    case 'no_model_access':
      return call === 'infer'
        ? { status: 403, body: openAIErrorBody(`Project \`proj_sim\` does not have access to model \`${model}\``, 'invalid_request_error', 'model_not_found') }
        : undefined;
    case 'quota_exhausted':
      return call === 'infer'
        ? {
            status: 429,
            body: openAIErrorBody(
              'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
              'insufficient_quota',
              'insufficient_quota',
            ),
          }
        : undefined;
    default:
      return undefined;
  }
}

function openRouterAnswer(scenario: Scenario, call: CallKind, model: string | undefined): ErrorAnswer | undefined {
  // OpenRouter's catalogue is public: key problems only show on key and inference calls.
  const keyed = call === 'key' || call === 'infer';
  switch (scenario) {
    case 'invalid_key':
    case 'expired_token':
      return keyed ? { status: 401, body: openRouterErrorBody(401, 'User not found.') } : undefined;
    case 'quota_exhausted':
      return call === 'infer' ? { status: 402, body: openRouterErrorBody(402, 'Insufficient credits. Add more using https://openrouter.ai/credits') } : undefined;
    case 'rate_limited':
      // A free model's host throttles it: OpenRouter says who and why in `metadata` (the body quoted in many
      // public reports, e.g. a test of "ai-proxy" ParseOpenRouterError with provider "Chutes").
      if (call === 'infer') {
        return {
          status: 429,
          body: {
            error: {
              message: 'Provider returned error',
              code: 429,
              metadata: {
                raw: `${model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations`,
                provider_name: 'Chutes',
              },
            },
            user_id: 'user_sim',
          },
        };
      }
      return { status: 429, body: openRouterErrorBody(429, 'Rate limit exceeded: free-models-per-min.'), headers: { 'retry-after': '3', 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '0' } };
    case 'overloaded':
      return { status: 503, body: openRouterErrorBody(503, 'No instances available for this model right now.') };
    case 'server_error':
      return { status: 500, body: openRouterErrorBody(500, 'Internal Server Error') };
    case 'model_not_found':
      return call === 'infer' ? { status: 400, body: openRouterErrorBody(400, `${model} is not a valid model ID`) } : undefined;
    case 'no_model_access':
      return call === 'infer' ? { status: 403, body: openRouterErrorBody(403, `The model ${model} is not available to this key (provider routing restrictions).`) } : undefined;
    default:
      return undefined;
  }
}

function ollamaAnswer(scenario: Scenario, call: CallKind, model: string | undefined): ErrorAnswer | undefined {
  const apiError = (message: string) => ({ error: { message, type: 'api_error', param: null, code: null } });
  switch (scenario) {
    case 'model_not_found':
      return call === 'infer' || call === 'retrieve' ? { status: 404, body: apiError(`model "${model}" not found, try pulling it first`) } : undefined;
    case 'overloaded':
      return { status: 503, body: apiError('server busy, please try again.  maximum pending requests exceeded') };
    case 'server_error':
      return { status: 500, body: apiError('llama runner process has terminated: exit status 2') };
    case 'rate_limited':
      return { status: 429, body: apiError('too many requests'), headers: { 'retry-after': '1' } };
    case 'invalid_key':
    case 'expired_token':
      // A reverse proxy in front of Ollama that checks a bearer token.
      return { status: 401, body: { error: { message: 'unauthorized', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } };
    default:
      return undefined;
  }
}

/** The error this scenario produces for this call, or undefined when the call succeeds. */
export function scenarioError(flavor: OpenAIFlavor, scenario: Scenario, call: CallKind, model: string | undefined, key: string | undefined): ErrorAnswer | undefined {
  if (flavor === 'openrouter') return openRouterAnswer(scenario, call, model);
  if (flavor === 'ollama') return ollamaAnswer(scenario, call, model);
  return openAIAnswer(scenario, call, model, key);
}

export function sendError(res: SimResponse, answer: ErrorAnswer): void {
  sendJson(res, answer.status, answer.body, { 'x-request-id': requestId(), ...answer.headers });
}
