import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/chat/types';
import { allToolNames, toConverseInput } from '../../src/core/providers/bedrock/messages';
import { toBedrockSchema, ToolNames } from '../../src/core/providers/bedrock/toolSchema';

describe('ToolNames', () => {
  it('keeps valid names, replaces characters Bedrock refuses, and maps back', () => {
    const names = new ToolNames(['read_file', 'mcp_github.search', 'copilot:run tests']);
    expect(names.bedrockName('read_file')).toBe('read_file');
    expect(names.bedrockName('mcp_github.search')).toBe('mcp_github_search');
    expect(names.bedrockName('copilot:run tests')).toBe('copilot_run_tests');
    expect(names.editorName('mcp_github_search')).toBe('mcp_github.search');
  });

  it('keeps names unique after sanitising and within 64 characters', () => {
    const long = 'x'.repeat(70);
    const names = new ToolNames(['a.b', 'a:b', 'a_b', long, `${long}.y`]);
    const sent = ['a.b', 'a:b', 'a_b', long, `${long}.y`].map((n) => names.bedrockName(n));
    expect(new Set(sent).size).toBe(5);
    for (const n of sent) expect(n).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(names.editorName(sent[1]!)).toBe('a:b');
  });
});

describe('toBedrockSchema', () => {
  it('drops $schema/$id everywhere and top-level combinators, keeping properties', () => {
    const schema = toBedrockSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { path: { type: 'string', $comment: 'x' }, mode: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['path', 'ghost'],
      anyOf: [{ required: ['path'] }],
    });
    expect(schema).toEqual({ type: 'object', properties: { path: { type: 'string' }, mode: { anyOf: [{ type: 'string' }, { type: 'null' }] } }, required: ['path'] });
  });

  it('gives tools without a schema an empty object schema, and wraps non-object inputs', () => {
    expect(toBedrockSchema(undefined)).toEqual({ type: 'object', properties: {} });
    expect(toBedrockSchema({ type: 'string' })).toEqual({ type: 'object', properties: { input: { type: 'string' } }, required: ['input'] });
  });
});

describe('toConverseInput', () => {
  const request = (messages: ChatRequest['messages'], extra: Partial<ChatRequest> = {}): ChatRequest => ({ modelId: 'm', messages, ...extra });

  it('moves system text to `system`, merges same-role turns, drops blank text', () => {
    const req = request([
      { role: 'system', parts: [{ type: 'text', text: 'Rules' }] },
      { role: 'user', parts: [{ type: 'text', text: 'a' }] },
      { role: 'user', parts: [{ type: 'text', text: '   ' }, { type: 'text', text: 'b' }] },
      { role: 'assistant', parts: [{ type: 'text', text: '' }] },
    ]);
    const input = toConverseInput(req, new ToolNames(allToolNames(req)));
    expect(input.system).toEqual([{ text: 'Rules' }]);
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: 'a' }, { text: 'b' }] }]);
    expect(input.toolConfig).toBeUndefined();
    expect(input.inferenceConfig).toBeUndefined();
  });

  it('starts with a user turn even when the history starts with the assistant', () => {
    const input = toConverseInput(request([{ role: 'assistant', parts: [{ type: 'text', text: 'Hi, how can I help?' }] }, { role: 'user', parts: [{ type: 'text', text: 'x' }] }]), new ToolNames([]));
    expect(input.messages!.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('converts images by MIME type, and describes formats Bedrock cannot take', () => {
    const data = new Uint8Array([1, 2, 3]);
    const input = toConverseInput(request([{ role: 'user', parts: [{ type: 'image', mimeType: 'image/jpeg', data }, { type: 'image', mimeType: 'image/bmp', data }] }]), new ToolNames([]));
    expect(input.messages![0]!.content![0]).toEqual({ image: { format: 'jpeg', source: { bytes: data } } });
    expect(input.messages![0]!.content![1]!.text).toContain('image/bmp');
  });

  it('puts tool results before text in a user turn and marks errors', () => {
    const req = request([
      { role: 'user', parts: [{ type: 'text', text: 'go' }] },
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 't1', name: 'fs.read', input: { p: 1 } }] },
      { role: 'user', parts: [{ type: 'text', text: 'next' }, { type: 'toolResult', callId: 't1', content: '', isError: true }] },
    ], { tools: [{ name: 'fs.read', description: '', inputSchema: { type: 'object', properties: { p: { type: 'number' } } } }], toolMode: 'auto', maxOutputTokens: 64 });
    const input = toConverseInput(req, new ToolNames(allToolNames(req)));
    expect(input.messages![1]!.content![0]).toEqual({ toolUse: { toolUseId: 't1', name: 'fs_read', input: { p: 1 } } });
    expect(input.messages![2]!.content).toEqual([{ toolResult: { toolUseId: 't1', content: [{ text: '(no output)' }], status: 'error' } }, { text: 'next' }]);
    expect(input.toolConfig).toEqual({ tools: [{ toolSpec: { name: 'fs_read', description: 'fs.read', inputSchema: { json: { type: 'object', properties: { p: { type: 'number' } } } } } }] });
    expect(input.inferenceConfig).toEqual({ maxTokens: 64, temperature: undefined });
  });
});
