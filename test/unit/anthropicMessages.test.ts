import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/chat/types';
import { buildStreamRequest, DEFAULT_MAX_OUTPUT_TOKENS } from '../../src/core/providers/anthropic/chat';
import { toAnthropicConversation, toAnthropicTools, ToolNames } from '../../src/core/providers/anthropic/messages';

const text = (role: ChatMessage['role'], t: string): ChatMessage => ({ role, parts: [{ type: 'text', text: t }] });

describe('Anthropic message conversion', () => {
  it('moves system text to the top-level system field', () => {
    const out = toAnthropicConversation([text('system', 'Rule one.'), text('user', 'hi'), text('system', 'Rule two.')], new ToolNames());
    expect(out.system).toBe('Rule one.\n\nRule two.');
    expect(out.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('has no system field when there is no system text', () => {
    expect('system' in toAnthropicConversation([text('user', 'hi')], new ToolNames())).toBe(false);
  });

  it('merges consecutive same-role messages so roles alternate', () => {
    const out = toAnthropicConversation([text('user', 'a'), text('user', 'b'), text('assistant', 'c'), text('assistant', 'd'), text('user', 'e')], new ToolNames());
    expect(out.messages.map((m) => [m.role, (m.content as { text: string }[]).map((b) => b.text)])).toEqual([
      ['user', ['a', 'b']],
      ['assistant', ['c', 'd']],
      ['user', ['e']],
    ]);
  });

  it('drops empty text and messages left empty (the API rejects empty content)', () => {
    const out = toAnthropicConversation([text('user', 'a'), text('assistant', ''), text('user', 'b')], new ToolNames());
    expect(out.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }]);
  });

  it('puts tool results first in the user turn after the tool_use', () => {
    const out = toAnthropicConversation(
      [
        { role: 'assistant', parts: [{ type: 'toolCall', callId: 'toolu_1', name: 'run', input: { cmd: 'ls' } }] },
        { role: 'user', parts: [{ type: 'text', text: 'result:' }, { type: 'toolResult', callId: 'toolu_1', content: 'a.txt', isError: true }] },
      ],
      new ToolNames(),
    );
    expect(out.messages[1]!.content).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_1', content: 'a.txt', is_error: true },
      { type: 'text', text: 'result:' },
    ]);
  });

  it('sends supported images as base64 and describes unsupported ones in text', () => {
    const data = new Uint8Array([1, 2, 3, 250]);
    const out = toAnthropicConversation(
      [{ role: 'user', parts: [{ type: 'image', mimeType: 'image/webp', data }, { type: 'image', mimeType: 'image/bmp', data }] }],
      new ToolNames(),
    );
    const [image, note] = out.messages[0]!.content as unknown[];
    expect(image).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'AQID+g==' } });
    expect(note).toMatchObject({ type: 'text', text: expect.stringContaining('image/bmp') });
  });
});

describe('Anthropic tools', () => {
  it('gives every tool an object input_schema and keeps the editor’s schema', () => {
    const schema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'], additionalProperties: false };
    expect(toAnthropicTools([{ name: 'search', description: 'Search', inputSchema: schema }, { name: 'noop', description: 'No input' }], new ToolNames())).toEqual([
      { name: 'search', description: 'Search', input_schema: schema },
      { name: 'noop', description: 'No input', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('makes tool names valid for the API and maps them back', () => {
    const names = new ToolNames();
    const wire = names.wire('mcp.github/create issue');
    expect(wire).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(names.original(wire)).toBe('mcp.github/create issue');
    expect(names.wire('x'.repeat(100))).toHaveLength(64);
    // Two names that clean up to the same string stay distinct.
    const a = names.wire('a.b');
    const b = names.wire('a/b');
    expect(a).not.toBe(b);
    expect([names.original(a), names.original(b)]).toEqual(['a.b', 'a/b']);
  });
});

describe('Anthropic stream request', () => {
  it('always sets max_tokens: request, then model limit, then a default', () => {
    const names = new ToolNames();
    const messages = [text('user', 'hi')];
    expect(buildStreamRequest({ modelId: 'm', messages, maxOutputTokens: 10 }, { id: 'm', maxOutputTokens: 500 }, names).max_tokens).toBe(10);
    expect(buildStreamRequest({ modelId: 'm', messages }, { id: 'm', maxOutputTokens: 500 }, names).max_tokens).toBe(500);
    expect(buildStreamRequest({ modelId: 'm', messages }, undefined, names).max_tokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
  });

  it('sends tools only when there are some, and no temperature (API 2026-10-21 has none)', () => {
    const names = new ToolNames();
    const plain = buildStreamRequest({ modelId: 'm', messages: [text('user', 'hi')], tools: [], temperature: 0.2 }, undefined, names);
    expect(plain).not.toHaveProperty('temperature');
    expect(plain).not.toHaveProperty('tools');
    expect(plain).not.toHaveProperty('tool_choice');
  });
});
