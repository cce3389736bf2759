import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import { compatibleRuntime } from '../../src/core/providers/compatible/runtime';
import { openAIRuntime } from '../../src/core/providers/openai/runtime';
import type { CallContext } from '../../src/core/providers/types';
import type { ChatEvent, ChatRequest } from '../../src/core/chat/types';
import { formatText } from '../../src/core/text';
import { describeChatModel } from '../../src/host/chatModelInfo';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';

/**
 * What verification tells VS Code about each model (through describeChatModel, as the chat
 * provider hands it over): tool calling decides whether a model appears in Agent mode.
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function ctx(settings: Record<string, unknown>, secrets: Record<string, string> = {}): CallContext {
  return { settings, secrets, timeoutMs: 5_000, signal: new AbortController().signal };
}

describe('capabilities VS Code sees after Verify', () => {
  it('OpenAI: gpt-4o-mini calls tools, takes images and has its documented 128K context', async () => {
    const result = await openAIRuntime.verify(ctx({ baseUrl: `${sim.url}/v1` }, { apiKey: 'sk-proj-valid-key-0001' }));
    expect(result.ok).toBe(true);
    const mini = result.models.find((m) => m.id === 'gpt-4o-mini')!;
    expect(mini).toMatchObject({ toolCalling: true, imageInput: true, contextWindow: 128_000, maxOutputTokens: 16_384 });
    const shown = describeChatModel('openai', 'OpenAI', mini);
    expect(shown).toMatchObject({ toolCalling: true, imageInput: true, maxInputTokens: 128_000 - 16_384, maxOutputTokens: 16_384, assumedLimits: false });
    // Of the chat models the simulator lists, only chatgpt-4o-latest cannot call tools (as OpenAI documents it).
    expect(result.models.filter((m) => !m.toolCalling).map((m) => m.id)).toEqual(['chatgpt-4o-latest']);
    expect(result.models.find((m) => m.id === 'gpt-4.1')).toMatchObject({ contextWindow: 1_047_576 });
    expect(result.models.find((m) => m.id === 'o4-mini')).toMatchObject({ contextWindow: 200_000, imageInput: true });
    expect(result.models.find((m) => m.id === 'o3-mini')).toMatchObject({ contextWindow: 200_000, imageInput: false });
    expect(result.models.find((m) => m.id === 'gpt-5-mini')).toMatchObject({ contextWindow: 400_000 });
  });

  it('Ollama: a pulled model without metadata is offered with tool calling, limits marked assumed', async () => {
    const result = await compatibleRuntime.verify(ctx({ name: 'Ollama', baseUrl: `${sim.url}/ollama/v1`, models: [] }));
    expect(result.ok).toBe(true);
    const llama = result.models.find((m) => m.id === 'llama3.2:latest')!;
    expect(describeChatModel('compatible.ollama', 'Ollama', llama)).toMatchObject({ toolCalling: true, imageInput: false, assumedLimits: true });
  });

  it('OpenRouter: supported_parameters decides tool calling per model', async () => {
    const result = await compatibleRuntime.verify(ctx({ name: 'OpenRouter', baseUrl: `${sim.url}/openrouter/api/v1`, models: [] }, { apiKey: 'sk-or-v1-valid-0123456789' }));
    expect(result.ok).toBe(true);
    expect(result.models.find((m) => m.id === 'openai/gpt-4o-mini')).toMatchObject({ toolCalling: true, imageInput: true, contextWindow: 128_000 });
    // Its free Llama lists no "tools": not offered to Agent mode.
    expect(result.models.find((m) => m.id === 'meta-llama/llama-3.3-70b-instruct:free')).toMatchObject({ toolCalling: false, imageInput: false });
  });

  it('Azure: a deployment whose name hides the model gets the capabilities of the model Azure answered with', async () => {
    const result = await azureRuntime.verify(
      ctx({ endpoint: sim.url, authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'chat', model: 'gpt-4o-mini' }, { name: 'gpt-4o' }] }, { apiKey: 'azkey-valid-0123456789' }),
    );
    expect(result.ok).toBe(true);
    expect(result.models.map((m) => [m.id, m.toolCalling, m.imageInput, m.contextWindow])).toEqual([
      ['chat', true, true, 128_000],
      ['gpt-4o', true, true, 128_000],
    ]);
  });
});

describe('a compatible model offered with tools that cannot use them', () => {
  const tools = [{ name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }];
  const hi: ChatRequest['messages'] = [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }];

  async function chat(modelId: string, withTools: boolean): Promise<ChatEvent[]> {
    const events: ChatEvent[] = [];
    const request: ChatRequest = { modelId, messages: hi, ...(withTools ? { tools } : {}) };
    for await (const e of compatibleRuntime.streamChat(ctx({ name: 'Ollama', baseUrl: `${sim.url}/ollama/v1`, models: [] }), request, { id: modelId })) events.push(e);
    return events;
  }

  it('Ollama refuses the request with tools, and the error names the model and the tools parameter', async () => {
    const events = await chat('gemma3:4b', true);
    expect(events).toHaveLength(1);
    const error = (events[0] as Extract<ChatEvent, { type: 'error' }>).error;
    expect(error).toMatchObject({ kind: 'bad_request', status: 400 });
    expect(error.message).toMatch(/gemma3:4b does not support tools/);
    expect(formatText(error.hint)).toBe('The model gemma3:4b does not accept the parameter tools. Pick another model or report this.');
  });

  it('the same model answers without tools (Ask mode)', async () => {
    const events = await chat('gemma3:4b', false);
    expect(events.some((e) => e.type === 'text')).toBe(true);
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });
});
