import { describe, expect, it } from 'vitest';
import { calcPrice } from '@pydantic/genai-prices';
import { cataloguePrice } from '../../src/core/costs/catalogue';
import { priceAnswer, pricedModel, priceOverrides } from '../../src/core/costs/prices';

const AT = new Date('2026-12-01T12:00:00Z');
const MILLION = 1_000_000;

/**
 * USD per million input and output tokens, measured on 100k tokens (below every long-context tier)
 * and scaled, as the chat would record it.
 */
function perMillion(kind: Parameters<typeof pricedModel>[0], model: string, settings: Record<string, unknown> = {}) {
  const tokens = 100_000;
  const input = priceAnswer({ inputTokens: tokens, outputTokens: 0 }, pricedModel(kind, settings, model), {}, cataloguePrice, AT);
  const output = priceAnswer({ inputTokens: 0, outputTokens: tokens }, pricedModel(kind, settings, model), {}, cataloguePrice, AT);
  return { input: input.usd! * (MILLION / tokens), output: output.usd! * (MILLION / tokens), source: input.source };
}

describe('prices from the catalogue (USD per million tokens)', () => {
  it.each([
    ['openai', 'gpt-4o', 2.5, 10],
    ['openai', 'gpt-4o-mini', 0.15, 0.6],
    ['openai', 'o1', 15, 60],
    ['anthropic', 'claude-sonnet-4-5', 3, 15],
    // The seed's "Claude Opus" is Opus 3/4/4.1 at $15/$75 (Opus 4.5 and later are cheaper).
    ['anthropic', 'claude-opus-4-1', 15, 75],
    ['anthropic', 'claude-3-opus-20240229', 15, 75],
  ] as const)('%s %s costs $%s in and $%s out', (kind, model, input, output) => {
    const price = perMillion(kind, model);
    expect(price).toEqual({ input: expect.closeTo(input, 10), output: expect.closeTo(output, 10), source: 'catalogue' });
  });

  it('cached input is billed at the cache read price (GPT-4o: $1.25 instead of $2.50)', () => {
    const cost = priceAnswer({ inputTokens: MILLION, cacheReadTokens: MILLION / 2, outputTokens: 0 }, pricedModel('openai', {}, 'gpt-4o'), {}, cataloguePrice, AT);
    expect(cost.usd).toBeCloseTo(0.5 * 2.5 + 0.5 * 1.25, 10);
  });

  it('Anthropic cache writes cost 1.25× input and reads 0.1× (Sonnet 4.5: $3.75 and $0.30)', () => {
    const cost = priceAnswer({ inputTokens: 100_000, cacheWriteTokens: 40_000, cacheReadTokens: 50_000, outputTokens: 0 }, pricedModel('anthropic', {}, 'claude-sonnet-4-5'), {}, cataloguePrice, AT);
    expect(cost.usd).toBeCloseTo((10_000 * 3 + 40_000 * 3.75 + 50_000 * 0.3) / MILLION, 10);
  });

  it('a prompt above 200k tokens is priced at the long-context tier (Sonnet 4.5: input $6, output $22.50)', () => {
    const cost = priceAnswer({ inputTokens: 300_000, outputTokens: 10_000 }, pricedModel('anthropic', {}, 'claude-sonnet-4-5'), {}, cataloguePrice, AT);
    expect(cost.usd).toBeCloseTo((300_000 * 6 + 10_000 * 22.5) / MILLION, 10);
  });

  it('reasoning tokens are billed as output (they are part of outputTokens)', () => {
    const withReasoning = priceAnswer({ inputTokens: 0, outputTokens: 1000, reasoningTokens: 800 }, pricedModel('openai', {}, 'o1'), {}, cataloguePrice, AT);
    expect(withReasoning.usd).toBeCloseTo((1000 * 60) / MILLION, 10);
  });

  it('Gemini is priced as Google, Bedrock inference profiles at the regional price', () => {
    expect(perMillion('gemini', 'gemini-2.5-pro').input).toBeCloseTo(1.25, 10);
    // us.anthropic.… profiles are regional: 10 % above the global $3.
    expect(perMillion('bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0').input).toBeCloseTo(3.3, 10);
  });

  it('an Azure deployment is priced by the model it deploys', () => {
    const settings = { deployments: [{ name: 'team-chat', model: 'gpt-4o-mini' }] };
    expect(pricedModel('azure', settings, 'team-chat')).toMatchObject({ priceModelId: 'gpt-4o-mini', provider: { providerId: 'azure' } });
    expect(perMillion('azure', 'team-chat', settings).output).toBeCloseTo(0.6, 10);
  });

  it('a gateway the catalogue knows is priced by its API URL (OpenRouter)', () => {
    const cost = priceAnswer({ inputTokens: 100_000, outputTokens: 0 }, pricedModel('compatible', { baseUrl: 'https://openrouter.ai/api/v1' }, 'anthropic/claude-sonnet-4.5'), {}, cataloguePrice, AT);
    expect(cost).toEqual({ usd: expect.closeTo(0.3, 10), source: 'catalogue' });
  });

  it('a model priced again is priced as the catalogue prices it: by date, by tier, through a fallback provider', () => {
    // The second and later answers of a model skip the catalogue's model search (it remembers the
    // match); every price must still be the catalogue's own, whatever the usage and the date.
    const cases = [
      { provider: { providerId: 'openai' }, model: 'o3', dates: ['2025-06-01', '2025-06-20'] }, // price cut on 2025-06-10
      { provider: { providerId: 'anthropic' }, model: 'claude-sonnet-4-5', dates: ['2026-12-01'] },
      { provider: { providerId: 'azure' }, model: 'gpt-4o-mini', dates: ['2026-12-01'] }, // found through Azure's fallback to OpenAI
      { provider: { providerApiUrl: 'https://openrouter.ai/api/v1' }, model: 'anthropic/claude-sonnet-4.5', dates: ['2026-12-01'] },
    ];
    const usages = [
      { inputTokens: 1000, outputTokens: 10 },
      { inputTokens: 300_000, cacheReadTokens: 20_000, outputTokens: 5000 }, // above a long-context tier where one exists
      { inputTokens: 50_000, cacheWriteTokens: 10_000, outputTokens: 0 },
    ];
    for (const { provider, model, dates } of cases) {
      for (const date of dates) {
        for (const usage of usages) {
          const at = new Date(`${date}T12:00:00Z`);
          const catalogue = calcPrice(
            { input_tokens: usage.inputTokens, cache_read_tokens: usage.cacheReadTokens ?? 0, cache_write_tokens: usage.cacheWriteTokens ?? 0, output_tokens: usage.outputTokens },
            model,
            { ...provider, timestamp: at },
          );
          expect(catalogue, `${model} on ${date}`).not.toBeNull();
          expect(cataloguePrice(usage, model, provider, at), `${model} on ${date}`).toBe(catalogue!.total_price);
        }
      }
    }
    // The date matters: o3 before and after its price cut.
    const o3 = (date: string) => cataloguePrice({ inputTokens: MILLION, outputTokens: 0 }, 'o3', { providerId: 'openai' }, new Date(`${date}T12:00:00Z`));
    expect(o3('2025-06-01')).toBeGreaterThan(o3('2025-06-20')!);
  });

  it('an unknown model or a local server has no price, never a guess', () => {
    expect(priceAnswer({ inputTokens: 1000, outputTokens: 10 }, pricedModel('openai', {}, 'my-fine-tune-xyz'), {}, cataloguePrice, AT)).toEqual({ usd: undefined, source: 'none' });
    // Ollama serving a model named like a cloud one is still not billed by anyone.
    expect(priceAnswer({ inputTokens: 1000, outputTokens: 10 }, pricedModel('compatible', { baseUrl: 'http://localhost:11434/v1' }, 'gpt-4o'), {}, cataloguePrice, AT)).toEqual({ usd: undefined, source: 'none' });
    // A private gateway added as an OpenAI-compatible endpoint is unknown to the catalogue.
    expect(priceAnswer({ inputTokens: 1000, outputTokens: 10 }, pricedModel('compatible', { baseUrl: 'https://llm.example.com/v1' }, 'gpt-4o'), {}, cataloguePrice, AT).source).toBe('none');
  });
});

describe('price order', () => {
  it('the cost the provider reports wins over every price', () => {
    const cost = priceAnswer({ inputTokens: MILLION, outputTokens: 0, reportedCostUsd: 0.42 }, pricedModel('openai', {}, 'gpt-4o'), priceOverrides({ 'gpt-4o': { input: 1, output: 1 } }), cataloguePrice, AT);
    expect(cost).toEqual({ usd: 0.42, source: 'provider' });
  });

  it('a user price (byok.prices) wins over the catalogue; cached input at its own price, local models at zero', () => {
    const overrides = priceOverrides({ 'gpt-4o': { input: 2, cachedInput: 0.5, output: 8 }, 'llama3.2:latest': { input: 0, output: 0 }, broken: { input: 'cheap' } });
    expect(Object.keys(overrides)).toEqual(['gpt-4o', 'llama3.2:latest']);
    const cost = priceAnswer({ inputTokens: MILLION, cacheReadTokens: MILLION / 4, outputTokens: MILLION / 2 }, pricedModel('openai', {}, 'gpt-4o'), overrides, cataloguePrice, AT);
    expect(cost).toEqual({ usd: expect.closeTo(0.75 * 2 + 0.25 * 0.5 + 0.5 * 8, 10), source: 'override' });
    expect(priceAnswer({ inputTokens: 5000, outputTokens: 500 }, pricedModel('compatible', { baseUrl: 'http://localhost:11434/v1' }, 'llama3.2:latest'), overrides, cataloguePrice, AT)).toEqual({ usd: 0, source: 'override' });
  });

  it('an Azure deployment takes the user price of its model when the deployment has none', () => {
    const settings = { deployments: [{ name: 'prod', model: 'gpt-4o' }] };
    const cost = priceAnswer({ inputTokens: MILLION, outputTokens: 0 }, pricedModel('azure', settings, 'prod'), priceOverrides({ 'gpt-4o': { input: 2, output: 8 } }), cataloguePrice, AT);
    expect(cost).toEqual({ usd: 2, source: 'override' });
  });
});
