import { describe, expect, it } from 'vitest';
import { chatUsageReport, USAGE_MIME_TYPE } from '../../src/core/chat/usageReport';

describe('the token usage sent for the chat\'s context-window meter', () => {
  it('has the fields Copilot Chat requires (numbers for prompt, completion and total tokens) under MIME type "usage"', () => {
    expect(USAGE_MIME_TYPE).toBe('usage');
    expect(chatUsageReport(18_204, 37)).toEqual({ prompt_tokens: 18_204, completion_tokens: 37, total_tokens: 18_241 });
  });

  it('never reports negative or fractional counts', () => {
    expect(chatUsageReport(-3, 2.6)).toEqual({ prompt_tokens: 0, completion_tokens: 3, total_tokens: 3 });
  });
});
