import { describe, expect, it } from 'vitest';
import { budgetSettingsFromForm, LIMIT_FORMAT_ERROR, limitFromText } from '../../src/core/costs/budgetForm';
import { budgetLimits } from '../../src/core/costs/budgets';

const empty = { monthly: '', daily: '', stopAtLimit: false, askAbove: '', providers: {} };

describe('the budget editor of the usage view', () => {
  it('reads amounts as a user types them: dollars, cents with a point or a comma, a dollar sign; empty is no limit', () => {
    expect(limitFromText('25')).toEqual({ usd: 25 });
    expect(limitFromText(' 12.50 ')).toEqual({ usd: 12.5 });
    expect(limitFromText('12,5')).toEqual({ usd: 12.5 });
    expect(limitFromText('$40')).toEqual({ usd: 40 });
    expect(limitFromText('40 USD')).toEqual({ usd: 40 });
    expect(limitFromText('0.001')).toEqual({ usd: 0.001 });
    expect(limitFromText('')).toEqual({ usd: undefined });
  });

  it('refuses what is not a positive amount, with the sentence the field shows', () => {
    for (const typed of ['0', '-5', 'ten', '1,000', '12.5.0', '1e3', '€20']) expect(limitFromText(typed), typed).toEqual({ error: LIMIT_FORMAT_ERROR });
    expect(LIMIT_FORMAT_ERROR.message).toBe('Enter an amount in US dollars greater than 0, such as 25 or 12.50, or leave it empty for no limit.');
  });

  it('turns the form into byok.budgets, limits the budget code reads back the same', () => {
    const result = budgetSettingsFromForm({ monthly: '50', daily: '', stopAtLimit: true, askAbove: '0.50', providers: { openai: { monthly: '', daily: '2,50' }, anthropic: { monthly: '', daily: '' } } });
    expect(result).toEqual({ settings: { monthlyUsd: 50, stopAtLimit: true, askAboveUsd: 0.5, providers: { openai: { dailyUsd: 2.5 } } } });
    expect(budgetLimits('settings' in result ? result.settings : undefined)).toEqual({
      limits: [
        { period: 'month', limitUsd: 50 },
        { period: 'day', limitUsd: 2.5, provider: 'openai' },
      ],
      stopAtLimit: true,
    });
    // Everything cleared: no budget at all.
    expect(budgetSettingsFromForm(empty)).toEqual({ settings: {} });
  });

  it('names every field that needs a fix and writes nothing', () => {
    expect(budgetSettingsFromForm({ monthly: 'lots', daily: '5', stopAtLimit: false, askAbove: 'a lot', providers: { openai: { monthly: '0', daily: '' } } })).toEqual({
      errors: { monthly: LIMIT_FORMAT_ERROR, askAbove: LIMIT_FORMAT_ERROR, 'openai/monthly': LIMIT_FORMAT_ERROR },
    });
  });

  it('keeps the limits of a provider the form does not show (removed since), and drops those cleared in the form', () => {
    const current = { monthlyUsd: 10, providers: { 'compatible.old': { monthlyUsd: 5 }, openai: { monthlyUsd: 8 } } };
    expect(budgetSettingsFromForm({ ...empty, providers: { openai: { monthly: '', daily: '' } } }, current)).toEqual({ settings: { providers: { 'compatible.old': { monthlyUsd: 5 } } } });
  });
});
