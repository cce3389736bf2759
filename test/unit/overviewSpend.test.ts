import { describe, expect, it } from 'vitest';
import { MonthSpendViewSchema } from '../../src/protocol/spendMessages';
import { monthSpendText } from '../../src/webview/overview';

// The overview's "Chat this month" column, as the user reads it.
describe('monthSpendText', () => {
  it('shows a dash for a provider without answers this month', () => {
    expect(monthSpendText(undefined, 'en-US')).toBe('—');
    expect(monthSpendText({ requests: 0, costUsd: 0, unpriced: 0 }, 'en-US')).toBe('—');
  });

  it('shows the cost and the number of answers', () => {
    expect(monthSpendText({ requests: 3, costUsd: 0.0412, unpriced: 0 }, 'en-US')).toBe('$0.04 · 3 answers');
    expect(monthSpendText({ requests: 1, costUsd: 12.5, unpriced: 0 }, 'en-US')).toBe('$12.50 · 1 answer');
  });

  it('never rounds a small cost to nothing', () => {
    expect(monthSpendText({ requests: 1, costUsd: 0.000031, unpriced: 0 }, 'en-US')).toBe('$0.000031 · 1 answer');
  });

  it('never prices an answer whose model has no known price', () => {
    expect(monthSpendText({ requests: 2, costUsd: 0, unpriced: 2 }, 'en-US')).toBe('2 answers, no price known');
    expect(monthSpendText({ requests: 5, costUsd: 0.5, unpriced: 1 }, 'en-US')).toBe('$0.50 · 5 answers (1 without a known price)');
  });

  it('formats amounts in the editor language', () => {
    expect(monthSpendText({ requests: 1200, costUsd: 1234.5, unpriced: 0 }, 'de-DE')).toBe('1.234,50\u00a0$ · 1.200 answers');
  });

  it('is a message the page accepts, and rejects a negative cost', () => {
    expect(MonthSpendViewSchema.safeParse({ type: 'monthSpend', locale: 'en', providers: { openai: { requests: 1, costUsd: 0.1, unpriced: 0 } } }).success).toBe(true);
    expect(MonthSpendViewSchema.safeParse({ type: 'monthSpend', locale: 'en', providers: { openai: { requests: 1, costUsd: -1, unpriced: 0 } } }).success).toBe(false);
  });
});
