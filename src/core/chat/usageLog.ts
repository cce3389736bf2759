import { OrderedWrites } from '../store/orderedWrites';
import type { StatePort } from '../store/ports';

export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  lastUsedAt: string;
}

const USAGE_KEY = 'byok.usage';

/** Token counts per provider and model, for the usage view. No prompt text, no secret. */
export class UsageLog {
  private readonly state: OrderedWrites;

  constructor(state: StatePort) {
    this.state = OrderedWrites.over(state);
  }

  all(): Record<string, Record<string, UsageTotals>> {
    return this.state.get<Record<string, Record<string, UsageTotals>>>(USAGE_KEY) ?? {};
  }

  async record(providerId: string, modelId: string, inputTokens: number, outputTokens: number, now = new Date()): Promise<void> {
    await this.state.modify<Record<string, Record<string, UsageTotals>>>(USAGE_KEY, (current) => {
      const all = structuredClone(current ?? {});
      const perProvider = (all[providerId] ??= {});
      const totals = (perProvider[modelId] ??= { requests: 0, inputTokens: 0, outputTokens: 0, lastUsedAt: now.toISOString() });
      totals.requests += 1;
      totals.inputTokens += inputTokens;
      totals.outputTokens += outputTokens;
      totals.lastUsedAt = now.toISOString();
      return all;
    });
  }
}
