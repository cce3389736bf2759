import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatMessage, ChatRequest, ChatTool } from '../../src/core/chat/types';
import { compatibleRuntime } from '../../src/core/providers/compatible/runtime';
import { openAIRuntime } from '../../src/core/providers/openai/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { useSimulator } from './simulatorFixture';
import { collectEvents } from '../support/chatEvents';

/**
 * Editor and MCP tool names OpenAI would reject (dots, slashes, spaces, more than 64
 * characters) go out as valid names and come back under the editor's names.
 */

const sim = useSimulator();
const OPENAI_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const key = 'sk-proj-tool-names-0001';

const input = { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] };
const tool = (name: string): ChatTool => ({ name, description: `Tool ${name}`, inputSchema: input });
const odd = 'mcp.github/search issues';
// Two 70-character names that only differ after character 64, so cutting them alone would collide.
const longA = `mcp_${'server_with_a_long_name_'.repeat(2)}tools__list_open_pull_requests`.slice(0, 66) + '_aaa';
const longB = longA.slice(0, 66) + '_bbb';

function ctx(): CallContext {
  return { settings: { baseUrl: `${sim.url}/v1` }, secrets: { apiKey: key }, timeoutMs: 5_000, signal: new AbortController().signal };
}

interface SentBody {
  tools?: { function: { name: string } }[];
  tool_choice?: unknown;
  messages: { role: string; tool_calls?: { id: string; function: { name: string } }[]; tool_call_id?: string }[];
}
const sentBodies = (provider = 'openai'): SentBody[] =>
  sim.requests.filter((r) => r.provider === provider && r.path.endsWith('/chat/completions')).map((r) => JSON.parse(r.body) as SentBody);
const toolCalls = (events: ChatEvent[]) => events.filter((e) => e.type === 'toolCall');
const errors = (events: ChatEvent[]) => events.filter((e) => e.type === 'error');
const ask = (text: string): ChatMessage => ({ role: 'user', parts: [{ type: 'text', text }] });

describe('the OpenAI simulator checks function names like the API', () => {
  const client = () => new OpenAI({ apiKey: key, baseURL: `${sim.url}/v1`, maxRetries: 0, organization: null, project: null });
  const fn = (name: string) => ({ type: 'function' as const, function: { name, parameters: { type: 'object', properties: {} } } });

  it.each([
    { name: odd, code: 'invalid_value', message: "Invalid 'tools[1].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'." },
    { name: longA, code: 'string_above_max_length', message: "Invalid 'tools[1].function.name': string too long. Expected a string with maximum length 64, but got a string with length 70 instead." },
  ])('rejects the tool "$name" with 400 $code', async ({ name, code, message }) => {
    const err = await client()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], tools: [fn('get_weather'), fn(name)] })
      .then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err).toMatchObject({ status: 400, code, param: 'tools[1].function.name', type: 'invalid_request_error', error: { message } });
  });

  it('rejects a bad name in an earlier assistant tool call', async () => {
    const err = await client()
      .chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'user', content: 'search' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: odd, arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: 'nothing found' },
        ],
      })
      .then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: 'invalid_value', param: 'messages[1].tool_calls[0].function.name' });
  });
});

describe('OpenAI chat with tool names OpenAI does not accept', () => {
  it('sends valid, distinct names and keeps valid ones unchanged', async () => {
    const request: ChatRequest = { modelId: 'gpt-4o', messages: [ask('Find the open issues')], tools: [tool(odd), tool(longA), tool(longB), tool('get_weather')], toolMode: 'required' };
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), request, undefined));
    expect(errors(events)).toEqual([]);
    const sent = sentBodies()[0]!.tools!.map((t) => t.function.name);
    expect(sent).toHaveLength(4);
    for (const name of sent) expect(name).toMatch(OPENAI_NAME);
    expect(new Set(sent).size).toBe(4);
    expect(sent[3]).toBe('get_weather');
    // `required` with several tools: the simulated model calls the first one.
    expect(toolCalls(events)).toEqual([{ type: 'toolCall', callId: expect.stringMatching(/^call_/), name: odd, input: { query: 'issues' } }]);
  });

  it.each([odd, longA, longB])('a call of "%s" comes back under the editor’s name', async (name) => {
    // One required tool is named in tool_choice: the simulated model calls exactly that name.
    const request: ChatRequest = { modelId: 'gpt-4o', messages: [ask('Look up pull requests')], tools: [tool(longA), tool(longB), tool(odd)].filter((t) => t.name === name), toolMode: 'required' };
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), request, undefined));
    expect(errors(events)).toEqual([]);
    expect(toolCalls(events)).toMatchObject([{ name, input: { query: 'requests' } }]);
    const body = sentBodies()[0]!;
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: body.tools![0]!.function.name } });
  });

  it('a valid name keeps itself when a rewritten name would come out the same', async () => {
    const plain = 'mcp_github_search_issues';
    for (const [first, second] of [
      [odd, plain],
      [plain, odd],
    ] as const) {
      sim.reset();
      const events = await collectEvents(openAIRuntime.streamChat(ctx(), { modelId: 'gpt-4o', messages: [ask('Search')], tools: [tool(first), tool(second)], toolMode: 'required' }, undefined));
      const sent = sentBodies()[0]!.tools!.map((t) => t.function.name);
      expect(sent[first === plain ? 0 : 1]).toBe(plain);
      expect(new Set(sent).size).toBe(2);
      expect(toolCalls(events)).toMatchObject([{ name: first }]);
    }
  });

  it('earlier calls and their results in the history use the same rewritten names, also for tools no longer offered', async () => {
    const messages: ChatMessage[] = [
      ask('Find the open issues, then the pull requests'),
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'call_issues', name: odd, input: { query: 'open' } }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'call_issues', content: '3 open issues' }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'Now the pull requests.' }, { type: 'toolCall', callId: 'call_prs', name: longB, input: { query: 'open' } }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'call_prs', content: '2 open pull requests' }] },
    ];
    // longB is no longer offered; longA still is, and must not take longB's name.
    const events = await collectEvents(openAIRuntime.streamChat(ctx(), { modelId: 'gpt-4o', messages, tools: [tool(odd), tool(longA)] }, undefined));
    expect(errors(events)).toEqual([]);
    expect(events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('')).toBe('The tool answered: 2 open pull requests');
    const body = sentBodies()[0]!;
    const [oddWire, longAWire] = body.tools!.map((t) => t.function.name);
    const historyCalls = body.messages.flatMap((m) => m.tool_calls ?? []);
    expect(historyCalls.map((c) => c.id)).toEqual(['call_issues', 'call_prs']);
    expect(historyCalls[0]!.function.name).toBe(oddWire);
    const longBWire = historyCalls[1]!.function.name;
    expect(longBWire).toMatch(OPENAI_NAME);
    expect(longBWire).not.toBe(longAWire);
    expect(body.messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual(['call_issues', 'call_prs']);
  });
});

describe('OpenAI-compatible chat with odd tool names', () => {
  it('a gateway gets valid names too, and the call maps back', async () => {
    const gateway: CallContext = { settings: { name: 'Gateway', baseUrl: `${sim.url}/gateway/v1`, models: ['team-coder'] }, secrets: { apiKey: 'gw-key-0001' }, timeoutMs: 5_000, signal: new AbortController().signal };
    const events = await collectEvents(compatibleRuntime.streamChat(gateway, { modelId: 'team-coder', messages: [ask('Search issues')], tools: [tool(odd)], toolMode: 'required' }, undefined));
    expect(errors(events)).toEqual([]);
    expect(toolCalls(events)).toMatchObject([{ name: odd, input: { query: 'issues' } }]);
    expect(sentBodies('compatible')[0]!.tools![0]!.function.name).toMatch(OPENAI_NAME);
  });
});
