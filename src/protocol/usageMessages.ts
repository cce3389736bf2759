import type { BudgetStatus } from '../core/costs/budgets';
import type { UsageSummary } from '../core/costs/usageSummary';
import * as z from '../core/zodMini';

/** Messages between the usage view and the host. The host parses what the view sends. */
export const UsageToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('exportCsv') }),
  z.object({ type: z.literal('editBudgets') }),
  z.object({ type: z.literal('editPrices') }),
]);
export type UsageToHost = z.infer<typeof UsageToHostSchema>;

export interface UsageView {
  type: 'usage';
  /** The host's display language, for number and date formats. */
  locale: string;
  l10n: Record<string, string>;
  summary: UsageSummary;
  budgets: BudgetStatus[];
  stopAtLimit: boolean;
  /** Provider display names by id, for the tables. */
  providerNames: Record<string, string>;
  billing: { name: string; url: string }[];
}
export type UsageToPage = UsageView | { type: 'notice'; text: string };
