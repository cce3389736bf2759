import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest } from '../../src/core/chat/types';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const KEY = 'azchatkey0123456789abcdef';

function ctx(settings: Record<string, unknown> = {}, signal = new AbortController().signal, apiKey = KEY): CallContext {
  return {
    settings: { endpoint: sim.url, authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o' }, { name: 'prod-reasoner' }], ...settings },
    secrets: { apiKey },
    timeoutMs: 5_000,
    signal,
  };
}

function ask(text: string, modelId = 'gpt-4o', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { modelId, messages: [{ role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] }, { role: 'user', parts: [{ type: 'text', text }] }], ...extra };
}

async function collect(events: AsyncIterable<ChatEvent>, onEvent?: (e: ChatEvent) => void): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of events) {
    out.push(e);
    onEvent?.(e);
  }
  return out;
}

const texts = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
const chatRequests = () => sim.requests.filter((r) => r.provider === 'azure' && r.method === 'POST');

describe('Azure chat', () => {
  it('streams the answer in order, then the usage Azure reports', async () => {
    sim.setOverride('azure', { chunkDelayMs: 5 });
    const events = await collect(azureRuntime.streamChat(ctx(), ask('What is BYOK?'), undefined));
    expect(texts(events).length).toBeGreaterThan(3);
    expect(texts(events).join('')).toBe('Hello from Azure deployment gpt-4o. You said: What is BYOK?');
    expect(events.at(-1)).toMatchObject({ type: 'usage', outputTokens: texts(events).length });
    expect(events.some((e) => e.type === 'error')).toBe(false);
    const request = chatRequests()[0]!;
    expect(request.path).toBe('/openai/deployments/gpt-4o/chat/completions');
    expect(JSON.parse(request.body)).toMatchObject({ stream: true, stream_options: { include_usage: true }, messages: [{ role: 'system' }, { role: 'user' }] });
  });

  it('streams on the /openai/v1/ surface with the deployment as model', async () => {
    const events = await collect(azureRuntime.streamChat(ctx({ endpoint: `${sim.url}/openai/v1/` }), ask('hi'), undefined));
    expect(texts(events).join('')).toBe('Hello from Azure deployment gpt-4o. You said: hi');
    expect(chatRequests()[0]).toMatchObject({ path: '/openai/v1/chat/completions' });
    expect(JSON.parse(chatRequests()[0]!.body).model).toBe('gpt-4o');
  });

  it('round-trips a tool call: the call with parsed input, then the answer that uses its result', async () => {
    const tools = [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
    const first = await collect(azureRuntime.streamChat(ctx(), ask('Weather in Paris?', 'gpt-4o', { tools }), undefined));
    const call = first.find((e) => e.type === 'toolCall');
    expect(call).toMatchObject({ type: 'toolCall', name: 'get_weather', input: { city: 'example' } });
    if (call?.type !== 'toolCall') throw new Error('no tool call');

    const second = await collect(
      azureRuntime.streamChat(
        ctx(),
        {
          modelId: 'gpt-4o',
          tools,
          messages: [
            { role: 'user', parts: [{ type: 'text', text: 'Weather in Paris?' }] },
            { role: 'assistant', parts: [{ type: 'toolCall', callId: call.callId, name: call.name, input: call.input }] },
            { role: 'user', parts: [{ type: 'toolResult', callId: call.callId, content: 'sunny, 21 °C' }] },
          ],
        },
        undefined,
      ),
    );
    expect(texts(second).join('')).toBe('The tool returned: sunny, 21 °C');
    const sent = JSON.parse(chatRequests()[1]!.body) as { messages: { role: string; tool_call_id?: string }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(sent.messages[2]!.tool_call_id).toBe(call.callId);
  });

  it('a deployment hiding a reasoning model is retried once with max_completion_tokens', async () => {
    const events = await collect(azureRuntime.streamChat(ctx(), ask('hi', 'prod-reasoner', { maxOutputTokens: 100, temperature: 0.2 }), undefined));
    expect(texts(events).join('')).toContain('Hello from Azure deployment prod-reasoner');
    const bodies = chatRequests().map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(bodies.map((b) => [b.max_tokens, b.max_completion_tokens, b.temperature])).toEqual([
      [100, undefined, 0.2],
      [undefined, 100, undefined],
    ]);
  });

  it('once verification learned the model family, the first request already uses the reasoning parameters', async () => {
    const events = await collect(azureRuntime.streamChat(ctx(), ask('hi', 'prod-reasoner', { maxOutputTokens: 100 }), { id: 'prod-reasoner', family: 'o3-mini' }));
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(chatRequests().map((r) => (JSON.parse(r.body) as Record<string, unknown>).max_completion_tokens)).toEqual([100]);
  });

  it('cancelling mid-stream closes the connection and ends with a cancelled error', async () => {
    sim.setOverride('azure', { chunkDelayMs: 100 });
    const controller = new AbortController();
    const events = await collect(azureRuntime.streamChat(ctx({}, controller.signal), ask('a long answer please'), undefined), (e) => {
      if (e.type === 'text') controller.abort();
    });
    expect(texts(events).length).toBeLessThan(4);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'cancelled' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(chatRequests()[0]!.clientClosedEarly).toBe(true);
  });

  it('an unknown deployment ends the stream with deployment_not_found', async () => {
    const events = await collect(azureRuntime.streamChat(ctx(), ask('hi', 'gpt4o-typo'), undefined));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { kind: 'deployment_not_found', step: 'chat gpt4o-typo' } });
    expect(formatText((events[0] as Extract<ChatEvent, { type: 'error' }>).error.hint)).toMatch(/No deployment named gpt4o-typo/);
  });

  it('a prompt blocked by the content filter is reported as such', async () => {
    const events = await collect(azureRuntime.streamChat(ctx(), ask('please trigger content filter'), undefined));
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ error: { kind: 'bad_request', code: 'content_filter', status: 400 } });
    if (error?.type === 'error') expect(formatText(error.error.hint)).toMatch(/content filter blocked the prompt/);
  });

  it('rate limiting during chat carries retry-after, and the key never appears', async () => {
    const key = 'CANARYchat0123456789-sim-rate_limited';
    const events = await collect(azureRuntime.streamChat(ctx({}, undefined, key), ask('hi'), undefined));
    expect(events).toEqual([expect.objectContaining({ type: 'error', error: expect.objectContaining({ kind: 'rate_limited', retryAfterSeconds: 6 }) })]);
    expect(JSON.stringify(events)).not.toContain('CANARYchat');
  });

  it('an HTML page instead of the API -> wrong_base_url', async () => {
    const events = await collect(azureRuntime.streamChat(ctx({}, undefined, 'k-sim-html-0123456789'), ask('hi'), undefined));
    expect(events).toEqual([expect.objectContaining({ type: 'error', error: expect.objectContaining({ kind: 'wrong_base_url' }) })]);
  });
});

describe('Azure token counting', () => {
  it('uses the OpenAI tokenizer of the deployment’s model', async () => {
    const c = ctx({ deployments: [{ name: 'chat', model: 'gpt-4o-mini' }] });
    expect(await azureRuntime.countTokens(c, 'chat', 'Hello world')).toBe(2);
    const message = await azureRuntime.countTokens(c, 'chat', { role: 'user', parts: [{ type: 'text', text: 'Hello world' }] });
    expect(message).toBeGreaterThan(2);
  });
});
