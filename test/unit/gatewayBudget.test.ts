import { describe, expect, it } from 'vitest';
import { liteLlmKeyBudget, openRouterKeyBudget } from '../../src/core/providers/compatible/gatewayBudget';

describe('what a gateway says of its own budget for the key', () => {
  it('OpenRouter: a key without a credit limit shows what it used and no limit', () => {
    expect(openRouterKeyBudget({ data: { label: 'sk-or-v1-abc...xyz', usage: 3.25, limit: null, limit_remaining: null } })).toEqual({ gateway: 'OpenRouter', spentUsd: 3.25 });
    expect(openRouterKeyBudget({ data: { usage: 3.25, limit: 10, limit_remaining: 6.75 } })).toEqual({ gateway: 'OpenRouter', spentUsd: 3.25, limitUsd: 10, remainingUsd: 6.75 });
  });

  it('LiteLLM: remaining is the budget less the spend; a key without max_budget has none', () => {
    expect(liteLlmKeyBudget({ key: 'x', info: { spend: 60, max_budget: 50 } })).toEqual({ gateway: 'LiteLLM', spentUsd: 60, limitUsd: 50, remainingUsd: -10 });
    expect(liteLlmKeyBudget({ key: 'x', info: { spend: 1.5, max_budget: null, budget_reset_at: null } })).toEqual({ gateway: 'LiteLLM', spentUsd: 1.5 });
  });

  it('anything else (a web page, an error body, LM Studio\'s 200 with an error text) is no budget', () => {
    for (const body of [undefined, 'Not Found', { error: 'Unexpected endpoint or method. (GET /key/info)' }, { data: [] }, { info: { spend: 'a lot' } }]) {
      expect(openRouterKeyBudget(body)).toBeUndefined();
      expect(liteLlmKeyBudget(body)).toBeUndefined();
    }
  });
});
