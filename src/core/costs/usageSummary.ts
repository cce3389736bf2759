import { localDay, rowDay, rowDayFinder } from './dailySums';
import type { LedgerRow, TokenCounts } from './ledgerRow';
import { periodKey, previousMonthKey } from './periods';

export interface UsageTotals extends TokenCounts {
  /** Provider id, "provider / model", workspace name, or '' for the whole period. */
  key: string;
  costUsd: number;
  /** Answers without a known price (their tokens count, their cost cannot). */
  unpriced: number;
}

export interface DailyCosts {
  /** The last 30 local days, oldest first. */
  days: string[];
  /** One series per model ("provider / model"), costliest first; costs[i] belongs to days[i]. */
  series: { key: string; costs: number[] }[];
}

export interface UsageSummary {
  today: UsageTotals;
  thisMonth: UsageTotals;
  lastMonth: UsageTotals;
  /** This month's totals. */
  byProvider: UsageTotals[];
  byModel: UsageTotals[];
  byWorkspace: UsageTotals[];
  daily: DailyCosts;
}

function empty(key: string): UsageTotals {
  return { key, requests: 0, input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0, costUsd: 0, unpriced: 0 };
}

function add(totals: UsageTotals, row: LedgerRow): void {
  totals.requests += row.requests;
  totals.input += row.input;
  totals.cacheRead += row.cacheRead;
  totals.cacheWrite += row.cacheWrite;
  totals.output += row.output;
  totals.reasoning += row.reasoning;
  totals.costUsd += row.costUsd ?? 0;
  totals.unpriced += row.unpriced;
}

function grouped(rows: readonly LedgerRow[], keyOf: (row: LedgerRow) => string): UsageTotals[] {
  const groups = new Map<string, UsageTotals>();
  for (const row of rows) {
    const key = keyOf(row);
    let totals = groups.get(key);
    if (!totals) groups.set(key, (totals = empty(key)));
    add(totals, row);
  }
  return [...groups.values()].sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests);
}

export const modelKey = (row: Pick<LedgerRow, 'provider' | 'model'>): string => `${row.provider} / ${row.model}`;

/** Totals for the usage view, in the user's local time zone; one pass over the rows (100,000 of them must stay fast). */
export function summarizeUsage(rows: readonly LedgerRow[], now: Date): UsageSummary {
  const today = periodKey('day', now);
  const monthPrefix = `${periodKey('month', now)}-`;
  const lastMonthPrefix = `${previousMonthKey(now)}-`;
  const totals = { today: empty(''), thisMonth: empty(''), lastMonth: empty('') };
  const groups = { provider: new Map<string, UsageTotals>(), model: new Map<string, UsageTotals>(), workspace: new Map<string, UsageTotals>() };
  const days = Array.from({ length: 30 }, (_, i) => localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29 + i)));
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const series = new Map<string, number[]>();
  const addTo = (map: Map<string, UsageTotals>, key: string, row: LedgerRow) => {
    let entry = map.get(key);
    if (!entry) map.set(key, (entry = empty(key)));
    add(entry, row);
  };
  const dayOf = rowDayFinder();
  for (const row of rows) {
    const day = dayOf(row);
    if (day === today) add(totals.today, row);
    if (day.startsWith(monthPrefix)) {
      add(totals.thisMonth, row);
      addTo(groups.provider, row.provider, row);
      addTo(groups.model, modelKey(row), row);
      addTo(groups.workspace, row.workspace ?? '', row);
    } else if (day.startsWith(lastMonthPrefix)) add(totals.lastMonth, row);
    const index = dayIndex.get(day);
    if (index === undefined || !row.costUsd) continue;
    const key = modelKey(row);
    let costs = series.get(key);
    if (!costs) series.set(key, (costs = new Array<number>(days.length).fill(0)));
    costs[index]! += row.costUsd;
  }
  const sorted = (map: Map<string, UsageTotals>) => [...map.values()].sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests);
  const sum = (costs: number[]) => costs.reduce((a, b) => a + b, 0);
  return {
    ...totals,
    byProvider: sorted(groups.provider),
    byModel: sorted(groups.model),
    byWorkspace: sorted(groups.workspace),
    daily: { days, series: [...series].map(([key, costs]) => ({ key, costs })).sort((a, b) => sum(b.costs) - sum(a.costs)) },
  };
}

const CSV_COLUMNS = ['date', 'time', 'provider', 'model', 'workspace', 'requests', 'input_tokens', 'cache_read_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens', 'cost_usd', 'price_source', 'unpriced_requests'] as const;

function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  // Quote what would break the row, and neutralise formulas when the file is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every ledger row as CSV: answers with their time, older days as daily sums (time empty). */
export function usageCsv(rows: readonly LedgerRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  const sorted = [...rows].sort((a, b) => (a.time ?? a.day!).localeCompare(b.time ?? b.day!));
  for (const r of sorted) {
    lines.push(
      [rowDay(r), r.time, r.provider, r.model, r.workspace, r.requests, r.input, r.cacheRead, r.cacheWrite, r.output, r.reasoning, r.costUsd === undefined ? undefined : Number(r.costUsd.toFixed(6)), r.priceSource, r.unpriced]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
