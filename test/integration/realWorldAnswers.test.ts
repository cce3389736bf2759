import { describe, expect, it } from 'vitest';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import { bedrockRuntime } from '../../src/core/providers/bedrock/runtime';
import { compatibleRuntime } from '../../src/core/providers/compatible/runtime';
import { geminiRuntime } from '../../src/core/providers/gemini/runtime';
import { openAIRuntime } from '../../src/core/providers/openai/runtime';
import type { ChatEvent } from '../../src/core/chat/types';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import type { VerifyOutcome } from '../../src/core/verify/result';
import { OPENAI_FULL_LIST_CHAT_IDS, OPENAI_FULL_MODEL_LIST } from '../simulator/providers/openaiCatalogue';
import { bedrockCtx, DEV_KEYS } from './bedrockHarness';
import { useSimulator } from './simulatorFixture';

/**
 * Answers as the real services give them (bodies quoted in public issues, see the simulator's
 * comments), through the real SDKs against the simulator: what the user then reads.
 */
const sim = useSimulator();

function ctx(settings: Record<string, unknown>, secrets: Record<string, string> = {}, timeoutMs = 5_000): CallContext {
  return { settings, secrets, timeoutMs, signal: new AbortController().signal };
}

const hint = (outcome: VerifyOutcome) => formatText(outcome.error!.hint);
const LEFT_OUT = 'others left out: embeddings, audio, image, moderation or legacy models';

describe('model lists: only chat models, wherever the base URL is', () => {
  const others = OPENAI_FULL_MODEL_LIST.length - OPENAI_FULL_LIST_CHAT_IDS.length;

  it('OpenAI behind a company gateway: the full real list gives its chat models, and says how many were left out', async () => {
    const result = await openAIRuntime.verify(ctx({ baseUrl: `${sim.url}/openai-gateway/v1` }, { apiKey: 'sk-proj-gateway-0123456789abcdef' }));
    expect(result.ok).toBe(true);
    expect(result.models.map((m) => m.id)).toEqual([...OPENAI_FULL_LIST_CHAT_IDS].sort());
    expect(result.proven).toMatchObject({ modelsVisible: 16, modelsLeftOut: others });
    expect(formatText(result.stages.find((s) => s.id === 'models')!.label)).toBe(`16 chat models visible (${others} ${LEFT_OUT})`);
  });

  it('the same list as an OpenAI-compatible endpoint gives the same chat models', async () => {
    const result = await compatibleRuntime.verify(ctx({ name: 'Company gateway', baseUrl: `${sim.url}/openai-gateway/v1`, models: [] }, { apiKey: 'gw-key-0123456789' }));
    expect(result.ok).toBe(true);
    expect(result.models.map((m) => m.id)).toEqual(OPENAI_FULL_LIST_CHAT_IDS);
    expect(formatText(result.stages[0]!.label)).toBe(`Server reachable, 16 chat models listed, ${others} ${LEFT_OUT} (GET /models)`);
  });

  it('LM Studio: its loaded embedding model is not offered for chat', async () => {
    const result = await compatibleRuntime.verify(ctx({ name: 'LM Studio', baseUrl: `${sim.url}/lmstudio/v1`, models: [] }));
    expect(result.ok).toBe(true);
    expect(result.models.map((m) => m.id)).toEqual(['qwen3.6-35b-a3b-mtp', 'google/gemma-3-12b']);
    expect(result.proven).toMatchObject({ modelsVisible: 2, modelsLeftOut: 1 });
    expect(formatText(result.stages[0]!.label)).toBe('Server reachable, 2 chat models listed, 1 other left out (an embedding, audio, image, moderation or legacy model) (GET /models)');
  });
});

describe('an OpenAI-compatible base URL without /v1', () => {
  it.each([
    ['Ollama', '/ollama', 404],
    ['LM Studio', '/lmstudio', 200],
  ])('%s: says there is no model list there and offers the /v1 address in one click', async (name, path, status) => {
    const base = `${sim.url}${path}`;
    const result = await compatibleRuntime.verify(ctx({ name, baseUrl: base, models: [] }));
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'wrong_base_url', status, message: `No model list at ${base}/models.`, fix: { kind: 'useBaseUrl', baseUrl: `${base}/v1` } });
    expect(hint(result)).toBe(`There is no model list at ${base}. The server’s API answers at ${base}/v1: use that as the base URL.`);
    expect(hint(result)).not.toContain('does not know the model');
    expect(sim.requests.map((r) => r.path)).toEqual([`${path}/models`, `${path}/v1/models`]);
  });

  it('with model ids configured, the /v1 address is still what it says, before any chat call', async () => {
    const result = await compatibleRuntime.verify(ctx({ name: 'Ollama', baseUrl: `${sim.url}/ollama`, models: ['llama3.2:latest'] }));
    expect(result.error?.fix).toEqual({ kind: 'useBaseUrl', baseUrl: `${sim.url}/ollama/v1` });
    expect(sim.requests.some((r) => r.path.endsWith('/chat/completions'))).toBe(false);
  });

  it('when {base}/v1 has no list either, no fix is offered; the hint still names /v1', async () => {
    const result = await compatibleRuntime.verify(ctx({ name: 'Team gateway', baseUrl: `${sim.url}/gateway`, models: [] }, { apiKey: 'gw-key-0123456789' }));
    expect(result.error).toMatchObject({ kind: 'wrong_base_url' });
    expect(result.error?.fix).toBeUndefined();
    expect(hint(result)).toContain('it usually ends in /v1');
  });
});

describe('region blocks', () => {
  it('Gemini "User location is not supported for the API use." (400 FAILED_PRECONDITION) is a region block with the VPN hint', async () => {
    const result = await geminiRuntime.verify(ctx({ baseUrl: sim.url }, { apiKey: 'AIzaSy-sim-region_blocked-0123456789' }));
    expect(result.error).toMatchObject({ kind: 'permission_denied', status: 400, message: 'User location is not supported for the API use.' });
    expect(hint(result)).toBe('Google Gemini does not serve requests from your country or region. A VPN or proxy counts as the place it exits: switch it off or to a supported country, or use another provider.');
  });

  it('OpenAI "Country, region, or territory not supported" gets the same kind and hint', async () => {
    const result = await openAIRuntime.verify(ctx({ baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-sim-region_blocked-0123456789' }));
    expect(result.error).toMatchObject({ kind: 'permission_denied', status: 403 });
    expect(hint(result)).toBe('OpenAI does not serve requests from your country or region. A VPN or proxy counts as the place it exits: switch it off or to a supported country, or use another provider.');
  });
});

describe('Gemini error without a JSON content type', () => {
  it('is read as JSON anyway: the status line gets the sentence, and RetryInfo’s delay is kept', async () => {
    const result = await geminiRuntime.verify(ctx({ baseUrl: sim.url }, { apiKey: 'AIzaSy-sim-untyped_error-0123456789' }));
    expect(result.error).toMatchObject({ kind: 'rate_limited', status: 429, code: 'RESOURCE_EXHAUSTED', retryAfterSeconds: 21 });
    expect(result.error!.message).toMatch(/^You exceeded your current quota/);
    expect(result.error!.message).not.toContain('{');
    expect(hint(result)).toBe('Google Gemini is rate limiting this key. Try again in 21 s.');
  });
});

describe('waits stated only in the text', () => {
  it('OpenAI "Please try again in 20s." without headers', async () => {
    const result = await openAIRuntime.verify(ctx({ baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-sim-wait_in_text-0123456789' }));
    expect(result.error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 20 });
    expect(hint(result)).toBe('OpenAI is rate limiting this key. Try again in 20 s.');
  });

  const azure = (scenario: string, apiVersion = '2024-10-21') =>
    azureRuntime.verify(ctx({ endpoint: sim.url, authMode: 'apiKey', apiVersion, deployments: [{ name: 'gpt-4o' }] }, { apiKey: `azkey-sim-${scenario}-0123456789` }));

  it('Azure "Please retry after 2 seconds." without headers', async () => {
    const result = await azure('wait_in_text');
    expect(result.error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 2 });
    expect(hint(result)).toBe('Azure OpenAI is rate limiting this key. Try again in 2 s.');
  });

  it('Azure "Please retry after 86400 seconds." is a quota that resets in a day, not "wait a moment"', async () => {
    const result = await azure('daily_quota');
    expect(result.error).toMatchObject({ kind: 'quota_exhausted', status: 429, retryAfterSeconds: 86400 });
    expect(hint(result)).toBe('The quota of this Azure OpenAI key is used up; it resets in about 24 h. Try again then, or raise the quota or pricing tier in your Azure OpenAI account.');
  });

  it('Azure "Model {modelName} is enabled only for api versions 2024-12-01-preview and later" names the version to set', async () => {
    const old = await azure('api_version_too_old');
    expect(old.error).toMatchObject({ kind: 'azure_api_version_rejected', status: 400 });
    expect(hint(old)).toBe('Deployment gpt-4o needs API version 2024-12-01-preview or later, and API version is set to 2024-10-21. Set API version to 2024-12-01-preview (or newer), or use the /openai/v1/ endpoint.');
    const fixed = await azure('api_version_too_old', '2024-12-01-preview');
    expect(fixed.ok).toBe(true);
  });
});

describe('a key that never arrives', () => {
  it('OpenAI behind a proxy that strips the Authorization header: "received no key", not "get a new key"', async () => {
    const result = await openAIRuntime.verify(ctx({ baseUrl: `${sim.url}/header-stripping-proxy/v1` }, { apiKey: 'sk-proj-Q9vTgLmP3sXw8YzA1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tUabcd' }));
    expect(result.error).toMatchObject({ kind: 'missing_credentials', status: 401, message: '401 Missing bearer or basic authentication in header' });
    expect(hint(result)).toBe(
      'OpenAI received no key, although one was sent: a proxy or gateway on the way removed the Authorization header. The key itself may be fine; check the base URL and proxy settings (http.proxy), or ask the gateway’s admin to pass the header on.',
    );
  });

  it('an OpenAI-compatible endpoint with no key stored is asked for one', async () => {
    const result = await compatibleRuntime.verify(ctx({ name: 'Team proxy', baseUrl: `${sim.url}/header-stripping-proxy/v1`, models: [] }));
    expect(result.error).toMatchObject({ kind: 'missing_credentials' });
    expect(hint(result)).toBe('Team proxy requires an API key. Enter it and Verify.');
  });
});

describe('OpenRouter upstream detail', () => {
  it('keeps the upstream reason and the host’s name in the chat error, and says what to do', async () => {
    const model = 'meta-llama/llama-3.3-70b-instruct:free';
    const events: ChatEvent[] = [];
    const chatCtx = ctx({ name: 'OpenRouter', baseUrl: `${sim.url}/openrouter/api/v1`, models: [] }, { apiKey: 'sk-or-v1-sim-rate_limited-0000000000' });
    for await (const e of compatibleRuntime.streamChat(chatCtx, { modelId: model, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }, undefined)) events.push(e);
    expect(events).toHaveLength(1);
    const error = (events[0] as Extract<ChatEvent, { type: 'error' }>).error;
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(error.message).toBe(
      `429 Provider returned error (Chutes: ${model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations)`,
    );
    expect(formatText(error.hint)).toBe('Chutes, the model’s host behind OpenRouter, is rate limiting it. Try again shortly, pick another model, or add your own Chutes key in your OpenRouter account’s integrations.');
  });
});

describe('Bedrock: the cause, not the AWS SDK’s wording', () => {
  it('a body that is not AWS’s is "not an AWS response", without "Deserialization error … $response"', async () => {
    sim.setOverride('aws', { scenario: 'malformed_json' });
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS));
    expect(result.error).toMatchObject({ kind: 'unexpected_response', message: 'HTTP 200: the answer is not an AWS response (application/json).' });
    expect(hint(result)).toContain('for example a proxy’s login or block page');
    expect(JSON.stringify(result.error)).not.toMatch(/Deserialization|\$response|@aws-sdk|@smithy/);
  });

  it('a request timeout says so, without "@smithy/node-http-handler - [ERROR] … requestTimeout"', async () => {
    sim.setOverride('aws', { scenario: 'hang' });
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS, {}, 400));
    expect(result.error).toMatchObject({ kind: 'timeout', message: 'No answer in time; the request was stopped.' });
    expect(JSON.stringify(result.error)).not.toMatch(/@smithy|requestTimeout|ETIMEDOUT/);
  });
});
