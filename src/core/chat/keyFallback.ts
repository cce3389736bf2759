import type { ErrorKind } from '../errors/errorKind';
import type { Secrets } from '../providers/types';
import type { ChatEvent } from './types';

/** Only a key that is rate-limited or out of quota hands over; a refused key (401/403) must be seen, not hidden. */
const HANDS_OVER = new Set<ErrorKind>(['rate_limited', 'quota_exhausted']);

/**
 * One answer with the provider's optional fallback key: when the primary key is rate-limited or
 * out of quota before anything was answered, the request is sent once more with the fallback key
 * (`onFallback` is told first, so the answer can say which key served). Any other failure, or one
 * after the answer began, ends the answer as it is.
 */
export async function* streamWithFallback(
  open: (secrets: Secrets) => AsyncIterable<ChatEvent>,
  primary: Secrets,
  fallback: Secrets | undefined,
  onFallback: (primaryError: Extract<ChatEvent, { type: 'error' }>['error']) => void,
): AsyncGenerator<ChatEvent> {
  let answered = false;
  for await (const event of open(primary)) {
    if (event.type === 'error' && !answered && fallback && HANDS_OVER.has(event.error.kind)) {
      onFallback(event.error);
      yield* open(fallback);
      return;
    }
    if (event.type === 'text' || event.type === 'toolCall') answered = true;
    yield event;
  }
}
