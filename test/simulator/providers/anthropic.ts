import { randomBytes } from 'node:crypto';
import { cachedPromptTokens, cacheWriteTokens } from '../promptCache';
import { prepare } from '../server';
import { answerTransportScenario, sendJson } from '../scenario';
import type { RouteModule, Scenario, SimRequest, SimResponse, SimulatorState } from '../types';
import { type AnswerBlock, limitAnswer, simulatedAnswer, simulatedInputTokens, simulatedOutputTokens, type AnthropicMessageBody } from './anthropicAnswer';
import { ANTHROPIC_MODELS, classicModel, findModel } from './anthropicModels';

/**
 * Anthropic API (`api.anthropic.com`) as the SDKs see it: `GET /v1/models[/{id}]`,
 * `POST /v1/messages` (JSON or SSE with `event:` lines) and `POST /v1/messages/count_tokens`.
 * Accepts `x-api-key` (SDK 0.x, curl) and `Authorization: Bearer` (SDK 1.x), and both API versions.
 */
const PROVIDER = 'anthropic';
/** 2023-06-01: SDK 0.x and the public docs; 2026-10-21: SDK 1.x. */
export const ANTHROPIC_VERSIONS = ['2023-06-01', '2026-10-21'] as const;

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Only Anthropic clients send `anthropic-version` or `x-api-key`; `/v1/messages` exists only here. */
function isAnthropicRequest(req: SimRequest): boolean {
  if (req.path === '/v1/messages' || req.path.startsWith('/v1/messages/')) return true;
  return (req.path === '/v1/models' || req.path.startsWith('/v1/models/')) && (header(req, 'anthropic-version') !== undefined || header(req, 'x-api-key') !== undefined);
}

function credentialOf(req: SimRequest): string | undefined {
  const apiKey = header(req, 'x-api-key');
  if (apiKey) return apiKey;
  const match = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  return match?.[1];
}

function requestId(): string {
  return `req_011Sim${randomBytes(9).toString('base64url')}`;
}

/** The real error body: `{type:"error", error:{type, message}, request_id}` plus a `request-id` header. */
function sendError(res: SimResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  const id = requestId();
  sendJson(res, status, { type: 'error', error: { type, message }, request_id: id }, { 'request-id': id, ...headers });
}

/** Scenario errors that every endpoint answers with (the key itself, limits, outages). */
function answerAccountScenario(scenario: Scenario, res: SimResponse, credential: string): boolean {
  switch (scenario) {
    case 'invalid_key':
      // The real API answers "invalid x-api-key"; the key is echoed here on purpose so tests prove it is redacted.
      sendError(res, 401, 'authentication_error', `invalid x-api-key: ${credential}`);
      return true;
    case 'expired_token':
      sendError(res, 401, 'authentication_error', 'OAuth token has expired. Please obtain a new token or refresh your existing token.');
      return true;
    case 'rate_limited':
      sendError(res, 429, 'rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.', {
        'retry-after': '17',
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': new Date(Date.now() + 17_000).toISOString(),
      });
      return true;
    case 'overloaded':
      sendError(res, 529, 'overloaded_error', 'Overloaded');
      return true;
    case 'server_error':
      sendError(res, 500, 'api_error', 'Internal server error');
      return true;
    default:
      return false;
  }
}

/** Scenarios that only show when a model is used: listing models still works for such a key. */
function answerModelScenario(scenario: Scenario, res: SimResponse, model: string): boolean {
  switch (scenario) {
    case 'quota_exhausted':
      sendError(res, 400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
      return true;
    case 'no_model_access':
      sendError(res, 403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
      return true;
    case 'model_not_found':
      sendError(res, 404, 'not_found_error', `model: ${model}`);
      return true;
    default:
      return false;
  }
}

function listModels(req: SimRequest, res: SimResponse, scenario: Scenario, version: string): void {
  const limit = Number(req.query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return sendError(res, 400, 'invalid_request_error', 'limit: Input should be less than or equal to 1000');
  }
  const lifecycles = req.query.getAll('lifecycle[]');
  const all = scenario === 'empty_models' ? [] : ANTHROPIC_MODELS.filter((m) => lifecycles.length === 0 || lifecycles.includes(m.lifecycle));
  const afterId = req.query.get('after_id');
  const beforeId = req.query.get('before_id');
  // Cursor pagination: after_id pages forward from an id, before_id backwards; an unknown id gives an empty page.
  let start = 0;
  let end = Math.min(all.length, limit);
  if (afterId) {
    const i = all.findIndex((m) => m.id === afterId);
    start = i < 0 ? all.length : i + 1;
    end = Math.min(all.length, start + limit);
  } else if (beforeId) {
    const i = all.findIndex((m) => m.id === beforeId);
    end = i < 0 ? 0 : i;
    start = Math.max(0, end - limit);
  }
  const page = all.slice(start, end);
  const hasMore = beforeId ? start > 0 : end < all.length;
  const data = version === '2023-06-01' ? page.map(classicModel) : page;
  const id = requestId();
  sendJson(res, 200, { data, has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page[page.length - 1]?.id ?? null }, { 'request-id': id });
}

function retrieveModel(req: SimRequest, res: SimResponse, version: string): void {
  const id = decodeURIComponent(req.path.slice('/v1/models/'.length));
  const model = findModel(id);
  if (!model) return sendError(res, 404, 'not_found_error', `model: ${id}`);
  sendJson(res, 200, version === '2023-06-01' ? classicModel(model) : model, { 'request-id': requestId() });
}

/** The checks the real API makes on a Messages body before doing anything. */
function invalidBody(body: AnthropicMessageBody, needsMaxTokens: boolean): string | undefined {
  if (typeof body.model !== 'string' || !body.model) return 'model: Field required';
  if (needsMaxTokens && typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  if (body.messages.length === 0) return 'messages: at least one message is required';
  let previous: string | undefined;
  for (const [i, m] of (body.messages as { role?: string; content?: unknown }[]).entries()) {
    if (m.role !== 'user' && m.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (m.role === previous) return `messages: roles must alternate between "user" and "assistant", but found multiple "${m.role}" roles in a row`;
    if (Array.isArray(m.content) && m.content.length === 0) return `messages.${i}: all messages must have non-empty content`;
    previous = m.role;
  }
  return undefined;
}

function countTokens(req: SimRequest, res: SimResponse, scenario: Scenario): void {
  const body = (req.json ?? {}) as AnthropicMessageBody;
  const problem = invalidBody(body, false);
  if (problem) return sendError(res, 400, 'invalid_request_error', problem);
  if (answerModelScenario(scenario, res, String(body.model))) return;
  if (!findModel(String(body.model))) return sendError(res, 404, 'not_found_error', `model: ${String(body.model)}`);
  sendJson(res, 200, { input_tokens: simulatedInputTokens(body) }, { 'request-id': requestId() });
}

function contentOf(blocks: readonly AnswerBlock[]): unknown[] {
  return blocks.map((b) => (b.type === 'text' ? { type: 'text', text: b.chunks.join('') } : { type: 'tool_use', id: b.id, name: b.name, input: b.input }));
}

async function createMessage(req: SimRequest, res: SimResponse, sim: SimulatorState, scenario: Scenario): Promise<void> {
  const body = (req.json ?? {}) as AnthropicMessageBody;
  const problem = invalidBody(body, true);
  if (problem) return sendError(res, 400, 'invalid_request_error', problem);
  const model = String(body.model);
  if (answerModelScenario(scenario, res, model)) return;
  if (!findModel(model)) return sendError(res, 404, 'not_found_error', `model: ${model}`);

  const id = `msg_01Sim${randomBytes(9).toString('base64url')}`;
  const full = simulatedAnswer(body, `toolu_01Sim${randomBytes(9).toString('base64url')}`);
  const maxTokens = body.max_tokens as number;
  const { blocks, truncated } = limitAnswer(full, maxTokens);
  const stopReason = truncated ? 'max_tokens' : blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
  // Anthropic's input_tokens counts only the prompt after the last cache point.
  const promptTokens = simulatedInputTokens(body);
  const continues = (body.messages as { role?: string }[]).some((m) => m.role === 'assistant');
  const cacheRead = cachedPromptTokens(promptTokens, continues);
  const cacheWrite = cacheWriteTokens(promptTokens, continues, JSON.stringify(body).includes('"cache_control"'));
  const usage = { input_tokens: promptTokens - cacheRead - cacheWrite, cache_creation_input_tokens: cacheWrite, cache_read_input_tokens: cacheRead };
  const outputTokens = Math.min(maxTokens, simulatedOutputTokens(blocks));

  if (body.stream !== true) {
    sendJson(
      res,
      200,
      { id, type: 'message', role: 'assistant', model, content: contentOf(blocks), stop_reason: stopReason, stop_sequence: null, usage: { ...usage, output_tokens: outputTokens, service_tier: 'standard' } },
      { 'request-id': requestId() },
    );
    return;
  }
  await streamMessage(res, sim, { id, model, blocks, stopReason, usage, outputTokens });
}

interface StreamPlan {
  id: string;
  model: string;
  blocks: AnswerBlock[];
  stopReason: string;
  usage: { input_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };
  outputTokens: number;
}

/** SSE exactly as the API frames it: every frame has `event: <type>` (the SDK ignores frames without it). */
async function streamMessage(res: SimResponse, sim: SimulatorState, plan: StreamPlan): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId() });
  const delay = sim.override(PROVIDER).chunkDelayMs ?? 0;
  const send = (type: string, data: Record<string, unknown>): boolean => {
    if (res.destroyed || res.writableEnded) return false;
    (res as { write(chunk: string): boolean }).write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    return true;
  };
  // Between deltas: wait (if asked) and stop when the client has gone away.
  const pause = async (): Promise<boolean> => (delay > 0 ? sim.sleep(delay, res) : !res.destroyed);

  send('message_start', {
    message: { id: plan.id, type: 'message', role: 'assistant', model: plan.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...plan.usage, output_tokens: 1, service_tier: 'standard' } },
  });
  for (const [index, block] of plan.blocks.entries()) {
    if (block.type === 'text') {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      if (index === 0) send('ping', {});
      for (const chunk of block.chunks) {
        if (!(await pause()) || !send('content_block_delta', { index, delta: { type: 'text_delta', text: chunk } })) return;
      }
    } else {
      send('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      for (const piece of block.jsonChunks) {
        if (!(await pause()) || !send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } })) return;
      }
    }
    send('content_block_stop', { index });
  }
  send('message_delta', { delta: { stop_reason: plan.stopReason, stop_sequence: null }, usage: { ...plan.usage, output_tokens: plan.outputTokens } });
  send('message_stop', {});
  res.end();
}

export const anthropicRoutes: RouteModule = {
  name: PROVIDER,
  async handle(req, res, sim) {
    if (!isAnthropicRequest(req)) return false;
    const credential = credentialOf(req);
    const prepared = await prepare(PROVIDER, req, res, sim, credential);
    if (!prepared) return true;
    const { scenario } = prepared;
    if (await answerTransportScenario(scenario, res, sim)) return true;

    const version = header(req, 'anthropic-version');
    if (!version) {
      sendError(res, 400, 'invalid_request_error', 'anthropic-version: header is required');
      return true;
    }
    if (!(ANTHROPIC_VERSIONS as readonly string[]).includes(version)) {
      sendError(res, 400, 'invalid_request_error', `anthropic-version: invalid version ${version}`);
      return true;
    }
    if (!credential) {
      sendError(res, 401, 'authentication_error', 'x-api-key header is required');
      return true;
    }
    if (answerAccountScenario(scenario, res, credential)) return true;

    if (req.method === 'GET' && req.path === '/v1/models') listModels(req, res, scenario, version);
    else if (req.method === 'GET' && req.path.startsWith('/v1/models/')) retrieveModel(req, res, version);
    else if (req.method === 'POST' && req.path === '/v1/messages/count_tokens') countTokens(req, res, scenario);
    else if (req.method === 'POST' && req.path === '/v1/messages') await createMessage(req, res, sim, scenario);
    else sendError(res, 404, 'not_found_error', 'Not found');
    return true;
  },
};
