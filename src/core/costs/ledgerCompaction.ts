import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { addToDay, localDay, rowDayFinder } from './dailySums';
import { absorbedIds, COMPACTED, compactingId, compactingName, compactingNames, JOURNAL, LOCK, readCompacted } from './ledgerFiles';
import { parseRows, type LedgerRow } from './ledgerRow';

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
 * Compacts the ledger in `dir` (one window at a time, under a lock directory): renames the journal
 * aside, writes old answers as daily sums into the compacted file (replaced atomically, naming the
 * journal it absorbed so a crash before the renamed journal is deleted does not count it twice),
 * then deletes it. `onCompacted` runs with the new rows while the lock is still held. Returns false
 * when another window holds the lock (it is compacting; nothing to do here).
 */
export async function compactLedger(dir: string, options: LedgerOptions, now: Date, onCompacted: (rows: LedgerRow[]) => Promise<void>): Promise<boolean> {
  const lock = path.join(dir, LOCK);
  if (!(await takeLock(dir, lock, options.staleLockMs))) return false;
  try {
    // Finish a compaction a crashed window left behind, then start this one.
    const names = await fs.readdir(dir);
    const absorbed = absorbedIds(await readCompacted(dir));
    const leftovers = compactingNames(names);
    const id = `${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`;
    const renamed = compactingName(id);
    const moved = await fs.rename(path.join(dir, JOURNAL), path.join(dir, renamed)).then(
      () => true,
      () => false,
    );
    if (moved) await new Promise((resolve) => setTimeout(resolve, options.renameGraceMs));
    const sources = [...leftovers.filter((n) => !absorbed.includes(compactingId(n)!)), ...(moved ? [renamed] : [])];
    const rows = parseRows(await readCompacted(dir));
    for (const name of sources) for (const row of parseRows(await fs.readFile(path.join(dir, name), 'utf8'))) rows.push(row);
    const compactedRows = compactRows(rows, now, options);
    const temporary = path.join(dir, `usage-compacted.${id}.tmp`);
    // The header names every renamed journal now counted here, so a crash before they are deleted cannot count them twice.
    const header = { absorbed: [...leftovers, ...(moved ? [renamed] : [])].map((n) => compactingId(n)!) };
    await fs.writeFile(temporary, [JSON.stringify(header), ...compactedRows.map((r) => JSON.stringify(r))].join('\n') + '\n');
    await fs.rename(temporary, path.join(dir, COMPACTED));
    for (const name of [...leftovers, ...(moved ? [renamed] : [])]) await fs.rm(path.join(dir, name), { force: true });
    await onCompacted(compactedRows);
    return true;
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

async function takeLock(dir: string, lock: string, staleLockMs: number): Promise<boolean> {
  try {
    await fs.mkdir(lock);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      await fs.mkdir(dir, { recursive: true });
      return takeLock(dir, lock, staleLockMs);
    }
    const stat = await fs.stat(lock).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > staleLockMs) {
      await fs.rm(lock, { recursive: true, force: true });
      return fs.mkdir(lock).then(
        () => true,
        () => false,
      );
    }
    return false;
  }
}
