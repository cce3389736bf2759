import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localDay } from '../../src/core/costs/dailySums';
import { answerRow, UsageLedger, type AnswerRecord } from '../../src/core/costs/ledger';
import { compactRows } from '../../src/core/costs/ledgerCompaction';
import { usageByModel } from '../../src/core/costs/modelUsage';

const dirs: string[] = [];
function ledgerDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'byok-ledger-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0));

function answer(at: string, model = 'gpt-4o', usd: number | null = 0.01): AnswerRecord {
  const cost = usd === null ? { usd: undefined, source: 'none' as const } : { usd, source: 'catalogue' as const };
  return { time: new Date(at), provider: 'openai', model, workspace: 'shop', usage: { inputTokens: 1000, cacheReadTokens: 200, outputTokens: 50, reasoningTokens: 10 }, cost };
}

function writer(dir: string, count: number, name: string): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/ledgerWriter.ts'), dir, String(count), name], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', resolve));
}

describe('usage ledger', () => {
  it('records each answer with its token kinds, cost and price source; no prompt text', async () => {
    const ledger = new UsageLedger(path.join(ledgerDir(), 'not-yet-created'));
    ledger.append(answer('2026-12-03T10:00:00Z'));
    const rows = await ledger.rows();
    expect(rows).toEqual([
      { time: '2026-12-03T10:00:00.000Z', provider: 'openai', model: 'gpt-4o', workspace: 'shop', requests: 1, input: 1000, cacheRead: 200, cacheWrite: 0, output: 50, reasoning: 10, costUsd: 0.01, priceSource: 'catalogue', unpriced: 0 },
    ]);
  });

  it('two windows writing at once, while a third compacts, lose nothing', async () => {
    const dir = ledgerDir();
    const ledger = new UsageLedger(dir, { compactAboveBytes: 0, renameGraceMs: 50 });
    const writers = Promise.all([writer(dir, 400, 'window-a'), writer(dir, 400, 'window-b')]);
    // Compact repeatedly while both write (answers are recent, so they keep their own rows).
    let compactions = 0;
    let done = false;
    void writers.then(() => (done = true));
    while (!done) {
      if (await ledger.compact()) compactions++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await writers).toEqual([0, 0]);
    const rows = await new UsageLedger(dir).rows();
    expect(rows.filter((r) => r.model === 'window-a')).toHaveLength(400);
    expect(rows.filter((r) => r.model === 'window-b')).toHaveLength(400);
    // Each window's answers in its own order, none twice.
    expect(new Set(rows.filter((r) => r.model === 'window-a').map((r) => r.input)).size).toBe(400);
    expect(compactions).toBeGreaterThan(0);
    // The sums the compactions left count every answer once.
    expect((await new UsageLedger(dir).dailySums()).reduce((n, r) => n + r.requests, 0)).toBe(800);
  });

  it('a writer killed mid-line leaves a readable ledger: the torn line is skipped, later answers count', async () => {
    const dir = ledgerDir();
    const ledger = new UsageLedger(dir);
    ledger.append(answer('2026-12-03T10:00:00Z'));
    // What a crash leaves: the start of a line and no newline.
    appendFileSync(path.join(dir, 'usage.jsonl'), '\n{"time":"2026-12-03T10:01:00.000Z","provider":"openai","mod');
    ledger.append(answer('2026-12-03T10:02:00Z', 'gpt-4o-mini'));
    const rows = await new UsageLedger(dir).rows();
    expect(rows.map((r) => r.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    await ledger.compact(new Date('2026-12-03T12:00:00Z'));
    expect((await new UsageLedger(dir).rows()).map((r) => r.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });

  it('answers the fallback key served stay counted when old answers become daily sums (the Models page shows them)', async () => {
    const dir = ledgerDir();
    const ledger = new UsageLedger(dir, { recentDays: 1 });
    ledger.append({ ...answer('2026-11-01T10:00:00Z'), servedBy: 'fallback' });
    ledger.append({ ...answer('2026-11-01T11:00:00Z'), servedBy: 'fallback' });
    ledger.append(answer('2026-11-01T12:00:00Z'));
    ledger.append({ ...answer('2026-12-03T10:00:00Z'), servedBy: 'fallback' });
    const before = usageByModel(await new UsageLedger(dir).dailySums(), 'openai');
    expect(before).toEqual({ 'gpt-4o': { requests: 4, inputTokens: 4000, outputTokens: 200, fallbackRequests: 3 } });
    await ledger.compact(new Date('2026-12-03T12:00:00Z'));
    const compacted = await new UsageLedger(dir).rows();
    expect(compacted.map((r) => [r.day ?? r.time, r.requests, r.fallbackAnswers ?? r.key])).toEqual([
      [localDay(new Date('2026-11-01T11:00:00Z')), 3, 2],
      ['2026-12-03T10:00:00.000Z', 1, 'fallback'],
    ]);
    expect(usageByModel(compacted, 'openai')).toEqual(before);
    expect(usageByModel(await new UsageLedger(dir).dailySums(), 'openai')).toEqual(before);
  });

  it('reads what other windows appended since the last read', async () => {
    const dir = ledgerDir();
    const mine = new UsageLedger(dir);
    mine.append(answer('2026-12-03T10:00:00Z'));
    expect(await mine.rows()).toHaveLength(1);
    new UsageLedger(dir).append(answer('2026-12-03T10:05:00Z'));
    expect(await mine.rows()).toHaveLength(2);
  });

  it('a compaction a crashed window left half done is finished without counting anything twice', async () => {
    const dir = ledgerDir();
    const ledger = new UsageLedger(dir);
    ledger.append(answer('2026-12-03T10:00:00Z'));
    await ledger.compact(new Date('2026-12-03T12:00:00Z'));
    // Crash after the compacted file was written, before the renamed journal was deleted.
    const compacted = readFileSync(path.join(dir, 'usage-compacted.jsonl'), 'utf8');
    const absorbed = (JSON.parse(compacted.split('\n')[0]!) as { absorbed: string[] }).absorbed[0]!;
    writeFileSync(path.join(dir, `usage-${absorbed}.compacting.jsonl`), `\n${JSON.stringify({ time: '2026-12-03T10:00:00.000Z', provider: 'openai', model: 'gpt-4o', requests: 1, input: 1, cacheRead: 0, cacheWrite: 0, output: 1, reasoning: 0, priceSource: 'none', unpriced: 1 })}\n`);
    // Crash after the journal was renamed, before it was compacted.
    writeFileSync(path.join(dir, 'usage-zzz1.compacting.jsonl'), `\n${JSON.stringify({ time: '2026-12-03T11:00:00.000Z', provider: 'openai', model: 'o1', requests: 1, input: 1, cacheRead: 0, cacheWrite: 0, output: 1, reasoning: 0, priceSource: 'none', unpriced: 1 })}\n`);
    expect((await new UsageLedger(dir).rows()).map((r) => r.model).sort()).toEqual(['gpt-4o', 'o1']);
    await ledger.compact(new Date('2026-12-03T12:00:00Z'));
    expect((await new UsageLedger(dir).rows()).map((r) => r.model).sort()).toEqual(['gpt-4o', 'o1']);
    expect(readdirSync(dir).filter((n) => n.includes('compacting'))).toEqual([]);
  });

  it('stays bounded: old answers become daily sums, sums older than 13 months go', () => {
    const rows = [
      answer('2025-09-01T10:00:00Z'),
      ...Array.from({ length: 3 }, () => answer('2026-06-10T10:00:00Z')),
      answer('2026-06-10T11:00:00Z', 'gpt-4o', null),
      answer('2026-12-01T10:00:00Z'),
    ].map(answerRow);
    const compacted = compactRows(rows, new Date('2026-12-03T12:00:00Z'), { recentDays: 92, keepDays: 400 });
    expect(compacted).toEqual([
      expect.objectContaining({ day: expect.stringMatching(/^2026-06-10$/), requests: 4, input: 4000, output: 200, costUsd: expect.closeTo(0.03, 10), unpriced: 1, priceSource: 'mixed' }),
      expect.objectContaining({ time: '2026-12-01T10:00:00.000Z', requests: 1 }),
    ]);
    expect(compacted[0]).not.toHaveProperty('time');
  });

  it('keeps at most maxAnswers answers of the recent window; older ones become daily sums', () => {
    const rows = ['2026-12-01T10:00:00Z', '2026-12-02T10:00:00Z', '2026-12-02T11:00:00Z', '2026-12-03T10:00:00Z'].map((t) => answerRow(answer(t)));
    const compacted = compactRows(rows, new Date('2026-12-03T12:00:00Z'), { recentDays: 92, keepDays: 400, maxAnswers: 2 });
    expect(compacted.filter((r) => r.time).map((r) => r.time)).toEqual(['2026-12-02T11:00:00.000Z', '2026-12-03T10:00:00.000Z']);
    expect(compacted.filter((r) => r.day).reduce((n, r) => n + r.requests, 0)).toBe(2);
  });

  it('a large journal is compacted once it passes its bound', async () => {
    const dir = ledgerDir();
    const ledger = new UsageLedger(dir, { compactAboveBytes: 10_000, recentDays: 1 });
    for (let i = 0; i < 200; i++) ledger.append(answer('2026-10-01T10:00:00Z'));
    expect(statSync(path.join(dir, 'usage.jsonl')).size).toBeGreaterThan(10_000);
    expect(await ledger.compactIfLarge(new Date('2026-12-03T12:00:00Z'))).toBe(true);
    const rows = await new UsageLedger(dir).rows();
    expect(rows).toEqual([expect.objectContaining({ day: '2026-10-01', requests: 200 })]);
    expect(statSync(path.join(dir, 'usage-compacted.jsonl')).size).toBeLessThan(1000);
  });

  describe('daily sums (what the usage view and budgets read)', () => {
    const total = (rows: { requests: number }[]) => rows.reduce((n, r) => n + r.requests, 0);

    it('a window that has not read the ledger starts from the sums an earlier read left, and adds only the journal since', async () => {
      process.env.TZ = 'UTC';
      const dir = ledgerDir();
      const first = new UsageLedger(dir);
      // Enough answers that the first read saves its sums (it parsed more than 256 kB).
      for (let i = 0; i < 1500; i++) first.append(answer('2026-12-02T10:00:00Z'));
      expect(total(await first.dailySums())).toBe(1500);
      expect(readdirSync(dir)).toContain('usage-days.json');
      // Spoil an answer already summed (same length, so the journal's size stays): a window that
      // re-read every answer would now count 1499; one that starts from the saved sums still counts it.
      const journal = path.join(dir, 'usage.jsonl');
      const text = readFileSync(journal, 'utf8');
      writeFileSync(journal, text.replace('{"time"', '#"time"'));
      first.append(answer('2026-12-03T10:00:00Z', 'o1'));
      const sums = await new UsageLedger(dir).dailySums();
      expect(total(sums)).toBe(1501);
      expect(sums).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ day: '2026-12-02', model: 'gpt-4o', requests: 1500, input: 1_500_000, costUsd: expect.closeTo(15, 6) }),
          expect.objectContaining({ day: '2026-12-03', model: 'o1', requests: 1 }),
        ]),
      );
      // Answers sum the same as the rows they came from.
      expect(sums.every((r) => r.time === undefined)).toBe(true);
    });

    it('after a compaction the next window reads its sums, and answers written since count once', async () => {
      process.env.TZ = 'UTC';
      const dir = ledgerDir();
      const ledger = new UsageLedger(dir, { renameGraceMs: 0 });
      for (let i = 0; i < 10; i++) ledger.append(answer('2026-12-02T10:00:00Z'));
      expect(total(await new UsageLedger(dir).dailySums())).toBe(10);
      await ledger.compact(new Date('2026-12-03T12:00:00Z'));
      ledger.append(answer('2026-12-03T13:00:00Z'));
      const other = new UsageLedger(dir);
      expect(total(await other.dailySums())).toBe(11);
      other.append(answer('2026-12-03T14:00:00Z'));
      expect(total(await other.dailySums())).toBe(12);
      expect(total(await ledger.dailySums())).toBe(12);
    });

    it('a window in another time zone sums by its own local days', async () => {
      const dir = ledgerDir();
      const ledger = new UsageLedger(dir);
      ledger.append(answer('2026-12-01T04:30:00Z'));
      process.env.TZ = 'Europe/Berlin';
      expect((await ledger.dailySums()).map((r) => r.day)).toEqual(['2026-12-01']);
      await ledger.compact(new Date('2026-12-03T12:00:00Z'));
      process.env.TZ = 'America/New_York';
      expect((await new UsageLedger(dir).dailySums()).map((r) => r.day)).toEqual(['2026-11-30']);
      expect((await ledger.dailySums()).map((r) => r.day)).toEqual(['2026-11-30']);
      process.env.TZ = 'UTC';
    });
  });
});
