import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/chat/types';
import { toChatCompletionMessages, toChatCompletionToolChoice, toChatCompletionTools } from '../../src/core/providers/openaiFamily';

describe('toChatCompletionMessages', () => {
  it('converts a multi-turn conversation with a tool call and its result', () => {
    const messages: ChatMessage[] = [
      { role: 'system', parts: [{ type: 'text', text: 'You are terse.' }] },
      { role: 'user', parts: [{ type: 'text', text: 'Weather in Oslo?' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'text', text: 'Checking.' },
          { type: 'toolCall', callId: 'call_1', name: 'get_weather', input: { city: 'Oslo' } },
          { type: 'toolCall', callId: 'call_2', name: 'get_time', input: {} },
        ],
      },
      {
        role: 'user',
        parts: [
          { type: 'toolResult', callId: 'call_1', content: '3 °C' },
          { type: 'toolResult', callId: 'call_2', content: 'timeout', isError: true },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
    ];
    expect(toChatCompletionMessages(messages)).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather in Oslo?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      // Tool results directly follow the calls, before the user's new text.
      { role: 'tool', tool_call_id: 'call_1', content: '3 °C' },
      { role: 'tool', tool_call_id: 'call_2', content: 'Error: timeout' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
  });

  it('puts images in content parts as data URLs and can use the developer role', () => {
    const out = toChatCompletionMessages(
      [
        { role: 'system', parts: [{ type: 'text', text: 'Rules' }] },
        { role: 'user', parts: [{ type: 'text', text: 'Look' }, { type: 'image', mimeType: 'image/jpeg', data: new Uint8Array([1, 2, 3]) }] },
      ],
      { systemRole: 'developer' },
    );
    expect(out).toEqual([
      { role: 'developer', content: 'Rules' },
      { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AQID' } }] },
    ]);
  });

  it('drops empty turns', () => {
    expect(toChatCompletionMessages([{ role: 'assistant', parts: [] }, { role: 'user', parts: [{ type: 'text', text: '' }] }])).toEqual([]);
  });
});

describe('tools', () => {
  it('gives schema-less tools an empty object schema and keeps given schemas', () => {
    const schema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] };
    expect(toChatCompletionTools([{ name: 'list_files', description: '' }, { name: 'search', description: 'Find', inputSchema: schema }])).toEqual([
      { type: 'function', function: { name: 'list_files', description: undefined, parameters: { type: 'object', properties: {} } } },
      { type: 'function', function: { name: 'search', description: 'Find', parameters: schema } },
    ]);
    expect(toChatCompletionTools([])).toBeUndefined();
  });

  it('gives arrays without items a permissive items schema, at any depth, without changing the input', () => {
    const schema = {
      properties: {
        paths: { type: 'array', description: 'Files' },
        filter: { anyOf: [{ type: 'array' }, { type: 'string' }] },
        nested: { type: 'object', properties: { tags: { type: ['array', 'null'] } } },
        ok: { type: 'array', items: { type: 'string' } },
      },
    };
    const before = JSON.stringify(schema);
    const [tool] = toChatCompletionTools([{ name: 'mcp_files', description: 'x', inputSchema: schema }])!;
    expect(tool!.function.parameters).toEqual({
      type: 'object',
      properties: {
        paths: { type: 'array', description: 'Files', items: {} },
        filter: { anyOf: [{ type: 'array', items: {} }, { type: 'string' }] },
        nested: { type: 'object', properties: { tags: { type: ['array', 'null'], items: {} } } },
        ok: { type: 'array', items: { type: 'string' } },
      },
    });
    expect(JSON.stringify(schema)).toBe(before);
  });

  it('maps the tool mode', () => {
    const one = [{ name: 'a', description: '' }];
    const two = [...one, { name: 'b', description: '' }];
    expect(toChatCompletionToolChoice({ tools: two })).toBe('auto');
    expect(toChatCompletionToolChoice({ tools: two, toolMode: 'required' })).toBe('required');
    expect(toChatCompletionToolChoice({ tools: one, toolMode: 'required' })).toEqual({ type: 'function', function: { name: 'a' } });
    expect(toChatCompletionToolChoice({ tools: [] })).toBeUndefined();
  });
});
