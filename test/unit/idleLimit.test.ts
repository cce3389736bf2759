import { describe, expect, it } from 'vitest';
import { streamWithIdleLimit } from '../../src/core/chat/idleLimit';
import type { ChatEvent } from '../../src/core/chat/types';
import { collectEvents } from '../support/chatEvents';

/** A provider stream that sends the given texts, then falls silent until its signal aborts. */
function stallingAfter(texts: string[], seen: { signal?: AbortSignal; cleanedUp: boolean }) {
  return async function* (signal: AbortSignal): AsyncGenerator<ChatEvent> {
    seen.signal = signal;
    try {
      for (const text of texts) yield { type: 'text', text };
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
    } finally {
      seen.cleanedUp = true;
    }
  };
}

describe('streamWithIdleLimit', () => {
  it('passes events through, then ends a silent stream with a timeout error and aborts the request', async () => {
    const seen = { cleanedUp: false } as { signal?: AbortSignal; cleanedUp: boolean };
    const events = await collectEvents(streamWithIdleLimit(stallingAfter(['Once', ' upon'], seen), { signal: new AbortController().signal, idleMs: 50, provider: 'OpenAI' }));
    expect(events.slice(0, 2)).toEqual([
      { type: 'text', text: 'Once' },
      { type: 'text', text: ' upon' },
    ]);
    expect(events[2]).toMatchObject({ type: 'error', error: { kind: 'timeout', message: 'Nothing arrived for 0.05 s; the answer was stopped and the connection closed.' } });
    expect(events).toHaveLength(3);
    expect(seen.signal?.aborted).toBe(true);
    await expect.poll(() => seen.cleanedUp).toBe(true);
  });

  it('a stream that keeps sending is never cut, however long it takes in total', async () => {
    async function* steady(): AsyncGenerator<ChatEvent> {
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 20));
        yield { type: 'text', text: String(i) };
      }
    }
    const events = await collectEvents(streamWithIdleLimit(() => steady(), { signal: new AbortController().signal, idleMs: 60, provider: 'OpenAI' }));
    expect(events.map((e) => (e.type === 'text' ? e.text : e.type)).join('')).toBe('012345');
  });

  it('the user cancelling reaches the provider stream', async () => {
    const seen = { cleanedUp: false } as { signal?: AbortSignal; cleanedUp: boolean };
    const user = new AbortController();
    const stream = streamWithIdleLimit(stallingAfter(['a'], seen), { signal: user.signal, idleMs: 60_000, provider: 'OpenAI' });
    expect((await stream.next()).value).toEqual({ type: 'text', text: 'a' });
    const rest = stream.next();
    user.abort();
    expect((await rest).done).toBe(true);
    expect(seen.signal?.aborted).toBe(true);
  });
});
