import { GoogleGenAI } from '@google/genai/web';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatTool } from '../../src/core/chat/types';
import { geminiRuntime } from '../../src/core/providers/gemini/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { FREE_FORM_VALUE, simulatedArgs } from '../simulator/providers/geminiArgs';
import type { FunctionDeclaration, GeminiGenerateBody } from '../simulator/providers/geminiAnswer';
import { EDITOR_TOOLS } from './geminiEditorTools';
import { useSimulator } from './simulatorFixture';
import { collectEvents, userMessage } from '../support/chatEvents';

/**
 * Editor tools whose arguments Gemini's OpenAPI-subset `parameters` cannot describe (free-form
 * objects, recursive types, unions, number enums) are declared with `parametersJsonSchema`; the
 * simulated model's call with such arguments must reach the editor unchanged.
 */
const sim = useSimulator();
const KEY = 'AIzaSyValidKeyForTheSimulator0123456789';

function ctx(): CallContext {
  return { settings: { baseUrl: sim.url }, secrets: { apiKey: KEY }, timeoutMs: 5_000, signal: new AbortController().signal };
}
const tool = (name: string): ChatTool => EDITOR_TOOLS.find((t) => t.name === name)!;
type ToolCall = Extract<ChatEvent, { type: 'toolCall' }>;

const streamBodies = () => sim.requests.filter((r) => r.path.endsWith(':streamGenerateContent')).map((r) => JSON.parse(r.body) as GeminiGenerateBody);
const declared = (i: number, name: string): FunctionDeclaration => streamBodies()[i]!.tools![0]!.functionDeclarations!.find((d) => d.name === name)!;

/** Asks the model to use one of all the editor tools; returns its call and what was declared for it. */
async function callTool(name: string, model = 'gemini-2.5-flash'): Promise<{ call: ToolCall; declaration: FunctionDeclaration; events: ChatEvent[] }> {
  const before = streamBodies().length;
  const events = await collectEvents(geminiRuntime.streamChat(ctx(), { modelId: model, messages: [userMessage(`Please use ${name}`)], tools: EDITOR_TOOLS }, undefined));
  expect(events.filter((e) => e.type === 'error')).toEqual([]);
  const call = events.find((e): e is ToolCall => e.type === 'toolCall')!;
  expect(call.name).toBe(name);
  return { call, declaration: declared(before, name), events };
}

/** The same schema sent untranslated through the SDK: what Gemini would answer. */
async function refusalOfRaw(declaration: Record<string, unknown>): Promise<string | undefined> {
  const ai = new GoogleGenAI({ apiKey: KEY, vertexai: false, httpOptions: { baseUrl: sim.url } });
  return ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi', config: { tools: [{ functionDeclarations: [declaration] }] } }).then(
    () => undefined,
    (err: { status?: number; message: string }) => `${err.status} ${(JSON.parse(err.message) as { error: { message: string } }).error.message}`,
  );
}

describe('Gemini function declarations: arguments Gemini could not see before', () => {
  it('every tool goes out as parametersJsonSchema only (the two schema fields are mutually exclusive)', async () => {
    await collectEvents(geminiRuntime.streamChat(ctx(), { modelId: 'gemini-2.5-flash', messages: [userMessage('Hi')], tools: EDITOR_TOOLS }, undefined));
    const declarations = streamBodies()[0]!.tools![0]!.functionDeclarations!;
    expect(declarations.map((d) => d.name)).toEqual(EDITOR_TOOLS.map((t) => t.name));
    for (const d of declarations) {
      expect(d.parameters, d.name).toBeUndefined();
      expect((d.parametersJsonSchema as { type: string }).type, d.name).toBe('object');
    }
  });

  it('free-form objects and values: arbitrary JSON arguments reach the editor intact', async () => {
    const { call, declaration } = await callTool('mcp_fetch_request');
    // Control: through the OpenAPI-subset field an object without properties is refused.
    expect(await refusalOfRaw({ name: 'f', parameters: { type: 'object', properties: { options: { type: 'object' } } } })).toMatch(/^400 .*should be non-empty for OBJECT type/);
    expect(declaration.parametersJsonSchema).toMatchObject({ properties: { body: { description: 'Any JSON value' }, options: { type: 'object' }, headers: { additionalProperties: { type: 'string' } } }, required: ['url', 'body', 'options'] });
    expect(call.input).toEqual(simulatedArgs(declaration));
    expect(call.input).toMatchObject({ body: FREE_FORM_VALUE, options: FREE_FORM_VALUE, headers: { key: expect.any(String) } });
  });

  it('a recursive $ref tree: the nested sections come back as the model wrote them, and go back with the call', async () => {
    const { call, declaration } = await callTool('mcp_outline_write');
    expect(declaration.parametersJsonSchema).toMatchObject({ properties: { root: { $ref: '#/$defs/Section' } }, $defs: { Section: { properties: { children: { items: { $ref: '#/$defs/Section' } } } } } });
    expect(call.input).toEqual(simulatedArgs(declaration));
    const root = (call.input as { root: { title: string; children: { title: string }[] } }).root;
    expect(root.children[0]!.title).toEqual(expect.any(String));

    const answer = await collectEvents(
      geminiRuntime.streamChat(ctx(), {
        modelId: 'gemini-2.5-flash',
        tools: EDITOR_TOOLS,
        messages: [userMessage('Please use mcp_outline_write'), { role: 'assistant', parts: [{ type: 'toolCall', callId: call.callId, name: call.name, input: call.input }] }, { role: 'user', parts: [{ type: 'toolResult', callId: call.callId, content: 'written' }] }],
      }, undefined),
    );
    expect(answer.filter((e) => e.type === 'error')).toEqual([]);
    expect(streamBodies()[1]!.contents![1]!.parts![0]!.functionCall).toEqual({ name: 'mcp_outline_write', args: call.input });
  });

  it('a recursive union whose loop is required everywhere (refused as is) is relaxed until Gemini accepts it', async () => {
    const schema = tool('mcp_search_issues').inputSchema!;
    expect(await refusalOfRaw({ name: 'f', parametersJsonSchema: schema })).toMatch(/^400 ref loops are only supported if .* a ref loop of required fields was found at \$defs\.Filter/);
    const { call, declaration } = await callTool('mcp_search_issues');
    // The and-clause stays required; only its minimum of two items goes, so the loop can end.
    expect((declaration.parametersJsonSchema as { $defs: Record<string, unknown> }).$defs['And']).toEqual({ type: 'object', properties: { and: { type: 'array', items: { $ref: '#/$defs/Filter' } } }, required: ['and'] });
    expect(call.input).toEqual(simulatedArgs(declaration));
    const filter = (call.input as { filter: { field: string; op: string; value: unknown } }).filter;
    expect(['eq', 'ne', 'gt']).toContain(filter.op);
  });

  it('anyOf/nullable types and enums of strings, numbers and consts keep their types', async () => {
    const schema = tool('set_log_level').inputSchema!;
    expect(await refusalOfRaw({ name: 'f', parametersJsonSchema: schema })).toMatch(/^400 \$ref 'Target' was set alongside unsupported fields/);
    const { call, declaration } = await callTool('set_log_level');
    expect(declaration.parametersJsonSchema).toMatchObject({ properties: { verbosity: { type: 'integer', enum: [0, 1, 2] }, ratio: { type: ['number', 'null'] }, target: { enum: ['console', 'file'], description: 'Where logs go' } } });
    expect(call.input).toEqual(simulatedArgs(declaration));
    const input = call.input as Record<string, unknown>;
    expect([0, 1, 2]).toContain(input['verbosity']);
    expect(['debug', 'info', 'warn']).toContain(input['level']);
    expect(['fast', 'safe']).toContain(input['mode']);
    expect(typeof input['ratio']).toBe('number');
  });

  it('Gemini 3: a call with nested arguments goes back with its own thought signature, and the turn goes through', async () => {
    const model = 'gemini-3-pro-preview';
    const { call } = await callTool('mcp_github_create_issue', model);
    expect(call.input).toMatchObject({ author: { login: expect.any(String), manager: { login: expect.any(String) } }, metadata: FREE_FORM_VALUE });
    const answer = await collectEvents(
      geminiRuntime.streamChat(ctx(), {
        modelId: model,
        tools: EDITOR_TOOLS,
        messages: [userMessage('Please use mcp_github_create_issue'), { role: 'assistant', parts: [{ type: 'toolCall', callId: call.callId, name: call.name, input: call.input }] }, { role: 'user', parts: [{ type: 'toolResult', callId: call.callId, content: 'issue #7' }] }],
      }, undefined),
    );
    expect(answer.filter((e) => e.type === 'error')).toEqual([]);
    const sent = streamBodies()[1]!.contents![1]!.parts![0]!;
    expect(sent).toEqual({ functionCall: { name: 'mcp_github_create_issue', args: call.input }, thoughtSignature: Buffer.from('sig:mcp_github_create_issue').toString('base64') });
  });
});
