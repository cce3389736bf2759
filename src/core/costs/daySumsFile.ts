import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sumDays } from './dailySums';
import { validRow, type LedgerRow } from './ledgerRow';

/** Daily sums of everything up to a journal offset: a window opening the usage view reads this, not every answer. */
const DAY_SUMS = 'usage-days.json';

/** Rewritten after a read that parsed at least this much of the journal. */
export const DAY_SUMS_AFTER_BYTES = 256_000;

export interface DaySumsState {
  /** The compacted file, unabsorbed renamed journals and time zone the sums were taken with. */
  key: string;
  /** The journal the offset is in; absent when there was no journal yet (then any new one is read from 0). */
  journalIno?: number;
  offset: number;
  sums: Map<string, LedgerRow>;
}

/** The sums another read or compaction saved, or undefined when there are none or they are damaged. */
export async function readSavedDaySums(dir: string): Promise<DaySumsState | undefined> {
  try {
    const saved = JSON.parse(await fs.readFile(path.join(dir, DAY_SUMS), 'utf8')) as { key?: unknown; journalIno?: unknown; offset?: unknown; rows?: unknown };
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
export async function saveDaySums(dir: string, state: DaySumsState): Promise<void> {
  const temporary = path.join(dir, `usage-days.${randomBytes(6).toString('hex')}.tmp`);
  const text = JSON.stringify({ key: state.key, journalIno: state.journalIno, offset: state.offset, rows: [...state.sums.values()] });
  await fs
    .writeFile(temporary, text)
    .then(() => fs.rename(temporary, path.join(dir, DAY_SUMS)))
    .catch(() => fs.rm(temporary, { force: true }).catch(() => undefined));
}
