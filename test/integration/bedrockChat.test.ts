import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest } from '../../src/core/chat/types';
import { bedrockRuntime } from '../../src/core/providers/bedrock/runtime';
import { estimateTokens } from '../../src/core/providers/bedrock/tokens';
import type { CallContext } from '../../src/core/providers/types';
import type { ModelInfo } from '../../src/core/verify/result';
import { trustRoleWithExternalId } from '../simulator/aws/keys';
import { simTokenCount } from '../simulator/aws/converseRequest';
import { bedrockCtx, DEV_KEYS, ROLE_ARN, scenarioKeys } from './bedrockHarness';
import { useSimulator } from './simulatorFixture';

const sim = useSimulator();

const HAIKU: ModelInfo = { id: 'anthropic.claude-3-haiku-20240307-v1:0', name: 'Claude 3 Haiku', imageInput: true };
const SONNET4: ModelInfo = { id: 'anthropic.claude-sonnet-4-20250514-v1:0', name: 'Claude Sonnet 4', inferenceProfileId: 'us.anthropic.claude-sonnet-4-20250514-v1:0' };
const streams = () => sim.requests.filter((r) => r.provider === 'aws' && r.path.endsWith('/converse-stream'));

async function collect(ctx: CallContext, request: ChatRequest, model?: ModelInfo): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const e of bedrockRuntime.streamChat(ctx, request, model)) events.push(e);
  return events;
}
const textOf = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');

describe('Bedrock chat (ConverseStream over HTTP/2)', () => {
  it('streams the answer in order through the model’s inference profile, then reports usage', async () => {
    const request: ChatRequest = {
      modelId: SONNET4.id,
      messages: [
        { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', parts: [{ type: 'text', text: 'What is SigV4?' }] },
      ],
      maxOutputTokens: 200,
      temperature: 0.2,
    };
    const events = await collect(bedrockCtx(sim, DEV_KEYS), request, SONNET4);

    const texts = events.filter((e) => e.type === 'text');
    expect(texts.length).toBeGreaterThan(3);
    expect(textOf(events)).toBe('Hello from Bedrock! You said: What is SigV4?');
    expect(events.at(-1)).toEqual({ type: 'usage', inputTokens: simTokenCount('Be brief.\nWhat is SigV4?'), outputTokens: texts.length });
    expect(events.some((e) => e.type === 'error')).toBe(false);

    const [req] = streams();
    expect(req!.httpVersion).toBe('2');
    expect(req!.path).toBe(`/model/${encodeURIComponent(SONNET4.inferenceProfileId!)}/converse-stream`);
    const body = JSON.parse(req!.body);
    expect(body.system).toEqual([{ text: 'Be brief.' }]);
    expect(body.inferenceConfig).toEqual({ maxTokens: 200, temperature: 0.2 });
    expect(body.toolConfig).toBeUndefined();
  });

  it('a profile-only model called by its bare id (no model info) → needs_inference_profile error event', async () => {
    const events = await collect(bedrockCtx(sim, DEV_KEYS), { modelId: SONNET4.id, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { kind: 'needs_inference_profile', step: 'chat', status: 400 } });
  });

  it('sends multi-turn history with alternating roles and image bytes', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const request: ChatRequest = {
      modelId: HAIKU.id,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', parts: [{ type: 'text', text: 'Hello!' }] },
        // Two user messages in a row (editor context + question) must be merged for Bedrock.
        { role: 'user', parts: [{ type: 'text', text: 'Context: file a.ts' }] },
        { role: 'user', parts: [{ type: 'text', text: 'Describe this picture' }, { type: 'image', mimeType: 'image/png', data: png }] },
      ],
    };
    const events = await collect(bedrockCtx(sim, DEV_KEYS), request, HAIKU);
    expect(textOf(events)).toBe('Hello from Bedrock! You said: Context: file a.ts Describe this picture I see 1 image(s) (png).');
    const body = JSON.parse(streams()[0]!.body);
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[2].content[2]).toEqual({ image: { format: 'png', source: { bytes: Buffer.from(png).toString('base64') } } });
  });

  it('round-trips a tool call: editor tool names and schemas are made acceptable, and mapped back', async () => {
    const tools = [
      {
        name: 'mcp_github.search_issues',
        description: 'Search issues',
        inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer' } }, required: ['query'] },
      },
      { name: 'copilot:runTests', description: 'Run tests', inputSchema: undefined },
    ];
    const first = await collect(bedrockCtx(sim, DEV_KEYS), {
      modelId: HAIKU.id,
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'Find open bugs' }] }],
      tools,
      toolMode: 'required',
    }, HAIKU);
    const call = first.find((e) => e.type === 'toolCall');
    expect(call).toMatchObject({ type: 'toolCall', name: 'mcp_github.search_issues', input: { query: 'sim' } });
    const sent = JSON.parse(streams()[0]!.body).toolConfig;
    expect(sent.tools.map((t: { toolSpec: { name: string } }) => t.toolSpec.name)).toEqual(['mcp_github_search_issues', 'copilot_runTests']);
    expect(sent.tools[0].toolSpec.inputSchema.json.$schema).toBeUndefined();
    expect(sent.toolChoice).toEqual({ any: {} });
    const usage = first.find((e) => e.type === 'usage');
    expect(usage).toBeDefined();

    const { callId } = call as Extract<ChatEvent, { type: 'toolCall' }>;
    const second = await collect(bedrockCtx(sim, DEV_KEYS), {
      modelId: HAIKU.id,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'Find open bugs' }] },
        { role: 'assistant', parts: [{ type: 'text', text: 'Calling the tool.' }, { type: 'toolCall', callId, name: 'mcp_github.search_issues', input: { query: 'sim' } }] },
        { role: 'user', parts: [{ type: 'text', text: 'Here you go' }, { type: 'toolResult', callId, content: '3 open bugs' }] },
      ],
      tools,
    }, HAIKU);
    expect(second.some((e) => e.type === 'error')).toBe(false);
    expect(textOf(second)).toBe('The tool returned: 3 open bugs');
    const history = JSON.parse(streams()[1]!.body).messages;
    expect(history[1].content[1]).toEqual({ toolUse: { toolUseId: callId, name: 'mcp_github_search_issues', input: { query: 'sim' } } });
    // Tool results first in the user message, as Anthropic models require.
    expect(history[2].content[0]).toEqual({ toolResult: { toolUseId: callId, content: [{ text: '3 open bugs' }] } });
  });

  it('declares tools used in the history even when the request carries none (Bedrock requires a toolConfig)', async () => {
    const events = await collect(bedrockCtx(sim, DEV_KEYS), {
      modelId: HAIKU.id,
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'go' }] },
        { role: 'assistant', parts: [{ type: 'toolCall', callId: 'tooluse_1', name: 'read file', input: {} }] },
        { role: 'user', parts: [{ type: 'toolResult', callId: 'tooluse_1', content: 'contents', isError: true }] },
      ],
    }, HAIKU);
    expect(events.some((e) => e.type === 'error')).toBe(false);
    const body = JSON.parse(streams()[0]!.body);
    expect(body.toolConfig.tools[0].toolSpec.name).toBe('read_file');
    expect(body.messages[2].content[0].toolResult.status).toBe('error');
  });

  it('cancelling mid-stream closes the HTTP/2 stream', async () => {
    sim.setOverride('aws', { chunkDelayMs: 100 });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    for await (const e of bedrockRuntime.streamChat(bedrockCtx(sim, DEV_KEYS, {}, 60_000, controller.signal), { modelId: HAIKU.id, messages: [{ role: 'user', parts: [{ type: 'text', text: 'a long answer please' }] }] }, HAIKU)) {
      events.push(e);
      if (e.type === 'text') controller.abort(Object.assign(new Error('cancelled by user'), { name: 'AbortError' }));
    }
    expect(events.filter((e) => e.type === 'text')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'cancelled' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(streams()[0]!.clientClosedEarly).toBe(true);
  });

  it('breaking out of the stream (the editor stops reading) also closes it', async () => {
    sim.setOverride('aws', { chunkDelayMs: 100 });
    for await (const e of bedrockRuntime.streamChat(bedrockCtx(sim, DEV_KEYS), { modelId: HAIKU.id, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hello there' }] }] }, HAIKU)) {
      if (e.type === 'text') break;
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(streams()[0]!.clientClosedEarly).toBe(true);
  });

  for (const [scenario, kind] of [['no_model_access', 'model_access_not_enabled'], ['rate_limited', 'rate_limited'], ['overloaded', 'overloaded'], ['quota_exhausted', 'quota_exhausted'], ['server_error', 'server_error'], ['model_not_found', 'model_not_found'], ['expired_token', 'credentials_expired'], ['invalid_key', 'invalid_key']] as const) {
    it(`${scenario} → one ${kind} error event`, async () => {
      const keys = scenarioKeys(scenario);
      const events = await collect(bedrockCtx(sim, keys), { modelId: HAIKU.id, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }, HAIKU);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'error', error: { kind, step: 'chat' } });
      expect(JSON.stringify(events)).not.toContain(keys.secretAccessKey);
    });
  }

  for (const [exceptionType, kind] of [['throttlingException', 'rate_limited'], ['modelStreamErrorException', 'server_error']] as const) {
    it(`a ${exceptionType} frame mid-stream → the text so far, then one ${kind} error event`, async () => {
      const events = await collect(bedrockCtx(sim, DEV_KEYS), { modelId: HAIKU.id, messages: [{ role: 'user', parts: [{ type: 'text', text: `tell me more sim-stream-error:${exceptionType}` }] }] }, HAIKU);
      expect(events.map((e) => e.type)).toEqual(['text', 'text', 'error']);
      expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind, step: 'chat' } });
    });
  }

  it('role mode: assumes the role once and reuses the temporary credentials for later turns', async () => {
    const externalId = 'byok-abcdefabcdefabcdefabcdefabcdef12';
    trustRoleWithExternalId(ROLE_ARN, externalId);
    const ctx = () => bedrockCtx(sim, DEV_KEYS, { authMode: 'role', roleSource: 'accessKeys', roleArn: ROLE_ARN, externalId });
    const request: ChatRequest = { modelId: HAIKU.id, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] };
    expect(textOf(await collect(ctx(), request, HAIKU))).toBe('Hello from Bedrock! You said: hi');
    expect(textOf(await collect(ctx(), request, HAIKU))).toBe('Hello from Bedrock! You said: hi');
    const assumes = sim.requests.filter((r) => r.body.startsWith('Action=AssumeRole'));
    expect(assumes).toHaveLength(1);
    expect(streams().every((r) => /Credential=ASIA/.test(String(r.headers.authorization)))).toBe(true);
  });
});

describe('Bedrock token counting', () => {
  it('uses the free CountTokens API where the model supports it, and caches the answer', async () => {
    const text = 'Count the tokens in this sentence, please.';
    const ctx = bedrockCtx(sim, DEV_KEYS);
    expect(await bedrockRuntime.countTokens(ctx, HAIKU.id, text)).toBe(simTokenCount(text));
    expect(await bedrockRuntime.countTokens(ctx, HAIKU.id, text)).toBe(simTokenCount(text));
    const counts = sim.requests.filter((r) => r.path.endsWith('/count-tokens'));
    expect(counts).toHaveLength(1);
    expect(counts[0]!.httpVersion).toBe('2');
    expect(JSON.parse(counts[0]!.body)).toEqual({ input: { converse: { messages: [{ role: 'user', content: [{ text }] }] } } });
  });

  it('falls back to a tokenizer estimate for models without CountTokens, and stops asking', async () => {
    const ctx = bedrockCtx(sim, DEV_KEYS);
    const llama = 'meta.llama3-8b-instruct-v1:0';
    expect(await bedrockRuntime.countTokens(ctx, llama, 'first question')).toBe(await estimateTokens('first question'));
    expect(await bedrockRuntime.countTokens(ctx, llama, 'second question')).toBe(await estimateTokens('second question'));
    expect(sim.requests.filter((r) => r.path.endsWith('/count-tokens'))).toHaveLength(1);
  });

  it('counts a chat message (text and tool parts) through the same API', async () => {
    const n = await bedrockRuntime.countTokens(bedrockCtx(sim, DEV_KEYS), 'us.anthropic.claude-3-haiku-20240307-v1:0', {
      role: 'assistant',
      parts: [{ type: 'text', text: 'Let me look.' }, { type: 'toolCall', callId: 'c1', name: 'search', input: { q: 'x' } }],
    });
    expect(n).toBe(simTokenCount('Let me look.\nsearch {"q":"x"}'));
    // Profile ids are counted on their base model (CountTokens rejects profile ids).
    expect(sim.requests[0]!.path).toBe(`/model/${encodeURIComponent(HAIKU.id)}/count-tokens`);
  });
});
