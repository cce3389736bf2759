import { describe, expect, it } from 'vitest';
import { cataloguePrice } from '../../src/core/costs/catalogue';
import { pricedModel } from '../../src/core/costs/prices';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { costToConfirm, promptText } from '../../src/core/costs/requestEstimate';

/** What the OpenAI runtime counts with (o200k); each provider's runtime brings its own counter. */
const count = async (text: string) => countTokens(text);

const AT = new Date('2026-12-01T12:00:00Z');
const prices = { overrides: {}, catalogue: cataloguePrice };
/** " hello" is one o200k token: 100,000 of them are a 100,000-token prompt. */
const bigRequest = { messages: [{ role: 'user' as const, parts: [{ type: 'text' as const, text: ' hello'.repeat(100_000) }] }] };

describe('asking before a large request (issue 14 item 5)', () => {
  it('counts the whole prompt: messages, tool results and calls, and the tool definitions agent mode sends', async () => {
    expect(await count(promptText(bigRequest))).toBe(100_000);
    const withTools = promptText({
      messages: [
        { role: 'assistant', parts: [{ type: 'toolCall', callId: 'c1', name: 'read_file', input: { path: 'src/main.ts' } }] },
        { role: 'user', parts: [{ type: 'toolResult', callId: 'c1', content: ' hello'.repeat(1_000) }] },
      ],
      tools: [{ name: 'read_file', description: 'Reads a file of the workspace.', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }],
    });
    for (const sent of ['read_file {"path":"src/main.ts"}', ' hello'.repeat(1_000), 'Reads a file of the workspace.', '"properties":{"path":{"type":"string"}}']) expect(withTools).toContain(sent);
    expect(await count(withTools)).toBeGreaterThan(1_000 + 10);
    expect(await count(withTools)).toBeLessThan(1_100);
  });

  it('asks when the prompt alone costs more than the amount: 100,000 tokens to GPT-4o at $2.50 per million is $0.25', async () => {
    const gpt4o = pricedModel('openai', {}, 'gpt-4o');
    expect(await costToConfirm(bigRequest, count, gpt4o, prices, 0.2, AT)).toEqual({ inputTokens: 100_000, usd: expect.closeTo(0.25, 10) });
    expect(await costToConfirm(bigRequest, count, gpt4o, prices, 0.25, AT)).toBeUndefined();
    expect(await costToConfirm(bigRequest, count, gpt4o, prices, 1, AT)).toBeUndefined();
  });

  it('uses the user\'s own price, and never asks with a guessed figure for a model without a price', async () => {
    const local = pricedModel('compatible', { baseUrl: 'http://localhost:11434/v1' }, 'my-local-model');
    expect(await costToConfirm(bigRequest, count, local, prices, 0.01, AT)).toBeUndefined();
    expect(await costToConfirm(bigRequest, count, local, { overrides: { 'my-local-model': { input: 1, output: 2 } }, catalogue: cataloguePrice }, 0.01, AT)).toEqual({ inputTokens: 100_000, usd: expect.closeTo(0.1, 10) });
  });
});
