import { providerError } from '../errors/providerError';
import { text } from '../text';
import type { ChatEvent } from './types';

/** Product default for `byok.chat.idleTimeoutSeconds`: long enough for a reasoning model's first words. */
export const DEFAULT_CHAT_IDLE_SECONDS = 120;

/** Why the request's signal was aborted; provider adapters only see that it was. */
class ChatIdleTimeout extends Error {
  override readonly name = 'TimeoutError';
  constructor(ms: number) {
    super(`Nothing arrived for ${ms / 1000} s`);
  }
}

export interface IdleLimitOptions {
  /** The chat request's own signal (the user's cancel). */
  signal: AbortSignal;
  /** Longest silence allowed between two events (and before the first). */
  idleMs: number;
  /** Display name for the hint, e.g. "OpenAI". */
  provider: string;
}

/**
 * Runs a provider's chat stream and ends it with a timeout error when the provider sends nothing
 * for `idleMs`: a stalled server or proxy otherwise leaves the chat spinning forever. The request's
 * signal given to `start` is aborted then, so the adapter closes the connection.
 */
export async function* streamWithIdleLimit(start: (signal: AbortSignal) => AsyncIterable<ChatEvent>, options: IdleLimitOptions): AsyncGenerator<ChatEvent> {
  const controller = new AbortController();
  const forwardCancel = () => controller.abort(options.signal.reason);
  if (options.signal.aborted) forwardCancel();
  else options.signal.addEventListener('abort', forwardCancel, { once: true });
  const events = start(controller.signal)[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<'idle'>((resolve) => {
        timer = setTimeout(() => resolve('idle'), options.idleMs);
      });
      const next = events.next();
      const step = await Promise.race([next, idle]).finally(() => clearTimeout(timer));
      if (step === 'idle') {
        finished = true;
        controller.abort(new ChatIdleTimeout(options.idleMs));
        // The adapter ends on the abort; its last event (a cancellation) is not the user's news.
        next.then(() => events.return?.(), () => undefined).catch(() => undefined);
        const seconds = options.idleMs / 1000;
        yield {
          type: 'error',
          error: providerError('timeout', {
            provider: options.provider,
            // The chat shows "<provider>: <message>. <hint>", so the message does not repeat the name.
            message: `Nothing arrived for ${seconds} s; the answer was stopped and the connection closed.`,
            hint: text('{0} stopped sending the answer. Try again; if a slow model needs longer pauses, raise "byok.chat.idleTimeoutSeconds".', options.provider),
          }),
        };
        return;
      }
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } finally {
    options.signal.removeEventListener('abort', forwardCancel);
    // The consumer stopped early (cancel, a thrown error): let the adapter clean up too.
    if (!finished) void events.return?.()?.catch(() => undefined);
  }
}
