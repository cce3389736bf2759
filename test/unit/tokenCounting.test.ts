import { describe, expect, it } from 'vitest';
import { TokenCounting } from '../../src/core/chat/tokenCounting';

describe('token counts for the chat', () => {
  it('reads the provider once for many counts, and again after a change', async () => {
    const reads: string[] = [];
    let key = 'first';
    const counting = new TokenCounting<string>(async (providerId) => {
      reads.push(`${providerId} with ${key}`);
      const seen = key;
      return async (modelId, text) => (seen === 'first' ? text.length : text.length * 10);
    });
    const counts = await Promise.all(Array.from({ length: 500 }, (_, i) => counting.count('openai', 'gpt-4.1', 'x'.repeat(i % 7))));
    expect(counts.slice(0, 3)).toEqual([0, 1, 2]);
    expect(reads).toEqual(['openai with first']);
    await counting.count('anthropic', 'claude-sonnet-4-5', 'hi');
    expect(reads).toEqual(['openai with first', 'anthropic with first']);
    // The key was rotated (or settings changed, or a Verify ran): counts use the new one.
    key = 'second';
    counting.forget();
    expect(await counting.count('openai', 'gpt-4.1', 'abc')).toBe(30);
    expect(reads).toEqual(['openai with first', 'anthropic with first', 'openai with second']);
  });

  it('a read that failed is tried again by the next count', async () => {
    let fail = true;
    const counting = new TokenCounting<string>(async () => {
      if (fail) throw new Error('secret storage unavailable');
      return async (_model, text) => text.length;
    });
    await expect(counting.count('openai', 'gpt-4.1', 'abc')).rejects.toThrow('secret storage unavailable');
    fail = false;
    expect(await counting.count('openai', 'gpt-4.1', 'abc')).toBe(3);
  });
});
