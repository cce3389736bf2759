import type { TestContext } from 'vitest';

/**
 * What one reliability test adds to `npm run reliability`'s table, when it is more than one case
 * (the fuzzing run) or carries figures (cancellation times). Travels in the test's meta, which
 * vitest's JSON report keeps; scripts/reliability.mjs reads it.
 */
export interface ReliabilityFigures {
  /** How many cases this one test ran (default 1). */
  cases?: number;
  /** How many of them failed (default: 0 when the test passed, all when it failed). */
  failed?: number;
  /** Measured values for the report, e.g. `{ medianMs: 12, worstMs: 40 }`. */
  figures?: Record<string, number | string>;
  detail?: Record<string, unknown>;
}

declare module 'vitest' {
  interface TaskMeta {
    reliability?: ReliabilityFigures;
  }
}

export function recordFigures(context: TestContext, figures: ReliabilityFigures): void {
  context.task.meta.reliability = figures;
}
