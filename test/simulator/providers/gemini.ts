import { randomBytes } from 'node:crypto';
import { cachedPromptTokens } from '../promptCache';
import { prepare } from '../server';
import { answerTransportScenario, sendJson } from '../scenario';
import type { RouteModule, Scenario, SimRequest, SimResponse, SimulatorState } from '../types';
import { limitAnswer, simulatedAnswer, simulatedContentTokens, simulatedOutputTokens, simulatedPromptTokens, type AnswerPart, type GeminiContent, type GeminiGenerateBody } from './geminiAnswer';
import { findGeminiModel, GEMINI_MODELS, type GeminiModel } from './geminiModels';
import { jsonSchemaProblem } from './geminiJsonSchema';
import { schemaProblem } from './geminiSchema';

/**
 * Gemini API (`generativelanguage.googleapis.com`) as @google/genai sees it: `GET /v1beta/models`
 * (paged), `GET /v1beta/models/{m}`, `POST /v1beta/models/{m}:generateContent`,
 * `:streamGenerateContent?alt=sse` and `:countTokens`. The key comes in `x-goog-api-key` (SDKs)
 * or `?key=` (curl, older docs). Errors are Google RPC bodies with `details`.
 */
const PROVIDER = 'gemini';
const PREFIX = '/v1beta/';
/** The real API's page-size bounds for models.list. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function credentialOf(req: SimRequest): string | undefined {
  return header(req, 'x-goog-api-key') ?? req.query.get('key') ?? undefined;
}

type Detail = Record<string, unknown>;

/** `{error:{code,message,status,details}}`, always JSON, as Google's front end sends it. */
function sendError(res: SimResponse, code: number, status: string, message: string, details: Detail[] = []): void {
  sendJson(res, code, { error: { code, message, status, ...(details.length ? { details } : {}) } });
}

function errorInfo(reason: string, metadata: Record<string, string> = {}): Detail {
  return { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com', ...metadata } };
}

function quotaFailure(quotaId: string, model: string, quotaValue: string): Detail[] {
  return [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId, quotaDimensions: { location: 'global', model }, quotaValue }],
    },
    { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] },
  ];
}

function badRequest(res: SimResponse, message: string, field?: string): void {
  const details = field ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description: message }] }] : [];
  sendError(res, 400, 'INVALID_ARGUMENT', message, details);
}

/** Scenarios every endpoint answers with: the key itself, request limits, outages. */
function answerAccountScenario(scenario: Scenario, res: SimResponse, credential: string): boolean {
  switch (scenario) {
    case 'invalid_key':
      // The real message is only "API key not valid…"; the key is echoed here on purpose so tests prove redaction.
      sendError(res, 400, 'INVALID_ARGUMENT', `API key not valid. Please pass a valid API key. (key=${credential})`, [
        errorInfo('API_KEY_INVALID'),
        { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
      ]);
      return true;
    case 'expired_token':
      sendError(res, 400, 'INVALID_ARGUMENT', 'API key expired. Please renew the API key.', [errorInfo('API_KEY_EXPIRED')]);
      return true;
    case 'rate_limited':
      sendError(res, 429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.', [
        ...quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', 'gemini-2.5-flash', '10'),
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '38s' },
      ]);
      return true;
    case 'region_blocked':
      // github.com/google-gemini/gemini-cli/issues and AI Studio users outside the supported countries (or behind such a VPN).
      sendError(res, 400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.');
      return true;
    case 'untyped_error': {
      // The same JSON body, but labelled text/plain: @google/genai then wraps it as text in its own error object.
      const body = JSON.stringify({
        error: {
          code: 429,
          message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. Please retry in 21.5s.',
          status: 'RESOURCE_EXHAUSTED',
          details: [...quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier', 'gemini-2.5-flash', '10'), { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '21s' }],
        },
      });
      res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return true;
    }
    case 'server_error':
      sendError(res, 500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
      return true;
    default:
      return false;
  }
}

function notFound(res: SimResponse, model: string, method: string): void {
  sendError(res, 404, 'NOT_FOUND', `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`);
}

/** Scenarios that show only when a model is used: listing models still works for such a key. */
function answerModelScenario(scenario: Scenario, res: SimResponse, model: string, method: string): boolean {
  switch (scenario) {
    case 'no_model_access':
      sendError(res, 403, 'PERMISSION_DENIED', `Permission denied: the API key's project may not use models/${model}.`, [errorInfo('ACCESS_TOKEN_SCOPE_INSUFFICIENT', { method: `google.ai.generativelanguage.v1beta.GenerativeService.${method}` })]);
      return true;
    case 'model_not_found':
      notFound(res, model, method);
      return true;
    case 'overloaded':
      sendError(res, 503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
      return true;
    case 'quota_exhausted':
      // Free of charge, countTokens has no quota; generation does (per-day free-tier limit of 0 for this model).
      if (method === 'countTokens') return false;
      sendError(res, 429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.', quotaFailure('GenerateRequestsPerDayPerProjectPerModel-FreeTier', model, '0'));
      return true;
    default:
      return false;
  }
}

/** Page tokens are opaque base64 of the next offset, like the real ones (base64 of a resource name). */
function decodePageToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function listModels(req: SimRequest, res: SimResponse, scenario: Scenario): void {
  const pageSize = Number(req.query.get('pageSize') ?? DEFAULT_PAGE_SIZE);
  if (!Number.isInteger(pageSize) || pageSize < 0) return badRequest(res, 'Invalid value at \'page_size\'', 'page_size');
  const size = Math.min(pageSize || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const token = req.query.get('pageToken');
  const start = token ? decodePageToken(token) : 0;
  if (start === undefined) return badRequest(res, 'Invalid page token.', 'page_token');
  // Protobuf JSON leaves out empty fields: a list with no models is `{}`.
  if (scenario === 'empty_models') return sendJson(res, 200, {});
  const page = GEMINI_MODELS.slice(start, start + size);
  const next = start + size < GEMINI_MODELS.length ? Buffer.from(`offset:${start + size}`).toString('base64') : undefined;
  sendJson(res, 200, { models: page, ...(next ? { nextPageToken: next } : {}) });
}

/** The checks the real API makes on a generate body before doing anything. */
/** Index of the last user content with text: where the current turn starts. */
function lastUserText(contents: readonly GeminiContent[]): number {
  for (let i = contents.length - 1; i >= 0; i--) if (contents[i]!.role !== 'model' && contents[i]!.parts?.some((p) => typeof p.text === 'string')) return i;
  return -1;
}

function invalidGenerateBody(body: GeminiGenerateBody, model: string): { message: string; field?: string } | undefined {
  const contents = body.contents;
  if (!Array.isArray(contents) || contents.length === 0) return { message: '* GenerateContentRequest.contents: contents is not specified\n' };
  let previous: GeminiContent | undefined;
  for (const [i, content] of contents.entries()) {
    if (content.role !== undefined && content.role !== 'user' && content.role !== 'model') {
      return { message: `Please use a valid role: user, model.`, field: `contents[${i}].role` };
    }
    const parts = content.parts;
    if (!Array.isArray(parts) || parts.length === 0) return { message: `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n` };
    for (const [j, part] of parts.entries()) {
      const data = ['text', 'inlineData', 'functionCall', 'functionResponse', 'fileData'].filter((k) => (part as Record<string, unknown>)[k] !== undefined);
      if (data.length !== 1) return { message: `* GenerateContentRequest.contents[${i}].parts[${j}].data: required oneof field 'data' must have one initialized field\n` };
      if (part.functionResponse && !part.functionResponse.name) return { message: `* GenerateContentRequest.contents[${i}].parts[${j}].function_response.name: Name cannot be empty.\n` };
      if (part.inlineData && (!part.inlineData.mimeType || !part.inlineData.data)) return { message: `* GenerateContentRequest.contents[${i}].parts[${j}].inline_data: mime_type and data are required.\n` };
    }
    if (model.startsWith('gemini-3') && i > lastUserText(contents)) {
      // Gemini 3 wants the signature of the first function call of each step of the current turn back.
      const call = parts.find((p) => p.functionCall);
      if (call && !call.thoughtSignature) {
        return { message: `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${call.functionCall?.name ?? ''}\` , position ${i + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.` };
      }
    }
    if (parts.some((p) => p.functionResponse) && !previous?.parts?.some((p) => p.functionCall)) {
      return { message: 'Please ensure that function response turn comes immediately after a function call turn.' };
    }
    previous = content;
  }
  for (const [t, tool] of (body.tools ?? []).entries()) {
    for (const [d, declaration] of (tool.functionDeclarations ?? []).entries()) {
      const field = `tools[${t}].function_declarations[${d}]`;
      if (!declaration.name || !/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(declaration.name)) {
        return { message: `* GenerateContentRequest.${field}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.\n` };
      }
      if (declaration.parametersJsonSchema !== undefined) {
        const problem = jsonSchemaProblem(declaration, field);
        if (problem) return { message: problem.message };
        continue;
      }
      if (declaration.parameters === undefined) continue;
      const problem = schemaProblem(declaration.parameters, `${field}.parameters`);
      if (problem) {
        return problem.syntax
          ? { message: problem.description, field: problem.field }
          : { message: `* GenerateContentRequest.${problem.field}: ${problem.description}\n`, field: problem.field };
      }
    }
  }
  return undefined;
}

/** Reasoning tokens the simulated thinking models report per answer. */
export const SIMULATED_THOUGHT_TOKENS = 12;
/** A prompt containing this marker gets a stream that fails after its first chunk. */
export const MIDSTREAM_ERROR_MARKER = '[sim:midstream_error]';

function wantsMidstreamError(body: GeminiGenerateBody): boolean {
  const last = body.contents?.[body.contents.length - 1];
  return !!last?.parts?.some((p) => typeof p.text === 'string' && p.text.includes(MIDSTREAM_ERROR_MARKER));
}

/** `/v1beta/models/{model}:{method}` → its parts; undefined for other paths. */
function modelCall(path: string): { model: string; method?: string } | undefined {
  const match = /^\/v1beta\/models\/([^/:]+)(?::([A-Za-z]+))?$/.exec(path);
  return match ? { model: decodeURIComponent(match[1]!), method: match[2] } : undefined;
}

function supports(model: GeminiModel | undefined, method: string): model is GeminiModel {
  return !!model && model.supportedGenerationMethods.includes(method === 'streamGenerateContent' ? 'generateContent' : method);
}

function countTokens(req: SimRequest, res: SimResponse, model: string): void {
  const body = (req.json ?? {}) as { contents?: GeminiContent[] };
  if (!Array.isArray(body.contents)) return badRequest(res, '* CountTokensRequest.contents: contents is not specified\n');
  const total = simulatedContentTokens(body.contents);
  sendJson(res, 200, { totalTokens: total, promptTokensDetails: [{ modality: 'TEXT', tokenCount: total }] });
}

function candidate(parts: AnswerPart[], finishReason?: string): Record<string, unknown> {
  return { content: { parts, role: 'model' }, ...(finishReason ? { finishReason } : {}), index: 0 };
}

async function generate(req: SimRequest, res: SimResponse, sim: SimulatorState, model: string, stream: boolean): Promise<void> {
  const body = (req.json ?? {}) as GeminiGenerateBody;
  const problem = invalidGenerateBody(body, model);
  if (problem) return badRequest(res, problem.message, problem.field);
  const { parts, truncated } = limitAnswer(simulatedAnswer(body, model), body.generationConfig?.maxOutputTokens);
  const finishReason = truncated ? 'MAX_TOKENS' : 'STOP';
  const promptTokenCount = simulatedPromptTokens(body);
  const candidatesTokenCount = simulatedOutputTokens(parts);
  // Thinking models bill their (hidden) reasoning as thoughtsTokenCount, apart from the answer.
  const thoughtsTokenCount = findGeminiModel(model)?.thinking ? SIMULATED_THOUGHT_TOKENS : 0;
  const cachedContentTokenCount = cachedPromptTokens(promptTokenCount, (body.contents ?? []).some((c) => c.role === 'model'));
  const usageMetadata = {
    promptTokenCount,
    candidatesTokenCount,
    ...(thoughtsTokenCount ? { thoughtsTokenCount } : {}),
    totalTokenCount: promptTokenCount + candidatesTokenCount + thoughtsTokenCount,
    // The cached part is included in promptTokenCount.
    ...(cachedContentTokenCount ? { cachedContentTokenCount } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokenCount }],
  };
  const responseId = randomBytes(12).toString('base64url');
  if (!stream) {
    sendJson(res, 200, { candidates: [candidate(parts, finishReason)], usageMetadata, modelVersion: model, responseId });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'x-content-type-options': 'nosniff' });
  const delay = sim.override(PROVIDER).chunkDelayMs ?? 0;
  // Google's front end separates frames with CRLF CRLF; no `event:` names, no [DONE]: the stream ends when the body does.
  const send = (chunk: Record<string, unknown>): boolean => {
    if (res.destroyed || res.writableEnded) return false;
    (res as { write(chunk: string): boolean }).write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
    return true;
  };
  const failMidway = wantsMidstreamError(body);
  for (const [i, part] of parts.entries()) {
    if (delay > 0 && !(await sim.sleep(delay, res))) return;
    if (failMidway && i === 1) {
      // What the API does when the model is overloaded after it started answering: an error object as a data frame.
      send({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
      res.end();
      return;
    }
    const last = i === parts.length - 1;
    const usage = last ? usageMetadata : { promptTokenCount, totalTokenCount: promptTokenCount };
    if (!send({ candidates: [candidate([part], last ? finishReason : undefined)], usageMetadata: usage, modelVersion: model, responseId })) return;
  }
  if (parts.length === 0) send({ candidates: [candidate([{ text: '' }], finishReason)], usageMetadata, modelVersion: model, responseId });
  res.end();
}

export const geminiRoutes: RouteModule = {
  name: PROVIDER,
  async handle(req, res, sim) {
    if (!req.path.startsWith(PREFIX)) return false;
    const credential = credentialOf(req);
    const prepared = await prepare(PROVIDER, req, res, sim, credential);
    if (!prepared) return true;
    const { scenario } = prepared;
    if (await answerTransportScenario(scenario, res, sim)) return true;
    if (!credential) {
      sendError(res, 403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.');
      return true;
    }
    if (answerAccountScenario(scenario, res, credential)) return true;

    if (req.method === 'GET' && req.path === '/v1beta/models') {
      listModels(req, res, scenario);
      return true;
    }
    const call = modelCall(req.path);
    if (!call) {
      sendError(res, 404, 'NOT_FOUND', `Method not found: ${req.method} ${req.path}`);
      return true;
    }
    const model = findGeminiModel(call.model);
    if (req.method === 'GET' && !call.method) {
      if (!model) notFound(res, call.model, 'get');
      else sendJson(res, 200, model);
      return true;
    }
    const method = call.method ?? '';
    if (req.method !== 'POST' || !['generateContent', 'streamGenerateContent', 'countTokens'].includes(method)) {
      sendError(res, 404, 'NOT_FOUND', `Method not found: ${req.method} ${req.path}`);
      return true;
    }
    if (answerModelScenario(scenario, res, call.model, method)) return true;
    if (!supports(model, method)) {
      notFound(res, call.model, method);
      return true;
    }
    if (method === 'countTokens') countTokens(req, res, call.model);
    else await generate(req, res, sim, call.model, method === 'streamGenerateContent');
    return true;
  },
};
