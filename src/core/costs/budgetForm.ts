import type { BudgetSettings } from './budgets';
import { text, type LocalizableText } from '../text';

// The budget editor of the usage view: shared by the view (to show errors at once) and the host
// (which checks again before writing byok.budgets). No node imports and no zod: it runs in the
// webview (the message's schema is in protocol/usageMessages.ts).
/** The budget editor's fields as the user typed them (amounts are text: validated here, not in the form). */
export interface BudgetForm {
  monthly: string;
  daily: string;
  stopAtLimit: boolean;
  /** "Ask before a request estimated above": empty is never ask. */
  askAbove: string;
  providers: Record<string, { monthly: string; daily: string }>;
}

export const LIMIT_FORMAT_ERROR = text('Enter an amount in US dollars greater than 0, such as 25 or 12.50, or leave it empty for no limit.');

/**
 * An amount typed into the editor: empty is no limit; "25", "12.50", "$12.50" or "12,50" are USD.
 * A comma is a decimal separator only before one or two digits, so "1,000" is refused rather
 * than read as 1 dollar (or as 1000, which a French user would not mean).
 */
export function limitFromText(raw: string): { usd: number | undefined } | { error: LocalizableText } {
  const cleaned = raw.trim().replace(/^\$\s*/, '').replace(/\s*(USD|\$)$/i, '');
  if (cleaned === '') return { usd: undefined };
  if (!/^\d+(\.\d+|,\d{1,2})?$/.test(cleaned)) return { error: LIMIT_FORMAT_ERROR };
  const usd = Number(cleaned.replace(',', '.'));
  return usd > 0 && Number.isFinite(usd) ? { usd } : { error: LIMIT_FORMAT_ERROR };
}

/** The field a form error belongs to: `monthly`, `daily`, `askAbove`, or `<provider id>/monthly` and `/daily`. */
export type BudgetFieldErrors = Record<string, LocalizableText>;

/**
 * The `byok.budgets` value the form describes, or the fields that need a fix. Per-provider limits
 * of providers the form does not show (removed since) are kept as they were.
 */
export function budgetSettingsFromForm(form: BudgetForm, current: BudgetSettings = {}): { settings: BudgetSettings } | { errors: BudgetFieldErrors } {
  const errors: BudgetFieldErrors = {};
  const amount = (field: string, raw: string) => {
    const parsed = limitFromText(raw);
    if ('error' in parsed) errors[field] = parsed.error;
    return 'usd' in parsed ? parsed.usd : undefined;
  };
  const settings: BudgetSettings = {};
  const monthlyUsd = amount('monthly', form.monthly);
  const dailyUsd = amount('daily', form.daily);
  if (monthlyUsd !== undefined) settings.monthlyUsd = monthlyUsd;
  if (dailyUsd !== undefined) settings.dailyUsd = dailyUsd;
  if (form.stopAtLimit) settings.stopAtLimit = true;
  const askAboveUsd = amount('askAbove', form.askAbove);
  if (askAboveUsd !== undefined) settings.askAboveUsd = askAboveUsd;
  const providers: NonNullable<BudgetSettings['providers']> = {};
  for (const [id, own] of Object.entries(current.providers ?? {})) if (!(id in form.providers)) providers[id] = own;
  for (const [id, own] of Object.entries(form.providers)) {
    const monthly = amount(`${id}/monthly`, own.monthly);
    const daily = amount(`${id}/daily`, own.daily);
    if (monthly !== undefined || daily !== undefined) providers[id] = { ...(monthly !== undefined ? { monthlyUsd: monthly } : {}), ...(daily !== undefined ? { dailyUsd: daily } : {}) };
  }
  if (Object.keys(providers).length) settings.providers = providers;
  return Object.keys(errors).length ? { errors } : { settings };
}
