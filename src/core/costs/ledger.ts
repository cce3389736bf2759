import { appendFileSync, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ChatUsage } from '../chat/types';
import { sumDays } from './dailySums';
import { DAY_SUMS_AFTER_BYTES, readSavedDaySums, saveDaySums, type DaySumsState } from './daySumsFile';
import { compactLedger, DEFAULT_LEDGER_OPTIONS, type LedgerOptions } from './ledgerCompaction';
import { COMPACTED, compactingNames, JOURNAL, journalFrom, settledKey, settledRows, statIfPresent } from './ledgerFiles';
import type { LedgerRow } from './ledgerRow';
import type { AnswerCost } from './prices';

/** Which of a provider's keys served an answer. */
export type KeyServed = 'primary' | 'fallback';

export interface AnswerRecord {
  time: Date;
  provider: string;
  model: string;
  workspace?: string;
  usage: ChatUsage;
  cost: AnswerCost;
  /** The fallback key served it (the primary key was rate-limited or out of quota). */
  servedBy?: KeyServed;
}

/** The ledger row of one answer. */
export function answerRow(answer: AnswerRecord): LedgerRow {
  const { usage, cost } = answer;
  return {
    time: answer.time.toISOString(),
    provider: answer.provider,
    model: answer.model,
    ...(answer.workspace ? { workspace: answer.workspace } : {}),
    requests: 1,
    input: usage.inputTokens,
    cacheRead: usage.cacheReadTokens ?? 0,
    cacheWrite: usage.cacheWriteTokens ?? 0,
    output: usage.outputTokens,
    reasoning: usage.reasoningTokens ?? 0,
    ...(cost.usd !== undefined ? { costUsd: cost.usd } : {}),
    priceSource: cost.source,
    unpriced: cost.usd === undefined ? 1 : 0,
    ...(answer.servedBy === 'fallback' ? { key: 'fallback' as const } : {}),
  };
}

/**
 * The usage ledger under the extension's global storage, shared by every editor window.
 *
 * Each answer is one line appended to `usage.jsonl` with a single O_APPEND write, so windows
 * writing at once never interleave or overwrite each other, and a crash tears at most the line
 * in flight (each line starts and ends with a newline, so a torn line stays alone and is skipped).
 * The file layout and compaction are described in `ledgerFiles.ts` and `ledgerCompaction.ts`.
 */
export class UsageLedger {
  private readonly options: LedgerOptions;
  private cache: { key: string; offset: number; rows: LedgerRow[] } | undefined;
  private days: DaySumsState | undefined;

  constructor(
    readonly dir: string,
    options: Partial<LedgerOptions> = {},
  ) {
    this.options = { ...DEFAULT_LEDGER_OPTIONS, ...options };
  }

  /** Synchronous on purpose: one small write, ordered with this window's other answers. */
  append(answer: AnswerRecord): void {
    this.appendRows([answerRow(answer)]);
  }

  appendRows(rows: readonly LedgerRow[]): void {
    const text = rows.map((row) => `\n${JSON.stringify(row)}\n`).join('');
    try {
      appendFileSync(path.join(this.dir, JOURNAL), text);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // The global storage folder does not exist until the extension first writes there.
      mkdirSync(this.dir, { recursive: true });
      appendFileSync(path.join(this.dir, JOURNAL), text);
    }
  }

  /** Every row, reading only what was appended since the last call when nothing was compacted meanwhile. */
  async rows(): Promise<LedgerRow[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const compacted = await statIfPresent(path.join(this.dir, COMPACTED));
    const journal = await statIfPresent(path.join(this.dir, JOURNAL));
    const key = JSON.stringify([compacted?.mtimeMs, compacted?.size, compactingNames(names).sort(), journal?.ino]);
    const size = journal?.size ?? 0;
    if (!this.cache || this.cache.key !== key || size < this.cache.offset) {
      const settled = await settledRows(this.dir, names);
      this.cache = { key, offset: 0, rows: settled };
    }
    const tail = await journalFrom(this.dir, this.cache.offset, size);
    for (const row of tail.rows) this.cache.rows.push(row);
    this.cache.offset += tail.bytes;
    return this.cache.rows;
  }

  /**
   * Every answer summed per local day, provider, model and workspace (what the usage view and the
   * budgets need). Kept up to date from the journal's new lines; a window that has not read the
   * ledger yet starts from the sums another read or compaction left in `usage-days.json`, so it
   * parses only the journal written since, not every answer (issue 14: the view opens in ≤ 300 ms
   * with 100,000 answers).
   */
  async dailySums(): Promise<LedgerRow[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const key = await settledKey(this.dir, names);
    const journal = await statIfPresent(path.join(this.dir, JOURNAL));
    const size = journal?.size ?? 0;
    const usable = (state: DaySumsState | undefined) => state && state.key === key && size >= state.offset && (state.journalIno === undefined || state.journalIno === journal?.ino);
    let parsedBytes = 0;
    if (!usable(this.days)) {
      const saved = await readSavedDaySums(this.dir);
      if (usable(saved)) this.days = saved;
      else {
        this.days = { key, offset: 0, sums: sumDays(await settledRows(this.dir, names)) };
        parsedBytes = DAY_SUMS_AFTER_BYTES; // everything settled was parsed: worth saving
      }
    }
    const days = this.days!;
    const tail = await journalFrom(this.dir, days.offset, size);
    sumDays(tail.rows, days.sums);
    days.offset += tail.bytes;
    if (days.offset > 0) days.journalIno = journal?.ino;
    parsedBytes += tail.bytes;
    if (parsedBytes >= DAY_SUMS_AFTER_BYTES) await saveDaySums(this.dir, days);
    return [...days.sums.values()];
  }

  async compactIfLarge(now = new Date()): Promise<boolean> {
    const journal = await statIfPresent(path.join(this.dir, JOURNAL));
    if (!journal || journal.size <= this.options.compactAboveBytes) return false;
    return this.compact(now);
  }

  /** Returns false when another window holds the lock (it is compacting; nothing to do here). */
  async compact(now = new Date()): Promise<boolean> {
    return compactLedger(this.dir, this.options, now, async (compactedRows) => {
      this.cache = undefined;
      // The next window to open the usage view starts from these sums. Answers appended since the
      // rename are in a new journal, read from its start.
      const journal = await statIfPresent(path.join(this.dir, JOURNAL));
      this.days = { key: await settledKey(this.dir, await fs.readdir(this.dir)), journalIno: journal?.ino, offset: 0, sums: sumDays(compactedRows) };
      await saveDaySums(this.dir, this.days);
    });
  }
}
