import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/chat/types';
import { needsThoughtSignatures, STAND_IN_SIGNATURE, toGeminiConversation, ToolNames } from '../../src/core/providers/gemini/messages';

const none = { get: () => undefined };

describe('Gemini message conversion', () => {
  it('makes tool names Gemini accepts and maps them back', () => {
    const names = new ToolNames();
    expect(names.wire('copilot_readFile')).toBe('copilot_readFile');
    const odd = names.wire('mcp/github create issue');
    expect(odd).toMatch(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/);
    expect(names.original(odd)).toBe('mcp/github create issue');
    expect(names.wire('9lives')).toBe('_9lives');
    expect(names.wire('x'.repeat(100))).toHaveLength(64);
    // Two names that clean up to the same thing stay distinct.
    expect(names.wire('a b')).not.toBe(names.wire('a/b'));
  });

  it('puts system text into systemInstruction, merges same-role turns and maps roles', () => {
    const messages: ChatMessage[] = [
      { role: 'system', parts: [{ type: 'text', text: 'Rules' }] },
      { role: 'user', parts: [{ type: 'text', text: 'a' }] },
      { role: 'user', parts: [{ type: 'text', text: 'b' }, { type: 'text', text: '' }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'c' }] },
    ];
    expect(toGeminiConversation(messages, new ToolNames(), none)).toEqual({
      systemInstruction: { parts: [{ text: 'Rules' }] },
      contents: [
        { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
        { role: 'model', parts: [{ text: 'c' }] },
      ],
    });
  });

  it('answers a call with a functionResponse named after it (results first), errors as {error}', () => {
    const messages: ChatMessage[] = [
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'c1', name: 'read', input: { p: 1 } }, { type: 'toolCall', callId: 'c2', name: 'list', input: {} }] },
      { role: 'user', parts: [{ type: 'text', text: 'here' }, { type: 'toolResult', callId: 'c1', content: 'ok' }, { type: 'toolResult', callId: 'c2', content: 'boom', isError: true }] },
    ];
    const { contents } = toGeminiConversation(messages, new ToolNames(), { get: (id) => (id === 'c1' ? 'SIG' : undefined) });
    expect(contents[0]).toEqual({ role: 'model', parts: [{ functionCall: { name: 'read', args: { p: 1 } }, thoughtSignature: 'SIG' }, { functionCall: { name: 'list', args: {} } }] });
    expect(contents[1]!.parts).toEqual([
      { functionResponse: { name: 'read', response: { output: 'ok' } } },
      { functionResponse: { name: 'list', response: { error: 'boom' } } },
      { text: 'here' },
    ]);
  });

  it('a result whose call is not in the history becomes text (Gemini would reject a lone functionResponse)', () => {
    const { contents } = toGeminiConversation([{ role: 'user', parts: [{ type: 'toolResult', callId: 'gone', content: 'data' }] }], new ToolNames(), none);
    expect(contents).toEqual([{ role: 'user', parts: [{ text: 'Tool result (gone): data' }] }]);
  });

  it('sends supported images inline and names unsupported ones', () => {
    const { contents } = toGeminiConversation([{ role: 'user', parts: [{ type: 'image', mimeType: 'image/jpeg', data: new Uint8Array([1, 2]) }, { type: 'image', mimeType: 'image/gif', data: new Uint8Array([3]) }] }], new ToolNames(), none);
    expect(contents[0]!.parts![0]).toEqual({ inlineData: { mimeType: 'image/jpeg', data: 'AQI=' } });
    expect(contents[0]!.parts![1]!.text).toMatch(/image\/gif was left out/);
  });

  it('gives the first call of each model step the stand-in signature when asked and none is known', () => {
    const messages: ChatMessage[] = [
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'a', name: 'x', input: {} }, { type: 'toolCall', callId: 'b', name: 'y', input: {} }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'a', content: '1' }, { type: 'toolResult', callId: 'b', content: '2' }] },
    ];
    const withStandIn = toGeminiConversation(messages, new ToolNames(), none, STAND_IN_SIGNATURE).contents[0]!.parts!;
    expect(withStandIn.map((p) => p.thoughtSignature)).toEqual([STAND_IN_SIGNATURE, undefined]);
    const known = toGeminiConversation(messages, new ToolNames(), { get: (id) => (id === 'a' ? 'REAL' : undefined) }, STAND_IN_SIGNATURE).contents[0]!.parts!;
    expect(known.map((p) => p.thoughtSignature)).toEqual(['REAL', undefined]);
    expect(toGeminiConversation(messages, new ToolNames(), none).contents[0]!.parts!.map((p) => p.thoughtSignature)).toEqual([undefined, undefined]);
    expect(needsThoughtSignatures('gemini-3-pro-preview')).toBe(true);
    expect(needsThoughtSignatures('gemini-2.5-flash')).toBe(false);
  });
});
