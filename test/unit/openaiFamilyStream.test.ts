import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/core/chat/types';
import { chatEventsFromChunks, ToolArgumentsError } from '../../src/core/providers/openaiFamily';

type Delta = ChatCompletionChunk.Choice.Delta;

function chunk(delta: Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null, usage?: ChatCompletionChunk['usage']): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], usage };
}

async function* from(chunks: ChatCompletionChunk[]) {
  yield* chunks;
}

async function events(chunks: ChatCompletionChunk[]): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of chatEventsFromChunks(from(chunks))) out.push(e);
  return out;
}

const usageChunk = (prompt: number, completion: number): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [],
  usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
});

describe('chatEventsFromChunks', () => {
  it('yields text in order and the final usage chunk last', async () => {
    expect(await events([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, 'stop'), usageChunk(12, 2)])).toEqual([
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      { type: 'usage', inputTokens: 12, outputTokens: 2 },
    ]);
  });

  it('assembles parallel tool calls whose JSON arguments arrive in pieces', async () => {
    const out = await events([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'read_file', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"pa' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'search', arguments: '{"q":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'th":"a.ts"}' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '"x"}' } }] }),
      chunk({}, 'tool_calls'),
      usageChunk(30, 9),
    ]);
    expect(out).toEqual([
      { type: 'toolCall', callId: 'call_a', name: 'read_file', input: { path: 'a.ts' } },
      { type: 'toolCall', callId: 'call_b', name: 'search', input: { q: 'x' } },
      { type: 'usage', inputTokens: 30, outputTokens: 9 },
    ]);
  });

  it('accepts a whole tool call in one chunk without an id and empty arguments', async () => {
    const out = await events([chunk({ tool_calls: [{ index: 0, function: { name: 'list', arguments: '' } }] }, 'tool_calls')]);
    expect(out).toEqual([{ type: 'toolCall', callId: 'call_0', name: 'list', input: {} }]);
  });

  it('flushes calls at the end of a stream that never sent finish_reason', async () => {
    const out = await events([chunk({ tool_calls: [{ index: 0, id: 'x', function: { name: 'f', arguments: '{"a":1}' } }] })]);
    expect(out).toEqual([{ type: 'toolCall', callId: 'x', name: 'f', input: { a: 1 } }]);
  });

  it('throws on tool arguments that are not a JSON object', async () => {
    await expect(events([chunk({ tool_calls: [{ index: 0, id: 'x', function: { name: 'f', arguments: '{"a":' } }] }, 'tool_calls')])).rejects.toBeInstanceOf(ToolArgumentsError);
  });

  it('reports usage once even when a server repeats it in every chunk (last wins)', async () => {
    const u = (n: number) => ({ prompt_tokens: 5, completion_tokens: n, total_tokens: 5 + n });
    const out = await events([chunk({ content: 'a' }, null, u(1)), chunk({ content: 'b' }, 'stop', u(2))]);
    expect(out.filter((e) => e.type === 'usage')).toEqual([{ type: 'usage', inputTokens: 5, outputTokens: 2 }]);
  });
});
