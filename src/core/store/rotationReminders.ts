import * as z from '../zodMini';
import { oldestKey, type KeyAge, type KeyAges } from './keyAges';
import type { OrderedWrites } from './orderedWrites';
import { ProviderRecords } from './providerRecords';

/** Setting `byok.keyRotation.reminderDays`: the seed's quarterly policy. 0 turns reminders off. */
export const DEFAULT_REMINDER_DAYS = 90;
/** "Remind me later" asks again after this long. */
export const SNOOZE_DAYS = 7;
const DAY_MS = 86_400_000;

/** What happened to the reminder about one stored key (the key is named by the date it was saved). */
const ReminderRecordSchema = z.object({
  keySavedAt: z.string(),
  shownAt: z.optional(z.string()),
  snoozedUntil: z.optional(z.string()),
});
type ReminderRecord = z.infer<typeof ReminderRecordSchema>;

export interface DueReminder {
  providerId: string;
  /** When the provider's oldest stored key was saved. */
  keySavedAt: string;
}

export interface ReminderSchedule {
  due: DueReminder[];
  /** The next time a reminder falls due (to set a timer), if any will. */
  next?: Date;
}

/**
 * Which keys are due for a rotation reminder: one gentle reminder per key when it is
 * `reminderDays` old, another only after "Remind me later" (`SNOOZE_DAYS`) has passed; a rotated
 * key (saved again) starts over. Pure, from stored dates only, so it holds across restarts.
 */
export function reminderSchedule(
  ages: Record<string, Record<string, KeyAge>>,
  records: Record<string, unknown>,
  reminderDays: number,
  now: Date,
): ReminderSchedule {
  if (!(reminderDays > 0)) return { due: [] };
  const due: DueReminder[] = [];
  let next: Date | undefined;
  for (const [providerId, fields] of Object.entries(ages)) {
    const key = oldestKey(fields);
    if (!key) continue;
    const parsed = ReminderRecordSchema.safeParse(records[providerId]);
    const record = parsed.success && parsed.data.keySavedAt === key.savedAt ? parsed.data : undefined;
    const dueAt = record?.snoozedUntil ? Date.parse(record.snoozedUntil) : record?.shownAt ? undefined : Date.parse(key.savedAt) + reminderDays * DAY_MS;
    if (dueAt === undefined || Number.isNaN(dueAt)) continue;
    if (dueAt <= now.getTime()) due.push({ providerId, keySavedAt: key.savedAt });
    else if (!next || dueAt < next.getTime()) next = new Date(dueAt);
  }
  return { due, next };
}

/** Rotation reminders over the stored key ages; what was shown or snoozed is kept in globalState. */
export class RotationReminders {
  private readonly records: ProviderRecords<ReminderRecord>;

  constructor(
    state: OrderedWrites,
    private readonly keyAges: KeyAges,
    /** Providers that exist now; a removed one is never reminded of. */
    private readonly providerIds: () => readonly string[],
  ) {
    this.records = new ProviderRecords(state, 'byok.keyRotation.reminders');
  }

  schedule(reminderDays: number, now = new Date()): ReminderSchedule {
    const existing = new Set(this.providerIds());
    const ages = Object.fromEntries(Object.entries(this.keyAges.all()).filter(([id]) => existing.has(id)));
    return reminderSchedule(ages, this.records.all(), reminderDays, now);
  }

  /** The reminder was shown: it is not shown again for this key unless snoozed. */
  shown(reminder: DueReminder, now = new Date()): Promise<void> {
    return this.records.set(reminder.providerId, { keySavedAt: reminder.keySavedAt, shownAt: now.toISOString() });
  }

  /** "Remind me later". */
  snooze(reminder: DueReminder, now = new Date()): Promise<void> {
    return this.records.set(reminder.providerId, {
      keySavedAt: reminder.keySavedAt,
      shownAt: now.toISOString(),
      snoozedUntil: new Date(now.getTime() + SNOOZE_DAYS * DAY_MS).toISOString(),
    });
  }
}
