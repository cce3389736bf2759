import { afterEach, describe, expect, it } from 'vitest';
import { blockingLimit, budgetLimits, budgetStatuses, newWarnings } from '../../src/core/costs/budgets';
import { answerRow } from '../../src/core/costs/ledger';
import type { LedgerRow } from '../../src/core/costs/ledgerRow';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

function spent(time: string, usd: number, provider = 'openai'): LedgerRow {
  return answerRow({ time: new Date(time), provider, model: 'gpt-4o', usage: { inputTokens: 1, outputTokens: 1 }, cost: { usd, source: 'catalogue' } });
}

describe('budgets', () => {
  it('reads monthly and daily limits, overall and per provider, from byok.budgets', () => {
    expect(budgetLimits({ monthlyUsd: 50, dailyUsd: 5, stopAtLimit: true, providers: { anthropic: { monthlyUsd: 20 } } })).toEqual({
      limits: [
        { period: 'month', limitUsd: 50 },
        { period: 'day', limitUsd: 5 },
        { period: 'month', limitUsd: 20, provider: 'anthropic' },
      ],
      stopAtLimit: true,
    });
    expect(budgetLimits(undefined)).toEqual({ limits: [], stopAtLimit: false });
    expect(budgetLimits({ monthlyUsd: -3 })).toEqual({ limits: [], stopAtLimit: false });
  });

  it('warns at 80 % and at 100 %, each once per period, with what was spent against which limit', () => {
    const { limits } = budgetLimits({ monthlyUsd: 10 });
    const now = new Date('2026-12-15T12:00:00Z');
    process.env.TZ = 'UTC';
    const warned = new Set<string>();
    expect(newWarnings(budgetStatuses([spent('2026-12-02T10:00:00Z', 7.9)], limits, now), warned)).toEqual([]);
    const at80 = newWarnings(budgetStatuses([spent('2026-12-02T10:00:00Z', 8.2)], limits, now), warned);
    expect(at80).toEqual([expect.objectContaining({ threshold: 0.8, status: expect.objectContaining({ spentUsd: 8.2, limitUsd: 10, period: 'month', periodKey: '2026-12' }) })]);
    warned.add(at80[0]!.mark);
    expect(newWarnings(budgetStatuses([spent('2026-12-02T10:00:00Z', 9)], limits, now), warned)).toEqual([]);
    const at100 = newWarnings(budgetStatuses([spent('2026-12-02T10:00:00Z', 10)], limits, now), warned);
    expect(at100.map((w) => w.threshold)).toEqual([1]);
    warned.add(at100[0]!.mark);
    expect(newWarnings(budgetStatuses([spent('2026-12-02T10:00:00Z', 12)], limits, now), warned)).toEqual([]);
    // A new month starts from zero and warns again.
    const january = new Date('2027-01-02T12:00:00Z');
    expect(newWarnings(budgetStatuses([spent('2026-12-02T10:00:00Z', 12), spent('2027-01-01T10:00:00Z', 8.5)], limits, january), warned).map((w) => w.status.periodKey)).toEqual(['2027-01']);
  });

  it('periods follow the local time zone: 23:30 in New York on Nov 30 is still November there', () => {
    const { limits } = budgetLimits({ monthlyUsd: 10, dailyUsd: 2 });
    const rows = [spent('2026-12-01T04:30:00Z', 3)];
    process.env.TZ = 'America/New_York';
    const ny = budgetStatuses(rows, limits, new Date('2026-12-01T04:45:00Z'));
    expect(ny.map((s) => [s.periodKey, s.spentUsd])).toEqual([
      ['2026-11', 3],
      ['2026-11-30', 3],
    ]);
    // The same answer and moment in Berlin: already December 1st.
    process.env.TZ = 'Europe/Berlin';
    const berlin = budgetStatuses(rows, limits, new Date('2026-12-01T04:45:00Z'));
    expect(berlin.map((s) => [s.periodKey, s.spentUsd])).toEqual([
      ['2026-12', 3],
      ['2026-12-01', 3],
    ]);
    // Next local morning in Berlin: the day budget is fresh, the month's is not.
    const nextDay = budgetStatuses(rows, limits, new Date('2026-12-02T06:00:00Z'));
    expect(nextDay.map((s) => s.spentUsd)).toEqual([3, 0]);
  });

  it('stop at the limit blocks only requests the reached limit covers, and only when turned on', () => {
    process.env.TZ = 'UTC';
    const now = new Date('2026-12-15T12:00:00Z');
    const { limits } = budgetLimits({ providers: { anthropic: { dailyUsd: 1 } } });
    const statuses = budgetStatuses([spent('2026-12-15T09:00:00Z', 1.2, 'anthropic')], limits, now);
    expect(blockingLimit(statuses, 'anthropic', true)).toMatchObject({ provider: 'anthropic', period: 'day', limitUsd: 1, spentUsd: 1.2 });
    expect(blockingLimit(statuses, 'openai', true)).toBeUndefined();
    expect(blockingLimit(statuses, 'anthropic', false)).toBeUndefined();
  });
});
