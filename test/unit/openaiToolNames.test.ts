import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/core/chat/types';
import { chatEventsFromChunks, OpenAIToolNames } from '../../src/core/providers/openaiFamily';

const VALID = /^[a-zA-Z0-9_-]{1,64}$/;

describe('OpenAIToolNames', () => {
  it('keeps valid names and rewrites the rest into valid ones that map back', () => {
    const long = 'x'.repeat(70);
    const names = new OpenAIToolNames().reserve(['get_weather', 'mcp.github/search issues', long, 'ünïcode', '']);
    expect(names.wire('get_weather')).toBe('get_weather');
    expect(names.wire('mcp.github/search issues')).toBe('mcp_github_search_issues');
    expect(names.wire(long)).toBe('x'.repeat(64));
    for (const name of ['mcp.github/search issues', long, 'ünïcode', '']) {
      expect(names.wire(name)).toMatch(VALID);
      expect(names.original(names.wire(name))).toBe(name);
    }
  });

  it('numbers names that come out the same, within 64 characters, and a valid name keeps itself whatever the order', () => {
    const a = `${'y'.repeat(64)}_a`;
    const b = `${'y'.repeat(64)}_b`;
    const names = new OpenAIToolNames().reserve(['a.b', a, b, 'a_b']);
    expect(names.wire('a_b')).toBe('a_b');
    expect(names.wire('a.b')).toBe('a_b_2');
    expect(names.wire(a)).toHaveLength(64);
    expect(names.wire(b)).toHaveLength(64);
    expect(names.wire(a)).not.toBe(names.wire(b));
    expect([a, b].map((n) => names.original(names.wire(n)))).toEqual([a, b]);
  });

  it('forRequest covers the tools and the tools called earlier in the conversation', () => {
    const names = OpenAIToolNames.forRequest({
      tools: [{ name: 'a.b', description: '' }],
      messages: [{ role: 'assistant', parts: [{ type: 'toolCall', callId: 'c1', name: 'old/tool', input: {} }] }],
    });
    expect(names.original('a_b')).toBe('a.b');
    expect(names.original('old_tool')).toBe('old/tool');
  });
});

describe('chatEventsFromChunks with rewritten names', () => {
  it('maps a name that arrives in pieces back once the call is complete', async () => {
    const names = new OpenAIToolNames().reserve(['mcp.github/search issues']);
    const chunk = (delta: object, finish: string | null = null) => ({ choices: [{ index: 0, delta, finish_reason: finish }] }) as unknown as ChatCompletionChunk;
    async function* chunks() {
      yield chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'mcp_github_', arguments: '{"q":' } }] });
      yield chunk({ tool_calls: [{ index: 0, function: { name: 'search_issues', arguments: '"x"}' } }] });
      yield chunk({}, 'tool_calls');
    }
    const events: ChatEvent[] = [];
    for await (const e of chatEventsFromChunks(chunks(), names)) events.push(e);
    expect(events).toEqual([{ type: 'toolCall', callId: 'call_1', name: 'mcp.github/search issues', input: { q: 'x' } }]);
  });
});
