import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens as cl100kCount } from 'gpt-tokenizer/encoding/cl100k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest, ChatTool } from '../../src/core/chat/types';
import { openAIRuntime } from '../../src/core/providers/openai/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';
import { collectEvents } from '../support/chatEvents';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function ctx(apiKey = 'sk-proj-chat-key-0001', signal = new AbortController().signal): CallContext {
  return { settings: { baseUrl: `${sim.url}/v1` }, secrets: { apiKey }, timeoutMs: 5_000, signal };
}

const chatRequests = () => sim.requests.filter((r) => r.provider === 'openai' && r.path === '/v1/chat/completions');
const texts = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : []));

const weatherTool: ChatTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('OpenAI chat', () => {
  it('streams text in order, then the usage the server reported', async () => {
    const request: ChatRequest = {
      modelId: 'gpt-4o-mini',
      messages: [
        { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', parts: [{ type: 'text', text: 'Say hello to the team' }] },
      ],
      temperature: 0.2,
    };
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), request, undefined));
    const chunks = texts(events);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('')).toBe('Hello from the simulator! You said: Say hello to the team.');
    const usage = events.at(-1)!;
    const [recorded] = chatRequests();
    const body = JSON.parse(recorded!.body);
    // The simulator reports the byte length of the messages JSON as prompt tokens, one output token per chunk.
    expect(usage).toEqual({ type: 'usage', inputTokens: Buffer.byteLength(JSON.stringify(body.messages)), outputTokens: chunks.length });
    expect(body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello to the team' },
      ],
    });
  });

  it('round-trips a tool call: streamed argument pieces become one parsed call, the result goes back as a tool message', async () => {
    const first: ChatRequest = {
      modelId: 'gpt-4o',
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'Use get_weather for Paris' }] }],
      tools: [weatherTool],
    };
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), first, undefined));
    const call = events.find((e) => e.type === 'toolCall');
    expect(call).toMatchObject({ type: 'toolCall', name: 'get_weather', input: { city: 'Paris' } });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const callId = (call as { callId: string }).callId;
    expect(callId).toMatch(/^call_/);
    expect(JSON.parse(chatRequests()[0]!.body)).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherTool.inputSchema } }],
      tool_choice: 'auto',
    });

    const second: ChatRequest = {
      ...first,
      messages: [
        ...first.messages,
        { role: 'assistant', parts: [{ type: 'toolCall', callId, name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', parts: [{ type: 'toolResult', callId, content: 'Sunny, 21 °C' }] },
      ],
    };
    const answer = await collectEvents(openAIRuntime.streamChat(ctx(), second, undefined));
    expect(texts(answer).join('')).toBe('The tool answered: Sunny, 21 °C');
    const sent = JSON.parse(chatRequests()[1]!.body).messages;
    expect(sent.slice(1)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: callId, content: 'Sunny, 21 °C' },
    ]);
  });

  it('a tool with an array parameter lacking items (common in MCP tools) does not fail the request', async () => {
    const tool: ChatTool = { name: 'read_files', description: 'Reads files', inputSchema: { type: 'object', properties: { paths: { type: 'array' } } } };
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), { modelId: 'gpt-4o', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }], tools: [tool] }, undefined));
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(JSON.parse(chatRequests()[0]!.body).tools[0].function.parameters.properties.paths).toEqual({ type: 'array', items: {} });
  });

  it('sends images as data URLs', async () => {
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    const request: ChatRequest = {
      modelId: 'gpt-4o',
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: png }] }],
    };
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), request, undefined));
    expect(texts(events).join('')).toContain('I see 1 image.');
    const content = JSON.parse(chatRequests()[0]!.body).messages[0].content;
    expect(content[1]).toEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(png).toString('base64')}` } });
  });

  it('a reasoning model gets max_completion_tokens and no temperature', async () => {
    const request: ChatRequest = { modelId: 'o4-mini', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }], maxOutputTokens: 500, temperature: 0.3 };
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), request, undefined));
    expect(events.some((e) => e.type === 'error')).toBe(false);
    const bodies = chatRequests().map((r) => JSON.parse(r.body));
    expect(bodies).toHaveLength(1);
    expect(bodies[0].max_completion_tokens).toBe(500);
    expect(bodies[0]).not.toHaveProperty('max_tokens');
    expect(bodies[0]).not.toHaveProperty('temperature');
  });

  it('a reasoning model the id does not reveal is retried once with the other parameter set', async () => {
    const request: ChatRequest = { modelId: 'codex-mini-latest', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }], maxOutputTokens: 200, temperature: 0.3 };
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), request, undefined));
    expect(texts(events).join('')).toContain('You said: hi');
    const bodies = chatRequests().map((r) => JSON.parse(r.body));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ max_tokens: 200, temperature: 0.3 });
    expect(bodies[1].max_completion_tokens).toBe(200);
    expect(bodies[1]).not.toHaveProperty('temperature');
  });

  it('cancelling closes the connection and ends with one cancelled error', async () => {
    sim.setOverride('openai', { chunkDelayMs: 100 });
    const controller = new AbortController();
    const request: ChatRequest = { modelId: 'gpt-4o-mini', messages: [{ role: 'user', parts: [{ type: 'text', text: 'tell me a long story about the sea and the wind' }] }] };
    const events: ChatEvent[] = [];
    for await (const e of openAIRuntime.streamChat(ctx(undefined, controller.signal), request, undefined)) {
      events.push(e);
      if (e.type === 'text' && events.length === 2) controller.abort(new DOMException('user cancelled', 'AbortError'));
    }
    const errors = events.filter((e) => e.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ error: { kind: 'cancelled' } });
    await expect.poll(() => chatRequests()[0]?.clientClosedEarly, { timeout: 2_000 }).toBe(true);
  });

  it.each([
    ['quota_exhausted', 'quota_exhausted'],
    ['no_model_access', 'model_access_not_enabled'],
    ['rate_limited', 'rate_limited'],
    ['html', 'wrong_base_url'],
    ['malformed_json', 'unexpected_response'],
    ['invalid_key', 'invalid_key'],
  ])('a %s answer ends the stream with one %s error event, redacted', async (scenario, kind) => {
    const key = `sk-proj-sim-${scenario}-canary-5e1f0a9b7c3d2468`;
    const events = await collectEvents(openAIRuntime.streamChat(ctx(key), { modelId: 'gpt-4o-mini', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }, undefined));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { kind } });
    expect(formatText((events[0] as { error: { hint: Parameters<typeof formatText>[0] } }).error.hint)).not.toBe('');
    expect(JSON.stringify(events)).not.toContain('canary-5e1f0a9b7c3d2468');
  });
});

describe('OpenAI token counting', () => {
  const sample = 'function add(a, b) { return a + b; } // Grüße, 東京 🚀';

  it('counts with the model’s tokenizer, not characters ÷ 4', async () => {
    const count = await openAIRuntime.countTokens(ctx(), 'gpt-4o', sample);
    expect(count).toBe(o200kCount(sample));
    expect(count).not.toBe(Math.ceil(sample.length / 4));
    expect(await openAIRuntime.countTokens(ctx(), 'gpt-4', sample)).toBe(cl100kCount(sample));
  });

  it('counts a message with its parts and per-message overhead', async () => {
    const count = await openAIRuntime.countTokens(ctx(), 'gpt-4o-mini', { role: 'user', parts: [{ type: 'text', text: sample }] });
    expect(count).toBe(o200kCount(sample) + 3);
    expect(sim.requests).toHaveLength(0);
  });
});
