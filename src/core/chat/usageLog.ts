import { OrderedWrites } from '../store/orderedWrites';
import type { StatePort } from '../store/ports';
import * as z from '../zodMini';

/** Token counts of one model as the provider reported them. No prompt text, no secret. */
export const UsageTotalsSchema = z.object({
  requests: z.number().check(z.int(), z.nonnegative()),
  inputTokens: z.number().check(z.int(), z.nonnegative()),
  outputTokens: z.number().check(z.int(), z.nonnegative()),
  lastUsedAt: z.string(),
  /** Answers the provider's fallback key served (the primary key was rate-limited or out of quota). */
  fallbackRequests: z.optional(z.number().check(z.int(), z.nonnegative())),
});
export type UsageTotals = z.infer<typeof UsageTotalsSchema>;

const USAGE_KEY = 'byok.usage';

/** Which of a provider's keys served an answer. */
export type KeyServed = 'primary' | 'fallback';

/** Token counts per provider and model, shown next to each model on the Models page. */
export class UsageLog {
  private readonly state: OrderedWrites;
  private readonly listeners = new Set<(providerId: string) => void>();

  constructor(state: StatePort) {
    this.state = OrderedWrites.over(state);
  }

  all(): Record<string, Record<string, UsageTotals>> {
    return this.state.get<Record<string, Record<string, UsageTotals>>>(USAGE_KEY) ?? {};
  }

  /** One provider's models; entries that are not usage totals (hand-edited state) are left out. */
  forProvider(providerId: string): Record<string, UsageTotals> {
    const entries = Object.entries(this.all()[providerId] ?? {}).flatMap(([model, totals]) => {
      const parsed = UsageTotalsSchema.safeParse(totals);
      return parsed.success ? [[model, parsed.data] as const] : [];
    });
    return Object.fromEntries(entries);
  }

  onDidRecord(listener: (providerId: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async record(providerId: string, modelId: string, inputTokens: number, outputTokens: number, now = new Date(), servedBy: KeyServed = 'primary'): Promise<void> {
    await this.state.modify<Record<string, Record<string, UsageTotals>>>(USAGE_KEY, (current) => {
      const all = structuredClone(current ?? {});
      const perProvider = (all[providerId] ??= {});
      const totals = (perProvider[modelId] ??= { requests: 0, inputTokens: 0, outputTokens: 0, lastUsedAt: now.toISOString() });
      totals.requests += 1;
      totals.inputTokens += inputTokens;
      totals.outputTokens += outputTokens;
      totals.lastUsedAt = now.toISOString();
      if (servedBy === 'fallback') totals.fallbackRequests = (totals.fallbackRequests ?? 0) + 1;
      return all;
    });
    for (const listener of this.listeners) listener(providerId);
  }

  /** Removing a provider forgets its usage too. */
  async forget(providerId: string): Promise<void> {
    await this.state.modify<Record<string, Record<string, UsageTotals>>>(USAGE_KEY, (current) => {
      if (!current?.[providerId]) return current;
      const { [providerId]: _removed, ...rest } = current;
      return rest;
    });
  }
}
