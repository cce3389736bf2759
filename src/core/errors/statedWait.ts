/**
 * Waits that providers state in text rather than in a `Retry-After` header: OpenAI's
 * "Please try again in 644ms." / "in 20s" / "in 7m12s", Azure's "Please retry after 45 seconds.",
 * Gemini's "Please retry in 56.39s.".
 */

/** A Go-style duration ("6m0s", "644ms", "1m12.48s", "2h13m20s"), as OpenAI's headers and messages write them. */
export function goDurationSeconds(value: string | null | undefined): number | undefined {
  if (!value || !/^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/.test(value.trim())) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const n = Number(amount);
    total += unit === 'ms' ? n / 1000 : unit === 'h' ? n * 3600 : unit === 'm' ? n * 60 : n;
  }
  return total;
}

const UNIT_SECONDS: Record<string, number> = { millisecond: 0.001, second: 1, sec: 1, minute: 60, min: 60, hour: 3600 };

/** The wait a message asks for, in seconds; undefined when it states none. */
export function waitStatedInMessage(message: string): number | undefined {
  const phrase = /\b(?:try again|retry)\s+(?:in|after)\s+(?:about\s+)?([0-9][0-9.a-z]*)(?:\s+(milliseconds?|seconds?|secs?|minutes?|mins?|hours?)\b)?/i.exec(message);
  if (!phrase) return undefined;
  const [, amount, unit] = phrase;
  if (unit) {
    const n = Number(amount);
    return Number.isFinite(n) ? n * UNIT_SECONDS[unit.toLowerCase().replace(/s$/, '')]! : undefined;
  }
  return goDurationSeconds(amount!.replace(/\.$/, ''));
}
