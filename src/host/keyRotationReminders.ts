import * as vscode from 'vscode';
import { daysSince } from '../core/store/keyAges';
import { DEFAULT_REMINDER_DAYS, type DueReminder, type RotationReminders } from '../core/store/rotationReminders';
import { showOnModelsPage } from './modelsPageRequests';
import type { HostServices } from './services';

/** Longest single wait: timers are re-armed at least daily, so a sleeping machine catches up. */
const MAX_WAIT_MS = 86_400_000;
/** The first check waits until the editor has settled after start-up. */
const FIRST_CHECK_MS = 20_000;

const reminderDays = () => vscode.workspace.getConfiguration('byok').get<number>('keyRotation.reminderDays', DEFAULT_REMINDER_DAYS);

/**
 * Gentle key-rotation reminders (setting `byok.keyRotation.reminderDays`): one per key when it is
 * due, with "Rotate now" and "Remind me later". The schedule comes from stored dates, so it holds
 * across restarts; a timer waits for the next due date.
 */
export function startKeyRotationReminders(services: HostServices, reminders: RotationReminders): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), Math.max(1000, Math.min(ms, MAX_WAIT_MS)));
  };
  const check = async () => {
    const { due, next } = reminders.schedule(reminderDays());
    if (next) arm(next.getTime() - Date.now());
    for (const reminder of due) {
      await reminders.shown(reminder);
      void remind(services, reminders, reminder).then((snoozed) => (snoozed ? check() : undefined));
    }
  };
  arm(FIRST_CHECK_MS);
  const onSettings = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('byok.keyRotation')) void check();
  });
  return { dispose: () => (clearTimeout(timer), onSettings.dispose()) };
}

/** Shows one reminder; true when the user asked to be reminded later. */
async function remind(services: HostServices, reminders: RotationReminders, reminder: DueReminder): Promise<boolean> {
  const rotateNow = vscode.l10n.t('Rotate now');
  const later = vscode.l10n.t('Remind me later');
  const name = services.store.displayName(reminder.providerId as never);
  const days = daysSince(reminder.keySavedAt, new Date());
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Your {0} key was saved {1} days ago. Rotating keys regularly limits what a leaked key can do.', name, days),
    rotateNow,
    later,
  );
  if (choice === rotateNow) await showOnModelsPage({ providerId: reminder.providerId, action: 'rotate' });
  if (choice !== later) return false;
  await reminders.snooze(reminder);
  return true;
}
