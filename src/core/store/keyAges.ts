import * as z from '../zodMini';
import type { OrderedWrites } from './orderedWrites';
import { ProviderRecords } from './providerRecords';

/** When a stored secret was saved and last verified: dates only, never anything about its value. */
export const KeyAgeSchema = z.object({
  savedAt: z.string(),
  verifiedAt: z.optional(z.string()),
});
export type KeyAge = z.infer<typeof KeyAgeSchema>;

/** Machine-local (not synced): the secrets themselves are per machine. */
export const KEY_AGES_KEY = 'byok.keyAges';

const DAY_MS = 86_400_000;

/** Whole days from `since` to `now` (0 on the day itself). */
export function daysSince(since: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY_MS));
}

/** The oldest saved secret of a provider: the one a rotation reminder is about. */
export function oldestKey(ages: Record<string, KeyAge>): KeyAge | undefined {
  return Object.values(ages).reduce<KeyAge | undefined>((oldest, age) => (!oldest || age.savedAt < oldest.savedAt ? age : oldest), undefined);
}

/** Per provider and secret field, when it was saved and last verified (globalState `byok.keyAges`). */
export class KeyAges {
  private readonly records: ProviderRecords<Record<string, unknown>>;

  constructor(state: OrderedWrites) {
    this.records = new ProviderRecords(state, KEY_AGES_KEY);
  }

  of(id: string): Record<string, KeyAge> {
    const entries = Object.entries(this.records.get(id) ?? {}).flatMap(([field, age]) => {
      const parsed = KeyAgeSchema.safeParse(age);
      return parsed.success ? [[field, parsed.data] as const] : [];
    });
    return Object.fromEntries(entries);
  }

  all(): Record<string, Record<string, KeyAge>> {
    return Object.fromEntries(Object.keys(this.records.all()).map((id) => [id, this.of(id)]));
  }

  /** New values were stored in these fields (a removed value: `removed`). */
  async saved(id: string, fields: string[], removed: string[] = [], now = new Date()): Promise<void> {
    if (!fields.length && !removed.length) return;
    await this.records.change(id, (current) => {
      const next: Record<string, unknown> = { ...current };
      for (const field of fields) next[field] = { savedAt: now.toISOString() };
      for (const field of removed) delete next[field];
      return Object.keys(next).length ? next : undefined;
    });
  }

  /**
   * These stored fields just verified. A key stored before ages were kept has no save date: it
   * counts from its first verification seen, the earliest date known for it.
   */
  async verified(id: string, fields: string[], now = new Date()): Promise<void> {
    if (!fields.length) return;
    await this.records.change(id, (current) => {
      const next: Record<string, unknown> = { ...current };
      for (const field of fields) {
        const known = KeyAgeSchema.safeParse(next[field]);
        next[field] = { savedAt: known.success ? known.data.savedAt : now.toISOString(), verifiedAt: now.toISOString() };
      }
      return next;
    });
  }

  forget(id: string): Promise<void> {
    return this.records.set(id, undefined);
  }
}
