import { GoogleGenAI } from '@google/genai/web';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatMessage, ChatRequest, ChatTool } from '../../src/core/chat/types';
import { geminiRuntime } from '../../src/core/providers/gemini/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import { simulatedAnswer, simulatedContentTokens, simulatedOutputTokens, simulatedPromptTokens, type GeminiGenerateBody } from '../simulator/providers/geminiAnswer';
import { MIDSTREAM_ERROR_MARKER, SIMULATED_THOUGHT_TOKENS } from '../simulator/providers/gemini';
import { EDITOR_TOOLS } from './geminiEditorTools';
import { useSimulator } from './simulatorFixture';
import { collectEvents, userMessage } from '../support/chatEvents';

const sim = useSimulator();

const KEY = 'AIzaSyValidKeyForTheSimulator0123456789';
const MODEL = 'gemini-2.5-flash';

function ctx(apiKey = KEY, signal = new AbortController().signal): CallContext {
  return { settings: { baseUrl: sim.url }, secrets: { apiKey }, timeoutMs: 5_000, signal };
}

const texts = (events: ChatEvent[]) => events.filter((e): e is Extract<ChatEvent, { type: 'text' }> => e.type === 'text').map((e) => e.text);
const streamRequests = () => sim.requests.filter((r) => r.provider === 'gemini' && r.path.endsWith(':streamGenerateContent'));
const bodyOf = (i: number) => JSON.parse(streamRequests()[i]!.body) as GeminiGenerateBody & Record<string, unknown>;

describe('Gemini chat against the simulator', () => {
  it('streams the answer in order, with system instruction and both roles, and reports usage', async () => {
    sim.setOverride('gemini', { chunkDelayMs: 5 });
    const request: ChatRequest = {
      modelId: MODEL,
      messages: [
        { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
        userMessage('Hi'),
        { role: 'assistant', parts: [{ type: 'text', text: 'Hello!' }] },
        userMessage('What is 2+2?'),
      ],
      maxOutputTokens: 500,
      temperature: 0.2,
    };
    const events = await collectEvents(geminiRuntime.streamChat(ctx(), request, undefined));

    const body = bodyOf(0);
    expect(streamRequests()[0]!.query).toBe('alt=sse');
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });
    expect(body.contents!.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(body.generationConfig).toMatchObject({ maxOutputTokens: 500, temperature: 0.2 });

    const expected = simulatedAnswer(body, MODEL).map((p) => ('text' in p ? p.text : ''));
    expect(texts(events)).toEqual(expected);
    expect(texts(events).join('')).toBe(`Hello from the Gemini simulator (${MODEL}). You said: What is 2+2?`);
    // Thinking tokens are billed as output, so they count with the answer's (and are reported as reasoning);
    // the follow-up turn reads part of its prompt from Gemini's cache (cachedContentTokenCount, within promptTokenCount).
    expect(events.at(-1)).toEqual({
      type: 'usage',
      inputTokens: simulatedPromptTokens(body),
      outputTokens: simulatedOutputTokens(simulatedAnswer(body, MODEL)) + SIMULATED_THOUGHT_TOKENS,
      cacheReadTokens: Math.floor(simulatedPromptTokens(body) / 2),
      reasoningTokens: SIMULATED_THOUGHT_TOKENS,
    });
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });

  it('sends images as inlineData', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const events = await collectEvents(
      geminiRuntime.streamChat(ctx(), { modelId: MODEL, messages: [{ role: 'user', parts: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: png }] }] }, undefined),
    );
    expect(bodyOf(0).contents![0]!.parts![1]).toEqual({ inlineData: { mimeType: 'image/png', data: Buffer.from(png).toString('base64') } });
    expect(texts(events).join('')).toMatch(/I see 1 image\./);
  });

  it('round-trips a tool call: functionCall → toolCall with an id → functionResponse with the function name', async () => {
    const tools: ChatTool[] = [{ name: 'mcp/weather lookup', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } }];
    const first: ChatRequest = { modelId: MODEL, messages: [userMessage('Weather in Paris?')], tools, toolMode: 'required' };
    const events = await collectEvents(geminiRuntime.streamChat(ctx(), first, undefined));

    const sent = bodyOf(0) as { tools: { functionDeclarations: { name: string; parameters: unknown }[] }[]; toolConfig: unknown };
    const wireName = sent.tools[0]!.functionDeclarations[0]!.name;
    expect(wireName).toMatch(/^[A-Za-z_][A-Za-z0-9_.:-]*$/);
    expect(sent.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    const call = events.find((e): e is Extract<ChatEvent, { type: 'toolCall' }> => e.type === 'toolCall')!;
    // The simulator, like the Gemini API, sends no call id: the runtime makes one and maps the name back.
    expect(call.callId).toMatch(/^call_/);
    expect(call).toMatchObject({ name: 'mcp/weather lookup', input: { city: 'sim-city' } });

    const second: ChatRequest = {
      modelId: MODEL,
      tools,
      messages: [
        userMessage('Weather in Paris?'),
        { role: 'assistant', parts: [{ type: 'text', text: 'Let me look.' }, { type: 'toolCall', callId: call.callId, name: call.name, input: call.input }] },
        { role: 'user', parts: [{ type: 'toolResult', callId: call.callId, content: 'Sunny, 21 °C' }] },
      ],
    };
    const answer = await collectEvents(geminiRuntime.streamChat(ctx(), second, undefined));
    const body = bodyOf(1);
    const [, model, results] = body.contents!;
    expect(model!.role).toBe('model');
    // The thought signature Gemini attached to the call goes back with it.
    expect(model!.parts![1]).toEqual({ functionCall: { name: wireName, args: { city: 'sim-city' } }, thoughtSignature: Buffer.from(`sig:${wireName}`).toString('base64') });
    expect(results).toEqual({ role: 'user', parts: [{ functionResponse: { name: wireName, response: { output: 'Sunny, 21 °C' } } }] });
    expect(texts(answer).join('')).toBe('The tool returned: {"output":"Sunny, 21 °C"}');
  });

  it('translates editor tool schemas the simulator (like Gemini) would reject, and the request goes through', async () => {
    // Control: the same schemas sent untranslated through the SDK are refused with 400 INVALID_ARGUMENT.
    const ai = new GoogleGenAI({ apiKey: KEY, vertexai: false, httpOptions: { baseUrl: sim.url } });
    const raw = EDITOR_TOOLS.map((t) => ({ name: t.name, description: t.description, parameters: t.inputSchema }));
    const refused = await ai.models.generateContent({ model: MODEL, contents: 'hi', config: { tools: [{ functionDeclarations: raw }] } }).then(
      () => undefined,
      (err: { status?: number; message: string }) => err,
    );
    expect(refused?.status).toBe(400);
    const refusal = JSON.parse(refused!.message).error as { status: string; message: string };
    expect(refusal.status).toBe('INVALID_ARGUMENT');
    expect(refusal.message).toMatch(/function_declarations\[\d+\]\.parameters/);

    const events = await collectEvents(geminiRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('Go')], tools: EDITOR_TOOLS }, undefined));
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(events.find((e) => e.type === 'toolCall')).toMatchObject({ name: EDITOR_TOOLS[0]!.name });
    const declared = (bodyOf(0) as { tools: { functionDeclarations: { name: string }[] }[] }).tools[0]!.functionDeclarations;
    expect(declared).toHaveLength(EDITOR_TOOLS.length);
  });

  it('Gemini 3: a tool call whose thought signature is unknown (e.g. after a reload) gets the documented stand-in', async () => {
    const model = 'gemini-3-pro-preview';
    const history: ChatMessage[] = [
      userMessage('List the files'),
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'call_from_before_reload', name: 'copilot_getChangedFiles', input: {} }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'call_from_before_reload', content: 'a.ts' }] },
    ];
    // Control: the simulator, like Gemini 3, refuses the current turn's call without a signature.
    const ai = new GoogleGenAI({ apiKey: KEY, vertexai: false, httpOptions: { baseUrl: sim.url } });
    const refused = await ai.models
      .generateContent({ model, contents: [{ role: 'user', parts: [{ text: 'List the files' }] }, { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] }, { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 'a.ts' } } }] }] })
      .then(() => undefined, (err: { status?: number; message: string }) => err);
    expect(refused?.status).toBe(400);
    expect(refused!.message).toMatch(/missing a thought_signature/);

    const events = await collectEvents(geminiRuntime.streamChat(ctx(), { modelId: model, messages: history, tools: EDITOR_TOOLS.slice(0, 2) }, undefined));
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(bodyOf(0).contents![1]!.parts![0]).toEqual({ functionCall: { name: 'copilot_getChangedFiles', args: {} }, thoughtSignature: 'skip_thought_signature_validator' });
  });

  it('cancelling mid-stream closes the connection and ends with a cancelled error', async () => {
    sim.setOverride('gemini', { chunkDelayMs: 150 });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    for await (const e of geminiRuntime.streamChat(ctx(KEY, controller.signal), { modelId: MODEL, messages: [userMessage('Tell me a long story')] }, undefined)) {
      events.push(e);
      if (e.type === 'text') controller.abort(new DOMException('The user cancelled', 'AbortError'));
    }
    expect(texts(events)).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'cancelled' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(streamRequests()[0]!.clientClosedEarly).toBe(true);
  });

  it('a consumer that stops reading early also closes the connection', async () => {
    sim.setOverride('gemini', { chunkDelayMs: 150 });
    for await (const e of geminiRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage('Tell me a long story')] }, undefined)) {
      if (e.type === 'text') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(streamRequests()[0]!.clientClosedEarly).toBe(true);
  });

  const failures = [
    { scenario: 'quota_exhausted', kind: 'quota_exhausted', status: 429 },
    { scenario: 'rate_limited', kind: 'rate_limited', status: 429, retryAfterSeconds: 38 },
    { scenario: 'invalid_key', kind: 'invalid_key', status: 400 },
    { scenario: 'overloaded', kind: 'overloaded', status: 503 },
    { scenario: 'model_not_found', kind: 'model_not_found', status: 404 },
    { scenario: 'no_model_access', kind: 'model_access_not_enabled', status: 403 },
  ] as const;
  for (const f of failures) {
    it(`ends with one ${f.kind} error event on ${f.scenario}`, async () => {
      const key = `AIzaSy-sim-${f.scenario}-0123456789abcdef`;
      const events = await collectEvents(geminiRuntime.streamChat(ctx(key), { modelId: MODEL, messages: [userMessage('Hi')] }, undefined));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'error', error: { kind: f.kind, status: f.status } });
      const error = (events[0] as Extract<ChatEvent, { type: 'error' }>).error;
      if ('retryAfterSeconds' in f) expect(error.retryAfterSeconds).toBe(f.retryAfterSeconds);
      expect(formatText(error.hint).length).toBeGreaterThan(20);
      expect(JSON.stringify(events)).not.toContain(key);
    });
  }

  it('an error frame in the middle of the stream ends it with a classified error after the text so far', async () => {
    const events = await collectEvents(geminiRuntime.streamChat(ctx(), { modelId: MODEL, messages: [userMessage(`Go on ${MIDSTREAM_ERROR_MARKER}`)] }, undefined));
    expect(events.map((e) => e.type)).toEqual(['text', 'error']);
    expect(events[1]).toMatchObject({ type: 'error', error: { kind: 'overloaded', status: 503, code: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' } });
  });

  it('a model without thinking reports no thought tokens', async () => {
    const events = await collectEvents(geminiRuntime.streamChat(ctx(), { modelId: 'gemini-2.0-flash', messages: [userMessage('Hi')] }, undefined));
    const body = bodyOf(0);
    expect(events.at(-1)).toEqual({ type: 'usage', inputTokens: simulatedPromptTokens(body), outputTokens: simulatedOutputTokens(simulatedAnswer(body, 'gemini-2.0-flash')) });
  });

  it('accepts a base URL pasted with /v1beta', async () => {
    const events = await collectEvents(geminiRuntime.streamChat({ ...ctx(), settings: { baseUrl: `${sim.url}/v1beta/` } }, { modelId: MODEL, messages: [userMessage('Hi')] }, undefined));
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(streamRequests()[0]!.path).toBe(`/v1beta/models/${MODEL}:streamGenerateContent`);
  });

  for (const [scenario, kind] of [['html', 'unexpected_response'], ['malformed_json', 'unexpected_response'], ['reset', 'network_unreachable']] as const) {
    it(`a broken answer (${scenario}) is a ${kind} error, not an empty answer`, async () => {
      const events = await collectEvents(geminiRuntime.streamChat(ctx(`AIzaSy-sim-${scenario}-1`), { modelId: MODEL, messages: [userMessage('Hi')] }, undefined));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'error', error: { kind } });
    });
  }
});

describe('Gemini token counting against the simulator', () => {
  it('uses the free countTokens and caches the answer', async () => {
    const message: ChatMessage = { role: 'user', parts: [{ type: 'text', text: 'Count the tokens of this sentence, please.' }] };
    const first = await geminiRuntime.countTokens(ctx(), MODEL, message);
    const counts = sim.requests.filter((r) => r.path.endsWith(':countTokens'));
    expect(counts).toHaveLength(1);
    const body = JSON.parse(counts[0]!.body) as { contents: GeminiGenerateBody['contents'] };
    expect(first).toBe(simulatedContentTokens(body.contents!));
    expect(first).toBeGreaterThan(0);

    const again = await geminiRuntime.countTokens(ctx(), MODEL, { role: 'user', parts: [{ type: 'text', text: 'Count the tokens of this sentence, please.' }] });
    expect(again).toBe(first);
    expect(sim.requests.filter((r) => r.path.endsWith(':countTokens'))).toHaveLength(1);
    // Another model is another cache entry.
    await geminiRuntime.countTokens(ctx(), 'gemini-2.5-pro', message);
    expect(sim.requests.filter((r) => r.path.endsWith(':countTokens'))).toHaveLength(2);
  });

  it('falls back to a tokenizer estimate (not cached) when the counter fails', async () => {
    const n = await geminiRuntime.countTokens(ctx('AIzaSy-sim-server_error-1'), MODEL, 'hello world, how are you today?');
    expect(n).toBeGreaterThan(3);
    expect(n).toBeLessThan(20);
  });
});
