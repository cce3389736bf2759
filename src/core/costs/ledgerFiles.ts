import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseRows, type LedgerRow } from './ledgerRow';

/**
 * The files of the usage ledger's folder and how they are read.
 *
 * Each answer is one line appended to the journal; compaction renames the journal aside (a
 * "compacting" file), writes old answers as daily sums into the compacted file, whose header names
 * the renamed journals it absorbed, then deletes them. Readers read the compacted file, any renamed
 * journal not yet absorbed, and the journal.
 */
export const JOURNAL = 'usage.jsonl';
export const COMPACTED = 'usage-compacted.jsonl';
export const LOCK = 'usage.lock';
const COMPACTING = /^usage-([a-z0-9]+)\.compacting\.jsonl$/;

export function compactingName(id: string): string {
  return `usage-${id}.compacting.jsonl`;
}

/** The id of a renamed journal, or undefined for any other file. */
export function compactingId(name: string): string | undefined {
  return COMPACTING.exec(name)?.[1];
}

export function compactingNames(names: readonly string[]): string[] {
  return names.filter((n) => COMPACTING.test(n));
}

/** The ids of the renamed journals the compacted file's header says it absorbed. */
export function absorbedIds(compactedText: string): string[] {
  const first = compactedText.slice(0, compactedText.indexOf('\n') + 1 || undefined);
  try {
    const header = JSON.parse(first) as { absorbed?: unknown };
    return Array.isArray(header.absorbed) ? header.absorbed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function readCompacted(dir: string): Promise<string> {
  return fs.readFile(path.join(dir, COMPACTED), 'utf8').catch(() => '');
}

export function statIfPresent(file: string) {
  return fs.stat(file).catch(() => undefined);
}

/** Rows of the compacted file and of renamed journals it has not absorbed. */
export async function settledRows(dir: string, names: readonly string[]): Promise<LedgerRow[]> {
  const text = await readCompacted(dir);
  const absorbed = absorbedIds(text);
  const rows = parseRows(text);
  for (const name of names) {
    const id = compactingId(name);
    if (!id || absorbed.includes(id)) continue;
    for (const row of parseRows(await fs.readFile(path.join(dir, name), 'utf8').catch(() => ''))) rows.push(row);
  }
  return rows;
}

/** What identifies the settled part of the ledger, in this time zone (the days are local). */
export async function settledKey(dir: string, names: readonly string[]): Promise<string> {
  const compacted = await statIfPresent(path.join(dir, COMPACTED));
  return JSON.stringify([compacted?.mtimeMs, compacted?.size, compactingNames(names).sort(), Intl.DateTimeFormat().resolvedOptions().timeZone]);
}

/** Whole lines appended to the journal from `offset` up to `size`: a line being written right now is read next time. */
export async function journalFrom(dir: string, offset: number, size: number): Promise<{ rows: LedgerRow[]; bytes: number }> {
  if (size <= offset) return { rows: [], bytes: 0 };
  const handle = await fs.open(path.join(dir, JOURNAL), 'r');
  try {
    const buffer = Buffer.alloc(size - offset);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
    return { rows: parseRows(buffer.subarray(0, end).toString('utf8')), bytes: end };
  } finally {
    await handle.close();
  }
}
