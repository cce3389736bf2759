import { redact } from '../errors/redact';
import { text, type LocalizableText } from '../text';

export const SETTINGS_NOT_WRITTEN = text('Your user settings could not be written, so nothing was saved.');
export const SECRET_NOT_STORED = text('The editor’s secret storage did not accept the value, so it was not stored.');

/**
 * The editor refused a write (settings.json with syntax errors or unsaved changes, a locked
 * keychain): a page error, `_` in the page's language and `_detail` the editor's own words.
 */
export function refusedWrite(summary: LocalizableText, err: unknown, secrets: readonly (string | null)[]): Record<string, string> {
  const detail = err instanceof Error ? err.message : String(err);
  return { _: summary.message, _detail: redact(detail, secrets.filter((v): v is string => v !== null)) };
}
