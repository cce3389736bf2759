import { NUMBER_FIELDS, type LedgerRow } from './ledgerRow';

/** The local calendar date of a moment, YYYY-MM-DD. */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/**
 * The local day of each row, for loops over many rows: converting each of 100,000 answers through
 * the time-zone database took seconds, and the offset only changes at whole hours (DST), so one
 * lookup per hour does. One finder per pass, so a changed time zone is seen by the next pass.
 */
export function rowDayFinder(): (row: LedgerRow) => string {
  // Keyed by the UTC hour of the ISO time ("2026-12-03T10"): when the hour's first and last
  // millisecond fall on the same local day, so does every answer in it. Zones with half-hour
  // offsets have hours that straddle midnight; those answers are converted one by one.
  const dayByHour = new Map<string, string | null>();
  return (row) => {
    if (row.day) return row.day;
    const time = row.time!;
    const hour = time.slice(0, 13);
    let day = dayByHour.get(hour);
    if (day === undefined) {
      const first = localDay(new Date(`${hour}:00:00.000Z`));
      day = first === localDay(new Date(`${hour}:59:59.999Z`)) ? first : null;
      dayByHour.set(hour, day);
    }
    return day ?? localDay(new Date(time));
  };
}

/** The local day a row counts for. */
export function rowDay(row: LedgerRow): string {
  return row.day ?? localDay(new Date(row.time!));
}

/** Answers of a row the fallback key served: 1 for such an answer, the count for a day's sum. */
function fallbackAnswers(row: LedgerRow): number {
  return row.key === 'fallback' ? 1 : (row.fallbackAnswers ?? 0);
}

function addInto(sum: LedgerRow, row: LedgerRow): void {
  for (const field of NUMBER_FIELDS) sum[field] += row[field];
  const fallback = fallbackAnswers(row);
  if (fallback) sum.fallbackAnswers = (sum.fallbackAnswers ?? 0) + fallback;
  if (row.costUsd !== undefined) sum.costUsd = (sum.costUsd ?? 0) + row.costUsd;
  if (sum.priceSource !== row.priceSource) sum.priceSource = 'mixed';
}

/** Adds a row into its day's sum for its provider, model and workspace. */
export function addToDay(days: Map<string, LedgerRow>, row: LedgerRow, day: string): void {
  const key = JSON.stringify([day, row.provider, row.model, row.workspace ?? '']);
  const sum = days.get(key);
  if (sum) addInto(sum, row);
  else {
    const { time: _time, key: _key, fallbackAnswers: _fallback, ...rest } = row;
    const fallback = fallbackAnswers(row);
    days.set(key, { ...rest, day, ...(fallback ? { fallbackAnswers: fallback } : {}) });
  }
}

/** Every row summed per local day, provider, model and workspace: what the usage view and budgets count. */
export function sumDays(rows: readonly LedgerRow[], days = new Map<string, LedgerRow>(), dayOf = rowDayFinder()): Map<string, LedgerRow> {
  for (const row of rows) addToDay(days, row, dayOf(row));
  return days;
}
