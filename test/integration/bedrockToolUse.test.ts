import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest } from '../../src/core/chat/types';
import { bedrockRuntime } from '../../src/core/providers/bedrock/runtime';
import { bedrockCtx, DEV_KEYS } from './bedrockHarness';
import { useSimulator } from './simulatorFixture';

/** A model with Converse tool use but no streaming tool use (Llama 3.1 in the simulator's catalogue). */
const sim = useSimulator();
const LLAMA31 = { id: 'meta.llama3-1-70b-instruct-v1:0', name: 'Llama 3.1 70B Instruct', toolCalling: true };
const tools: ChatRequest['tools'] = [{ name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];
const paths = () => sim.requests.filter((r) => r.provider === 'aws').map((r) => r.path);

async function collect(request: ChatRequest): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const e of bedrockRuntime.streamChat(bedrockCtx(sim, DEV_KEYS), request, LLAMA31)) events.push(e);
  return events;
}

describe('Bedrock tool use on a model without streaming tool use', () => {
  it('verification offers it to Agent mode', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS));
    expect(result.models.find((m) => m.id === LLAMA31.id)).toMatchObject({ toolCalling: true });
  });

  it('a request with tools falls back to Converse and still returns the tool call and usage', async () => {
    const events = await collect({ modelId: LLAMA31.id, messages: [{ role: 'user', parts: [{ type: 'text', text: 'Use read_file on README.md' }] }], tools });
    expect(events.some((e) => e.type === 'error')).toBe(false);
    const call = events.find((e) => e.type === 'toolCall');
    expect(call).toMatchObject({ type: 'toolCall', name: 'read_file' });
    expect(typeof (call as Extract<ChatEvent, { type: 'toolCall' }>).input.path).toBe('string');
    expect(events.at(-1)).toMatchObject({ type: 'usage' });
    expect(paths().filter((p) => p.startsWith('/model/'))).toEqual([`/model/${encodeURIComponent(LLAMA31.id)}/converse-stream`, `/model/${encodeURIComponent(LLAMA31.id)}/converse`]);
  });

  it('without tools the answer streams as usual (one ConverseStream call)', async () => {
    const events = await collect({ modelId: LLAMA31.id, messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] });
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(1);
    expect(paths().filter((p) => p.startsWith('/model/'))).toEqual([`/model/${encodeURIComponent(LLAMA31.id)}/converse-stream`]);
  });
});
