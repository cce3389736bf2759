import { rowDayFinder } from './dailySums';
import type { LedgerRow } from './ledgerRow';
import { periodKey, rowInPeriod, type Period } from './periods';
import * as z from '../zodMini';

const limit = z.optional(z.number().check(z.positive()));

/** `byok.budgets`: monthly and daily limits in USD, overall and per provider id. */
export const BudgetSettingsSchema = z.object({
  monthlyUsd: limit,
  dailyUsd: limit,
  /** Refuse a chat request once a limit is reached, without sending it. */
  stopAtLimit: z.optional(z.boolean()),
  /** Ask before sending a request whose prompt alone is estimated to cost more than this. */
  askAboveUsd: limit,
  providers: z.optional(z.record(z.string(), z.object({ monthlyUsd: limit, dailyUsd: limit }))),
});
export type BudgetSettings = z.infer<typeof BudgetSettingsSchema>;

export interface BudgetLimit {
  period: Period;
  limitUsd: number;
  /** A provider id, or absent for all providers together. */
  provider?: string;
}

export interface BudgetStatus extends BudgetLimit {
  spentUsd: number;
  /** YYYY-MM or YYYY-MM-DD (local) of the period measured. */
  periodKey: string;
}

/** Invalid settings give no limits (and the settings editor shows why) rather than a wrong one. */
export function budgetLimits(raw: unknown): { limits: BudgetLimit[]; stopAtLimit: boolean } {
  const parsed = BudgetSettingsSchema.safeParse(raw ?? {});
  if (!parsed.success) return { limits: [], stopAtLimit: false };
  const settings = parsed.data;
  const limits: BudgetLimit[] = [];
  if (settings.monthlyUsd) limits.push({ period: 'month', limitUsd: settings.monthlyUsd });
  if (settings.dailyUsd) limits.push({ period: 'day', limitUsd: settings.dailyUsd });
  for (const [provider, own] of Object.entries(settings.providers ?? {})) {
    if (own.monthlyUsd) limits.push({ period: 'month', limitUsd: own.monthlyUsd, provider });
    if (own.dailyUsd) limits.push({ period: 'day', limitUsd: own.dailyUsd, provider });
  }
  return { limits, stopAtLimit: settings.stopAtLimit === true };
}

/** What was spent against each limit in its current (local) period. Answers without a price add nothing. */
export function budgetStatuses(rows: readonly LedgerRow[], limits: readonly BudgetLimit[], now: Date): BudgetStatus[] {
  const dayOf = rowDayFinder();
  return limits.map((limit) => {
    const key = periodKey(limit.period, now);
    let spentUsd = 0;
    for (const row of rows) {
      if ((limit.provider === undefined || row.provider === limit.provider) && row.costUsd !== undefined && rowInPeriod(row, limit.period, key, dayOf)) spentUsd += row.costUsd;
    }
    return { ...limit, spentUsd, periodKey: key };
  });
}

export const WARNING_THRESHOLDS = [0.8, 1] as const;

export interface BudgetWarning {
  status: BudgetStatus;
  threshold: (typeof WARNING_THRESHOLDS)[number];
  /** Marks the warning as given for this limit, threshold and period. */
  mark: string;
}

export function warningMark(status: BudgetLimit & { periodKey: string }, threshold: number): string {
  return `${status.provider ?? '*'}|${status.period}|${status.limitUsd}|${status.periodKey}|${threshold}`;
}

/** The highest threshold each limit has newly reached: each warns once per period. */
export function newWarnings(statuses: readonly BudgetStatus[], alreadyWarned: ReadonlySet<string>): BudgetWarning[] {
  const warnings: BudgetWarning[] = [];
  for (const status of statuses) {
    const reached = WARNING_THRESHOLDS.filter((t) => status.spentUsd >= t * status.limitUsd);
    const highest = reached.at(-1);
    if (highest === undefined) continue;
    const mark = warningMark(status, highest);
    if (!alreadyWarned.has(mark)) warnings.push({ status, threshold: highest, mark });
  }
  return warnings;
}

/** The limit that stops a request to this provider, when stop-at-limit is on. */
export function blockingLimit(statuses: readonly BudgetStatus[], providerId: string, stopAtLimit: boolean): BudgetStatus | undefined {
  if (!stopAtLimit) return undefined;
  return statuses.find((s) => (s.provider === undefined || s.provider === providerId) && s.spentUsd >= s.limitUsd);
}
