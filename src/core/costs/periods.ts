import { localDay, rowDay } from './dailySums';
import type { LedgerRow } from './ledgerRow';

/** Budget and report periods, in the user's local time zone. */
export type Period = 'day' | 'month';

/** The local calendar key of the period a moment falls in: YYYY-MM-DD or YYYY-MM. */
export function periodKey(period: Period, at: Date): string {
  return period === 'day' ? localDay(at) : localDay(at).slice(0, 7);
}

/** The local month before the one `at` falls in, YYYY-MM. */
export function previousMonthKey(at: Date): string {
  return periodKey('month', new Date(at.getFullYear(), at.getMonth() - 1, 1));
}

export function rowInPeriod(row: LedgerRow, period: Period, key: string, dayOf: (row: LedgerRow) => string = rowDay): boolean {
  const day = dayOf(row);
  return period === 'day' ? day === key : day.startsWith(`${key}-`);
}
