import type { StatePort } from '../store/ports';
import { OrderedWrites } from '../store/orderedWrites';
import * as z from '../zodMini';
import type { UsageLedger } from './ledger';
import type { LedgerRow } from './ledgerRow';

/** What chat used of one model, as the provider counted it: the Models page's "Used in chat" line. */
export const ModelUsageSchema = z.object({
  requests: z.number().check(z.int(), z.nonnegative()),
  inputTokens: z.number().check(z.int(), z.nonnegative()),
  outputTokens: z.number().check(z.int(), z.nonnegative()),
  /** Answers the provider's fallback key served (the primary key was rate-limited or out of quota). */
  fallbackRequests: z.optional(z.number().check(z.int(), z.nonnegative())),
});
export type ModelUsage = z.infer<typeof ModelUsageSchema>;
export type UsageByModel = Record<string, ModelUsage>;

/** Version 0.1's per-model totals in globalState: kept as they were, counted before the ledger's. */
export const LEGACY_USAGE_KEY = 'byok.usage';
/** Per provider, the ledger's totals when the provider was removed: the page counts from there. */
export const FORGOTTEN_USAGE_KEY = 'byok.usageForgotten';

function addUsage(into: UsageByModel, model: string, usage: ModelUsage, sign = 1): void {
  const sum = (into[model] ??= { requests: 0, inputTokens: 0, outputTokens: 0 });
  sum.requests += sign * usage.requests;
  sum.inputTokens += sign * usage.inputTokens;
  sum.outputTokens += sign * usage.outputTokens;
  const fallback = (sum.fallbackRequests ?? 0) + sign * (usage.fallbackRequests ?? 0);
  if (fallback > 0) sum.fallbackRequests = fallback;
  else delete sum.fallbackRequests;
}

/** One provider's ledger rows (answers or daily sums) summed per model. */
export function usageByModel(rows: readonly LedgerRow[], providerId: string): UsageByModel {
  const models: UsageByModel = {};
  for (const row of rows) {
    if (row.provider !== providerId) continue;
    const fallbackRequests = row.key === 'fallback' ? 1 : (row.fallbackAnswers ?? 0);
    addUsage(models, row.model, { requests: row.requests, inputTokens: row.input, outputTokens: row.output, fallbackRequests });
  }
  return models;
}

/** Entries of a stored record that parse as usage (hand-edited state is left out). */
function parsedUsage(value: unknown): UsageByModel {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).flatMap(([model, usage]) => {
      const parsed = ModelUsageSchema.safeParse(usage);
      return parsed.success ? [[model, parsed.data] as const] : [];
    }),
  );
}

/**
 * The Models page's per-model usage, read from the usage ledger that every window appends to, so
 * answers from another window or before a restart count. Removing a provider keeps the ledger (its
 * costs were real and stay in the usage view) but the page starts again from zero: the ledger's
 * totals at removal are kept as a baseline and subtracted (exact, whatever compaction does since).
 */
export class ModelUsageReader {
  private readonly state: OrderedWrites;

  constructor(
    private readonly ledger: Pick<UsageLedger, 'dailySums'>,
    state: StatePort,
  ) {
    this.state = OrderedWrites.over(state);
  }

  private legacy(providerId: string): UsageByModel {
    return parsedUsage(this.state.get<Record<string, unknown>>(LEGACY_USAGE_KEY)?.[providerId]);
  }

  private baseline(providerId: string): UsageByModel {
    return parsedUsage(this.state.get<Record<string, unknown>>(FORGOTTEN_USAGE_KEY)?.[providerId]);
  }

  /** One provider's models with any use; the ledger unreadable counts as empty. */
  async forProvider(providerId: string): Promise<UsageByModel> {
    const fromLedger = usageByModel(await this.ledger.dailySums().catch(() => []), providerId);
    const models: UsageByModel = {};
    for (const [model, usage] of Object.entries(this.legacy(providerId))) addUsage(models, model, usage);
    for (const [model, usage] of Object.entries(fromLedger)) addUsage(models, model, usage);
    for (const [model, usage] of Object.entries(this.baseline(providerId))) if (models[model]) addUsage(models, model, usage, -1);
    // Daily sums older than the ledger keeps (13 months) leave it: a baseline can then exceed what is left.
    return Object.fromEntries(
      Object.entries(models)
        .filter(([, usage]) => usage.requests > 0)
        .map(([model, usage]) => [model, { ...usage, inputTokens: Math.max(0, usage.inputTokens), outputTokens: Math.max(0, usage.outputTokens) }]),
    );
  }

  /** Removing a provider: its page lines start again from zero (the usage view keeps the spending). */
  async forget(providerId: string): Promise<void> {
    const fromLedger = usageByModel(await this.ledger.dailySums().catch(() => []), providerId);
    await this.state.modify<Record<string, unknown>>(FORGOTTEN_USAGE_KEY, (current) => ({ ...current, [providerId]: fromLedger }));
    await this.state.modify<Record<string, unknown>>(LEGACY_USAGE_KEY, (current) => {
      if (!current?.[providerId]) return current;
      const { [providerId]: _removed, ...rest } = current;
      return rest;
    });
  }
}
