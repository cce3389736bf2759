import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatMessage, ChatRequest, ChatTool } from '../../src/core/chat/types';
import { anthropicRuntime } from '../../src/core/providers/anthropic/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { chunkText, simulatedAnswer, simulatedInputTokens, simulatedOutputTokens } from '../simulator/providers/anthropicAnswer';
import { useSimulator } from './simulatorFixture';
import { collectEvents, userMessage } from '../support/chatEvents';

const sim = useSimulator();

const KEY = 'sk-ant-api03-chat-key-0123456789abcdef';
const MODEL = 'claude-haiku-4-5';

function ctx(apiKey = KEY, signal = new AbortController().signal): CallContext {
  return { settings: { baseUrl: sim.url }, secrets: { apiKey }, timeoutMs: 5_000, signal };
}

const messageRequests = () => sim.requests.filter((r) => r.provider === 'anthropic' && r.path === '/v1/messages');
const textOf = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : []));

describe('Anthropic streaming chat against the simulator', () => {
  it('streams the answer’s text deltas in order, then the usage the server reported', async () => {
    const request: ChatRequest = { modelId: MODEL, messages: [{ role: 'system', parts: [{ type: 'text', text: 'Answer briefly.' }] }, userMessage('What is a monad?')] };
    const events = await collectEvents(anthropicRuntime.streamChat(ctx(), request, undefined));

    const [recorded] = messageRequests();
    const body = JSON.parse(recorded!.body);
    const answer = simulatedAnswer(body, 'unused');
    const expectedText = answer[0]!.type === 'text' ? answer[0]!.chunks : [];
    expect(expectedText.length).toBeGreaterThan(3);
    expect(textOf(events)).toEqual(expectedText);
    expect(events.at(-1)).toEqual({ type: 'usage', inputTokens: simulatedInputTokens(body), outputTokens: simulatedOutputTokens(answer) });
    expect(events.filter((e) => e.type === 'error')).toHaveLength(0);

    // Sent as a stream, system prompt at the top level, with the required max_tokens.
    expect(body).toMatchObject({ model: MODEL, stream: true, system: 'Answer briefly.', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is a monad?' }] }] });
    expect(recorded!.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  it('takes max_tokens from the request, else from the model’s limit', async () => {
    await collectEvents(anthropicRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('a')], maxOutputTokens: 300 }, undefined));
    await collectEvents(anthropicRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('b')] }, { id: MODEL, maxOutputTokens: 64_000 }));
    expect(messageRequests().map((r) => JSON.parse(r.body).max_tokens)).toEqual([300, 64_000]);
  });

  it('merges consecutive same-role messages and sends images as base64 blocks', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const messages: ChatMessage[] = [
      userMessage('first'),
      { role: 'user', parts: [{ type: 'image', mimeType: 'image/png', data: png }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'noted' }] },
      userMessage('what is in the picture?'),
    ];
    const events = await collectEvents(anthropicRuntime.streamChat(ctx(), { modelId: MODEL, messages }, undefined));
    const body = JSON.parse(messageRequests()[0]!.body);
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'first' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: Buffer.from(png).toString('base64') } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'noted' }] },
      { role: 'user', content: [{ type: 'text', text: 'what is in the picture?' }] },
    ]);
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });

  it('round-trips a tool call: tool_use streamed as JSON pieces, then the tool_result sent back', async () => {
    const tools: ChatTool[] = [
      {
        name: 'workspace.read_file',
        description: 'Reads a file',
        inputSchema: { type: 'object', properties: { path: { type: 'string' }, maxLines: { type: 'integer' } }, required: ['path', 'maxLines'] },
      },
    ];
    const first = await collectEvents(anthropicRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('Open the readme')], tools, toolMode: 'auto' }, undefined));
    const call = first.find((e): e is Extract<ChatEvent, { type: 'toolCall' }> => e.type === 'toolCall');
    // The editor's tool name comes back, though the wire name had to drop the dot.
    expect(call).toMatchObject({ name: 'workspace.read_file', input: { path: 'sim-path', maxLines: 1 } });
    expect(call!.callId).toMatch(/^toolu_/);
    const firstBody = JSON.parse(messageRequests()[0]!.body);
    expect(firstBody.tools).toEqual([{ name: 'workspace_read_file', description: 'Reads a file', input_schema: tools[0]!.inputSchema }]);
    expect(firstBody.tool_choice).toEqual({ type: 'auto' });

    const second = await collectEvents(
      anthropicRuntime.streamChat(
        ctx(),
        {
          modelId: MODEL,
          tools,
          messages: [
            userMessage('Open the readme'),
            { role: 'assistant', parts: [{ type: 'text', text: 'Let me look.' }, { type: 'toolCall', callId: call!.callId, name: call!.name, input: call!.input }] },
            { role: 'user', parts: [{ type: 'text', text: 'here you go' }, { type: 'toolResult', callId: call!.callId, content: '# Readme\nHello' }] },
          ],
        },
        undefined,
      ),
    );
    const secondBody = JSON.parse(messageRequests()[1]!.body);
    expect(secondBody.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: call!.callId, name: 'workspace_read_file', input: { path: 'sim-path', maxLines: 1 } }],
    });
    // tool_result must open the user turn that follows the tool_use.
    expect(secondBody.messages[2].content[0]).toEqual({ type: 'tool_result', tool_use_id: call!.callId, content: '# Readme\nHello' });
    expect(textOf(second).join('')).toBe('The tool returned: # Readme\nHello');
  });

  it('asks for a tool with tool_choice any when the editor requires one', async () => {
    await collectEvents(anthropicRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('go')], tools: [{ name: 't', description: 'd' }], toolMode: 'required' }, undefined));
    const body = JSON.parse(messageRequests()[0]!.body);
    expect(body.tool_choice).toEqual({ type: 'any' });
    expect(body.tools[0].input_schema).toEqual({ type: 'object', properties: {} });
  });

  it('cancelling mid-stream closes the connection and ends with one cancelled error', async () => {
    sim.setOverride('anthropic', { chunkDelayMs: 150 });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    for await (const e of anthropicRuntime.streamChat(ctx(KEY, controller.signal), { modelId: MODEL, messages: [userMessage('tell me a long story')] }, undefined)) {
      events.push(e);
      if (e.type === 'text') controller.abort(Object.assign(new Error('Chat cancelled'), { name: 'AbortError' }));
    }
    expect(textOf(events)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.error.kind)).toEqual(['cancelled']);
    await new Promise((r) => setTimeout(r, 100));
    expect(messageRequests()[0]!.clientClosedEarly).toBe(true);
  });

  it('a consumer that stops reading early also closes the connection', async () => {
    sim.setOverride('anthropic', { chunkDelayMs: 150 });
    for await (const e of anthropicRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('another long story')] }, undefined)) {
      if (e.type === 'text') break;
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(messageRequests()[0]!.clientClosedEarly).toBe(true);
  });

  it.each([
    ['invalid_key', 'invalid_key'],
    ['quota_exhausted', 'quota_exhausted'],
    ['overloaded', 'overloaded'],
    ['model_not_found', 'model_not_found'],
    ['html', 'unexpected_response'],
    ['reset', 'network_unreachable'],
  ] as const)('a %s answer ends the stream with one %s error and no text', async (scenario, kind) => {
    const key = `sk-ant-api03-sim-${scenario}-0123456789abcdef`;
    const events = await collectEvents(anthropicRuntime.streamChat(ctx(key), { modelId: MODEL, messages: [userMessage('hi')] }, undefined));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { kind } });
    expect(JSON.stringify(events)).not.toContain(key);
  });

  it('keeps concurrent streams apart', async () => {
    sim.setOverride('anthropic', { chunkDelayMs: 5 });
    const [a, b] = await Promise.all([
      collectEvents(anthropicRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('alpha alpha')] }, undefined)),
      collectEvents(anthropicRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('beta beta beta')] }, undefined)),
    ]);
    expect(textOf(a).join('')).toMatch(/You said: alpha alpha$/);
    expect(textOf(b).join('')).toMatch(/You said: beta beta beta$/);
    expect(textOf(a)).toEqual(chunkText(textOf(a).join('')));
  });
});

describe('Anthropic token counting', () => {
  const countRequests = () => sim.requests.filter((r) => r.provider === 'anthropic' && r.path === '/v1/messages/count_tokens');

  it('returns the free counter’s answer and caches it (one request for two calls)', async () => {
    const text = 'How many tokens is this sentence, exactly?';
    const first = await anthropicRuntime.countTokens(ctx(), MODEL, text);
    const second = await anthropicRuntime.countTokens(ctx(), MODEL, text);
    const requests = countRequests();
    expect(requests).toHaveLength(1);
    expect(first).toBe(simulatedInputTokens(JSON.parse(requests[0]!.body)));
    expect(second).toBe(first);
    expect(JSON.parse(requests[0]!.body)).toEqual({ model: MODEL, messages: [{ role: 'user', content: [{ type: 'text', text }] }] });
  });

  it('counts other text, models and whole messages separately', async () => {
    const a = await anthropicRuntime.countTokens(ctx(), MODEL, 'short');
    const b = await anthropicRuntime.countTokens(ctx(), 'claude-opus-4-5', 'short');
    const c = await anthropicRuntime.countTokens(ctx(), MODEL, {
      role: 'assistant',
      parts: [{ type: 'text', text: 'calling a tool' }, { type: 'toolCall', callId: 'toolu_1', name: 'search', input: { q: 'x' } }],
    });
    expect(countRequests()).toHaveLength(3);
    expect([a, b, c]).toEqual(countRequests().map((r) => simulatedInputTokens(JSON.parse(r.body))));
  });

  it('falls back to a local estimate when the counter fails, and asks again next time', async () => {
    const text = 'rate limited sentence with several words in it';
    const estimate = await anthropicRuntime.countTokens(ctx('sk-ant-sim-rate_limited-0123456789'), MODEL, text);
    expect(estimate).toBeGreaterThan(3);
    expect(estimate).toBeLessThan(text.length);
    const real = await anthropicRuntime.countTokens(ctx(), MODEL, text);
    expect(countRequests()).toHaveLength(2);
    expect(real).toBe(simulatedInputTokens(JSON.parse(countRequests()[1]!.body)));
  });
});
