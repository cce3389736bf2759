import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { ChatUsage } from '../chat/types';
import type { AnswerCost, PriceSource } from './prices';

/**
 * One line of the usage ledger: an answer (`time`) or, after compaction, a day's sum (`day`, local
 * date) per provider, model and workspace. Token counts and cost only: no prompt text, no secret.
 */
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

export interface LedgerOptions {
  /** Answers newer than this keep their own row; older ones are summed per day. */
  recentDays: number;
  /** Daily sums older than this are dropped (at least 13 months). */
  keepDays: number;
  /** At most this many answers keep their own row (the oldest become daily sums first): bounds the file. */
  maxAnswers: number;
  /** The journal is compacted once it is larger than this. */
  compactAboveBytes: number;
  /** A lock older than this belongs to a window that died while compacting. */
  staleLockMs: number;
  /** Writes that opened the journal just before compaction renamed it still land in the renamed file. */
  renameGraceMs: number;
}

export const DEFAULT_LEDGER_OPTIONS: LedgerOptions = { recentDays: 92, keepDays: 400, maxAnswers: 40_000, compactAboveBytes: 2_000_000, staleLockMs: 60_000, renameGraceMs: 300 };

const JOURNAL = 'usage.jsonl';
const COMPACTED = 'usage-compacted.jsonl';
/** Daily sums of everything up to a journal offset: a window opening the usage view reads this, not every answer. */
const DAY_SUMS = 'usage-days.json';
/** Rewritten after a read that parsed at least this much of the journal. */
const DAY_SUMS_AFTER_BYTES = 256_000;
const LOCK = 'usage.lock';
const COMPACTING = /^usage-([a-z0-9]+)\.compacting\.jsonl$/;

const NUMBER_FIELDS = ['requests', 'input', 'cacheRead', 'cacheWrite', 'output', 'reasoning', 'unpriced'] as const;

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

function validRow(value: unknown): LedgerRow | undefined {
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
function addToDay(days: Map<string, LedgerRow>, row: LedgerRow, day: string): void {
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

/** Old answers become one row per local day, provider, model and workspace; sums older than keepDays go. */
export function compactRows(rows: readonly LedgerRow[], now: Date, options: Pick<LedgerOptions, 'recentDays' | 'keepDays'> & Partial<Pick<LedgerOptions, 'maxAnswers'>>): LedgerRow[] {
  const recent = rows.filter((r) => r.time).map((r) => Date.parse(r.time!));
  const maxAnswers = options.maxAnswers ?? DEFAULT_LEDGER_OPTIONS.maxAnswers;
  // The newest maxAnswers answers within the recent window keep their rows.
  const newestKept = recent.length > maxAnswers ? recent.sort((a, b) => b - a)[maxAnswers - 1]! : -Infinity;
  const recentFrom = Math.max(now.getTime() - options.recentDays * 86_400_000, newestKept);
  const keepFrom = localDay(new Date(now.getTime() - options.keepDays * 86_400_000));
  const kept: LedgerRow[] = [];
  const days = new Map<string, LedgerRow>();
  const dayOf = rowDayFinder();
  for (const row of rows) {
    if (row.time && Date.parse(row.time) >= recentFrom) {
      kept.push(row);
      continue;
    }
    const day = dayOf(row);
    if (day >= keepFrom) addToDay(days, row, day);
  }
  return [...days.values(), ...kept];
}

/**
 * The usage ledger under the extension's global storage, shared by every editor window.
 *
 * Each answer is one line appended to `usage.jsonl` with a single O_APPEND write, so windows
 * writing at once never interleave or overwrite each other, and a crash tears at most the line
 * in flight (each line starts and ends with a newline, so a torn line stays alone and is skipped).
 * Compaction (one window at a time, under a lock directory) renames the journal aside, writes old
 * answers as daily sums into `usage-compacted.jsonl` (replaced atomically, naming the journal it
 * absorbed so a crash before the renamed journal is deleted does not count it twice), then
 * deletes it. Readers read the compacted file, any renamed journal not yet absorbed, and the journal.
 */
interface DaySumsState {
  /** The compacted file, unabsorbed renamed journals and time zone the sums were taken with. */
  key: string;
  /** The journal the offset is in; absent when there was no journal yet (then any new one is read from 0). */
  journalIno?: number;
  offset: number;
  sums: Map<string, LedgerRow>;
}

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
    const compacted = await fs.stat(path.join(this.dir, COMPACTED)).catch(() => undefined);
    const journal = await fs.stat(path.join(this.dir, JOURNAL)).catch(() => undefined);
    const key = JSON.stringify([compacted?.mtimeMs, compacted?.size, names.filter((n) => COMPACTING.test(n)).sort(), journal?.ino]);
    const size = journal?.size ?? 0;
    if (!this.cache || this.cache.key !== key || size < this.cache.offset) {
      const settled = await this.settledRows(names);
      this.cache = { key, offset: 0, rows: settled };
    }
    const tail = await this.journalFrom(this.cache.offset, size);
    for (const row of tail.rows) this.cache.rows.push(row);
    this.cache.offset += tail.bytes;
    return this.cache.rows;
  }

  /** Whole lines appended to the journal from `offset` up to `size`: a line being written right now is read next time. */
  private async journalFrom(offset: number, size: number): Promise<{ rows: LedgerRow[]; bytes: number }> {
    if (size <= offset) return { rows: [], bytes: 0 };
    const handle = await fs.open(path.join(this.dir, JOURNAL), 'r');
    try {
      const buffer = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      return { rows: parseRows(buffer.subarray(0, end).toString('utf8')), bytes: end };
    } finally {
      await handle.close();
    }
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
    const key = await this.settledKey(names);
    const journal = await fs.stat(path.join(this.dir, JOURNAL)).catch(() => undefined);
    const size = journal?.size ?? 0;
    const usable = (state: DaySumsState | undefined) => state && state.key === key && size >= state.offset && (state.journalIno === undefined || state.journalIno === journal?.ino);
    let parsedBytes = 0;
    if (!usable(this.days)) {
      const saved = await this.savedDaySums();
      if (usable(saved)) this.days = saved;
      else {
        this.days = { key, offset: 0, sums: sumDays(await this.settledRows(names)) };
        parsedBytes = DAY_SUMS_AFTER_BYTES; // everything settled was parsed: worth saving
      }
    }
    const days = this.days!;
    const tail = await this.journalFrom(days.offset, size);
    sumDays(tail.rows, days.sums);
    days.offset += tail.bytes;
    if (days.offset > 0) days.journalIno = journal?.ino;
    parsedBytes += tail.bytes;
    if (parsedBytes >= DAY_SUMS_AFTER_BYTES) await this.saveDaySums(days);
    return [...days.sums.values()];
  }

  /** What identifies the settled part of the ledger, in this time zone (the days are local). */
  private async settledKey(names: readonly string[]): Promise<string> {
    const compacted = await fs.stat(path.join(this.dir, COMPACTED)).catch(() => undefined);
    return JSON.stringify([compacted?.mtimeMs, compacted?.size, names.filter((n) => COMPACTING.test(n)).sort(), Intl.DateTimeFormat().resolvedOptions().timeZone]);
  }

  private async savedDaySums(): Promise<DaySumsState | undefined> {
    try {
      const saved = JSON.parse(await fs.readFile(path.join(this.dir, DAY_SUMS), 'utf8')) as { key?: unknown; journalIno?: unknown; offset?: unknown; rows?: unknown };
      if (typeof saved.key !== 'string' || typeof saved.offset !== 'number' || !Array.isArray(saved.rows)) return undefined;
      if (saved.journalIno !== undefined && typeof saved.journalIno !== 'number') return undefined;
      const rows = saved.rows.map(validRow);
      if (rows.some((row) => row === undefined || row.day === undefined)) return undefined;
      return { key: saved.key, journalIno: saved.journalIno, offset: saved.offset, sums: sumDays(rows as LedgerRow[]) };
    } catch {
      return undefined;
    }
  }

  /** Written aside and renamed into place: a reader sees the old sums or the new ones, never half. Only a cache: a failure is ignored. */
  private async saveDaySums(state: DaySumsState): Promise<void> {
    const temporary = path.join(this.dir, `usage-days.${randomBytes(6).toString('hex')}.tmp`);
    const text = JSON.stringify({ key: state.key, journalIno: state.journalIno, offset: state.offset, rows: [...state.sums.values()] });
    await fs
      .writeFile(temporary, text)
      .then(() => fs.rename(temporary, path.join(this.dir, DAY_SUMS)))
      .catch(() => fs.rm(temporary, { force: true }).catch(() => undefined));
  }

  /** Rows of the compacted file and of renamed journals it has not absorbed. */
  private async settledRows(names: readonly string[]): Promise<LedgerRow[]> {
    const text = await fs.readFile(path.join(this.dir, COMPACTED), 'utf8').catch(() => '');
    const absorbed = absorbedIds(text);
    const rows = parseRows(text);
    for (const name of names) {
      const id = COMPACTING.exec(name)?.[1];
      if (!id || absorbed.includes(id)) continue;
      for (const row of parseRows(await fs.readFile(path.join(this.dir, name), 'utf8').catch(() => ''))) rows.push(row);
    }
    return rows;
  }

  async compactIfLarge(now = new Date()): Promise<boolean> {
    const journal = await fs.stat(path.join(this.dir, JOURNAL)).catch(() => undefined);
    if (!journal || journal.size <= this.options.compactAboveBytes) return false;
    return this.compact(now);
  }

  /** Returns false when another window holds the lock (it is compacting; nothing to do here). */
  async compact(now = new Date()): Promise<boolean> {
    const lock = path.join(this.dir, LOCK);
    if (!(await this.takeLock(lock))) return false;
    try {
      // Finish a compaction a crashed window left behind, then start this one.
      const names = await fs.readdir(this.dir);
      const absorbed = absorbedIds(await fs.readFile(path.join(this.dir, COMPACTED), 'utf8').catch(() => ''));
      const leftovers = names.filter((n) => COMPACTING.test(n));
      const id = `${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`;
      const renamed = `usage-${id}.compacting.jsonl`;
      const moved = await fs.rename(path.join(this.dir, JOURNAL), path.join(this.dir, renamed)).then(
        () => true,
        () => false,
      );
      if (moved) await new Promise((resolve) => setTimeout(resolve, this.options.renameGraceMs));
      const sources = [...leftovers.filter((n) => !absorbed.includes(COMPACTING.exec(n)![1]!)), ...(moved ? [renamed] : [])];
      const rows = parseRows(await fs.readFile(path.join(this.dir, COMPACTED), 'utf8').catch(() => ''));
      for (const name of sources) for (const row of parseRows(await fs.readFile(path.join(this.dir, name), 'utf8'))) rows.push(row);
      const compactedRows = compactRows(rows, now, this.options);
      const temporary = path.join(this.dir, `usage-compacted.${id}.tmp`);
      // The header names every renamed journal now counted here, so a crash before they are deleted cannot count them twice.
      const header = { absorbed: [...leftovers, ...(moved ? [renamed] : [])].map((n) => COMPACTING.exec(n)![1]!) };
      await fs.writeFile(temporary, [JSON.stringify(header), ...compactedRows.map((r) => JSON.stringify(r))].join('\n') + '\n');
      await fs.rename(temporary, path.join(this.dir, COMPACTED));
      for (const name of [...leftovers, ...(moved ? [renamed] : [])]) await fs.rm(path.join(this.dir, name), { force: true });
      this.cache = undefined;
      // The next window to open the usage view starts from these sums. Answers appended since the
      // rename are in a new journal, read from its start.
      const journal = await fs.stat(path.join(this.dir, JOURNAL)).catch(() => undefined);
      this.days = { key: await this.settledKey(await fs.readdir(this.dir)), journalIno: journal?.ino, offset: 0, sums: sumDays(compactedRows) };
      await this.saveDaySums(this.days);
      return true;
    } finally {
      await fs.rm(lock, { recursive: true, force: true });
    }
  }

  private async takeLock(lock: string): Promise<boolean> {
    try {
      await fs.mkdir(lock);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await fs.mkdir(this.dir, { recursive: true });
        return this.takeLock(lock);
      }
      const stat = await fs.stat(lock).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > this.options.staleLockMs) {
        await fs.rm(lock, { recursive: true, force: true });
        return fs.mkdir(lock).then(
          () => true,
          () => false,
        );
      }
      return false;
    }
  }
}

function absorbedIds(compactedText: string): string[] {
  const first = compactedText.slice(0, compactedText.indexOf('\n') + 1 || undefined);
  try {
    const header = JSON.parse(first) as { absorbed?: unknown };
    return Array.isArray(header.absorbed) ? header.absorbed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
