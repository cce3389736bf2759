import { afterEach, describe, expect, it } from 'vitest';
import { answerRow } from '../../src/core/costs/ledger';
import { summarizeUsage, usageCsv } from '../../src/core/costs/usageSummary';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

function row(time: string, provider: string, model: string, usd: number | null, workspace?: string) {
  return answerRow({ time: new Date(time), provider, model, workspace, usage: { inputTokens: 100, cacheReadTokens: 40, outputTokens: 10 }, cost: usd === null ? { usd: undefined, source: 'none' } : { usd, source: 'catalogue' } });
}

describe('usage view totals', () => {
  it('sums today, this month and last month, per provider, model and workspace; unpriced answers count tokens only', () => {
    process.env.TZ = 'Europe/Paris';
    const now = new Date('2026-12-03T15:00:00Z');
    const rows = [
      row('2026-11-30T22:30:00Z', 'openai', 'gpt-4o', 1), // 23:30 in Paris: November
      row('2026-11-30T23:30:00Z', 'openai', 'gpt-4o', 2, 'shop'), // 00:30 in Paris: December 1st
      row('2026-12-03T09:00:00Z', 'anthropic', 'claude-sonnet-4-5', 4, 'shop'),
      row('2026-12-03T10:00:00Z', 'compatible.ollama', 'llama3.2:latest', null),
    ];
    const summary = summarizeUsage(rows, now);
    expect(summary.today).toMatchObject({ requests: 2, costUsd: 4, unpriced: 1, input: 200, cacheRead: 80 });
    expect(summary.thisMonth).toMatchObject({ requests: 3, costUsd: 6, unpriced: 1 });
    expect(summary.lastMonth).toMatchObject({ requests: 1, costUsd: 1 });
    expect(summary.byProvider.map((t) => [t.key, t.costUsd])).toEqual([
      ['anthropic', 4],
      ['openai', 2],
      ['compatible.ollama', 0],
    ]);
    expect(summary.byWorkspace.map((t) => [t.key, t.requests])).toEqual([
      ['shop', 2],
      ['', 1],
    ]);
    // The chart: 30 local days ending today, one series per priced model, costliest first.
    expect(summary.daily.days).toHaveLength(30);
    expect(summary.daily.days.at(-1)).toBe('2026-12-03');
    expect(summary.daily.series.map((s) => s.key)).toEqual(['anthropic / claude-sonnet-4-5', 'openai / gpt-4o']);
    const gpt = summary.daily.series[1]!.costs;
    expect(gpt[summary.daily.days.indexOf('2026-11-30')]).toBe(1);
    expect(gpt[summary.daily.days.indexOf('2026-12-01')]).toBe(2);
  });

  it('half-hour time zones: an hour that straddles local midnight splits its answers by their own local day', () => {
    process.env.TZ = 'Asia/Kolkata'; // UTC+5:30: local midnight is 18:30 UTC
    const now = new Date('2026-12-03T12:00:00Z');
    const summary = summarizeUsage([row('2026-12-02T18:10:00Z', 'openai', 'gpt-4o', 1), row('2026-12-02T18:50:00Z', 'openai', 'gpt-4o', 2)], now);
    const costs = summary.daily.series[0]!.costs;
    expect(costs[summary.daily.days.indexOf('2026-12-02')]).toBe(1);
    expect(costs[summary.daily.days.indexOf('2026-12-03')]).toBe(2);
    expect(summary.today.costUsd).toBe(2);
  });

  it('exports CSV with a header, one line per row, quoting and no spreadsheet formulas', () => {
    process.env.TZ = 'UTC';
    const csv = usageCsv([row('2026-12-03T09:00:00Z', 'openai', 'gpt-4o', 0.0123456789, 'a,b'), row('2026-12-02T09:00:00Z', 'openai', '=cmd', null)]);
    expect(csv.split('\r\n')).toEqual([
      'date,time,provider,model,workspace,requests,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,reasoning_tokens,cost_usd,price_source,unpriced_requests',
      "2026-12-02,2026-12-02T09:00:00.000Z,openai,'=cmd,,1,100,40,0,10,0,,none,1",
      '2026-12-03,2026-12-03T09:00:00.000Z,openai,gpt-4o,"a,b",1,100,40,0,10,0,0.012346,catalogue,0',
      '',
    ]);
  });
});
