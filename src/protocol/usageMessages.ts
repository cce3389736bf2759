import type { BudgetFieldErrors, BudgetForm } from '../core/costs/budgetForm';
import type { BudgetSettings, BudgetStatus } from '../core/costs/budgets';
import type { UsageSummary } from '../core/costs/usageSummary';
import type { GatewayBudget } from '../core/verify/result';
import * as z from '../core/zodMini';

/** The budget editor's fields as typed (see BudgetForm); the host checks the amounts before writing. */
const BudgetFormSchema = z.object({
  monthly: z.string().check(z.maxLength(100)),
  daily: z.string().check(z.maxLength(100)),
  stopAtLimit: z.boolean(),
  askAbove: z.string().check(z.maxLength(100)),
  providers: z.record(z.string().check(z.maxLength(300)), z.object({ monthly: z.string().check(z.maxLength(100)), daily: z.string().check(z.maxLength(100)) })),
}) satisfies z.ZodMiniType<BudgetForm>;

/** Messages between the usage view and the host. The host parses what the view sends. */
export const UsageToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('exportCsv') }),
  z.object({ type: z.literal('editPrices') }),
  z.object({ type: z.literal('saveBudgets'), form: BudgetFormSchema }),
  z.object({ type: z.literal('openModels') }),
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
  /** The user's byok.budgets as the editor fills in (empty when the setting is not valid). */
  budgetSettings: BudgetSettings;
  /** byok.budgets holds something that is not a valid budget (so no limit applies). */
  budgetSettingsInvalid: boolean;
  /** What gateways (OpenRouter, LiteLLM) keep as the key's own budget, as read at the provider's last Verify. */
  gatewayBudgets: { provider: string; budget: GatewayBudget; checkedAt: string }[];
  /** Providers set up now, for per-provider limits, in the page's order. */
  budgetProviders: { id: string; name: string }[];
  /** Provider display names by id, for the tables. */
  providerNames: Record<string, string>;
  billing: { name: string; url: string }[];
}
export type UsageToPage = UsageView | { type: 'notice'; text: string } | { type: 'budgetsSaved'; text: string } | { type: 'budgetErrors'; errors: BudgetFieldErrors };
