import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/core/chat/types';
import { chatEventsFromChunks } from '../../src/core/providers/openaiFamily';
import { contentFilterError, filteredCategories } from '../../src/core/providers/openaiFamily/contentFilter';
import type { StreamEnd } from '../../src/core/providers/openaiFamily/streamEvents';
import { formatText } from '../../src/core/text';

const SAFE = { filtered: false, severity: 'safe' };

function chunk(delta: ChatCompletionChunk.Choice.Delta, finish: string | null = null, contentFilterResults?: unknown): ChatCompletionChunk {
  const choice = { index: 0, delta, finish_reason: finish, logprobs: null, content_filter_results: contentFilterResults };
  return { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [choice as ChatCompletionChunk.Choice] };
}

async function run(chunks: ChatCompletionChunk[]): Promise<{ events: ChatEvent[]; end: StreamEnd }> {
  const generator = chatEventsFromChunks(
    (async function* () {
      yield* chunks;
    })(),
  );
  const events: ChatEvent[] = [];
  for (;;) {
    const step = await generator.next();
    if (step.done) return { events, end: step.value };
    events.push(step.value);
  }
}

describe('filteredCategories (Azure content_filter_results)', () => {
  it('names only the categories that fired, with their severity', () => {
    expect(filteredCategories({ hate: { filtered: true, severity: 'medium' }, self_harm: SAFE, sexual: SAFE, violence: { filtered: true, severity: 'high' } })).toEqual([
      'hate, severity medium',
      'violence, severity high',
    ]);
  });

  it('names detection filters and custom blocklists by what Azure reports', () => {
    expect(
      filteredCategories({
        protected_material_text: { filtered: true, detected: true },
        profanity: { filtered: false, detected: true },
        custom_blocklists: { filtered: true, details: [{ filtered: true, id: 'no-codenames' }, { filtered: false, id: 'other' }] },
      }),
    ).toEqual(['protected material text', 'custom blocklist no-codenames']);
  });

  it('finds nothing in the empty object Azure sends on a normal finish, or in garbage', () => {
    expect(filteredCategories({})).toEqual([]);
    expect(filteredCategories(undefined)).toEqual([]);
    expect(filteredCategories('hate')).toEqual([]);
    expect(filteredCategories({ hate: SAFE })).toEqual([]);
  });
});

describe('chatEventsFromChunks: how the answer ended', () => {
  it('keeps the text before the cut and reports the finish reason and the category that fired', async () => {
    const { events, end } = await run([
      chunk({ content: 'Part ' }, null, { hate: SAFE }),
      chunk({ content: 'one' }, null, { hate: SAFE }),
      chunk({}, 'content_filter', { hate: { filtered: true, severity: 'medium' }, violence: SAFE }),
    ]);
    expect(events).toEqual([
      { type: 'text', text: 'Part ' },
      { type: 'text', text: 'one' },
    ]);
    expect(end).toEqual({ finishReason: 'content_filter', filtered: ['hate, severity medium'] });
  });

  it('drops a tool call the filter cut in the middle of its arguments instead of failing on its JSON', async () => {
    const { events, end } = await run([
      chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'write_file', arguments: '{"text":"' } }] }),
      chunk({}, 'content_filter'),
    ]);
    expect(events).toEqual([]);
    expect(end).toEqual({ finishReason: 'content_filter', filtered: [] });
  });

  it('a normal stop reports stop and no filter', async () => {
    const { end } = await run([chunk({ content: 'Done.' }), chunk({}, 'stop', {})]);
    expect(end).toEqual({ finishReason: 'stop', filtered: [] });
  });
});

describe('contentFilterError', () => {
  it('lists every category that fired, separated so a user can tell them apart', () => {
    const error = contentFilterError(['hate, severity medium', 'violence, severity high'], { provider: 'Azure OpenAI' });
    expect(error.message).toBe('The answer was stopped by Azure OpenAI’s content filter (hate, severity medium; violence, severity high)');
  });

  it('without categories (a gateway that only sets the finish reason) still says the filter stopped the answer', () => {
    const error = contentFilterError([], { provider: 'Company gateway', secrets: ['gw-secret'] });
    expect(error).toMatchObject({ kind: 'bad_request', code: 'content_filter', message: 'The answer was stopped by Company gateway’s content filter' });
    expect(formatText(error.hint)).toMatch(/^Rephrase the request and try again\. The filter is part of Company gateway/);
  });
});
