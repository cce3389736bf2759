import type { PriceSource } from './prices';

/** Answers and their tokens by kind: what a ledger row and a usage total both count. */
export interface TokenCounts {
  /** Answers counted (1 for one answer). */
  requests: number;
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

/**
 * One line of the usage ledger: an answer (`time`) or, after compaction, a day's sum (`day`, local
 * date) per provider, model and workspace. Token counts and cost only: no prompt text, no secret.
 */
export interface LedgerRow extends TokenCounts {
  time?: string;
  day?: string;
  provider: string;
  model: string;
  /** Name of the workspace folder the answer was asked in; absent when no folder was open. */
  workspace?: string;
  /** USD of the priced answers; absent when none had a known price. */
  costUsd?: number;
  /** Where the price came from (for a day's sum: the answers' common source, or 'mixed'). */
  priceSource: PriceSource | 'mixed';
  /** Answers without a known price (counted in tokens, not in costUsd). */
  unpriced: number;
  /** An answer the provider's fallback key served (answer rows only). */
  key?: 'fallback';
  /** A day's sum: how many of its answers the fallback key served (absent for none). */
  fallbackAnswers?: number;
}

/** The counts a day's sum adds up. */
export const NUMBER_FIELDS = ['requests', 'input', 'cacheRead', 'cacheWrite', 'output', 'reasoning', 'unpriced'] as const;

/** A line that is not a complete row (torn by a crash, edited by hand) is skipped. */
function parseRow(line: string): LedgerRow | undefined {
  if (!line.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return validRow(value);
}

/** The value as a ledger row, or undefined when it lacks a field or has one of the wrong type. */
export function validRow(value: unknown): LedgerRow | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const row = value as Record<string, unknown>;
  if (typeof row.provider !== 'string' || typeof row.model !== 'string') return undefined;
  if (typeof row.time !== 'string' && typeof row.day !== 'string') return undefined;
  for (const field of NUMBER_FIELDS) if (typeof row[field] !== 'number' || !Number.isFinite(row[field])) return undefined;
  if (row.costUsd !== undefined && typeof row.costUsd !== 'number') return undefined;
  if (row.fallbackAnswers !== undefined && typeof row.fallbackAnswers !== 'number') return undefined;
  return row as unknown as LedgerRow;
}

export function parseRows(text: string): LedgerRow[] {
  const rows: LedgerRow[] = [];
  for (const line of text.split('\n')) {
    const row = parseRow(line);
    if (row) rows.push(row);
  }
  return rows;
}
