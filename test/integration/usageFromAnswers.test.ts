import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest, ChatUsage } from '../../src/core/chat/types';
import { cataloguePrice } from '../../src/core/costs/catalogue';
import { UsageLedger } from '../../src/core/costs/ledger';
import { priceAnswer, pricedModel } from '../../src/core/costs/prices';
import type { ProviderKind } from '../../src/core/providers/kinds';
import { anthropicRuntime } from '../../src/core/providers/anthropic/runtime';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import { bedrockRuntime } from '../../src/core/providers/bedrock/runtime';
import { compatibleRuntime } from '../../src/core/providers/compatible/runtime';
import { geminiRuntime } from '../../src/core/providers/gemini/runtime';
import { openAIRuntime } from '../../src/core/providers/openai/runtime';
import type { CallContext, ProviderRuntime } from '../../src/core/providers/types';
import type { ModelInfo } from '../../src/core/verify/result';
import { SIMULATED_THOUGHT_TOKENS } from '../simulator/providers/gemini';
import { bedrockSettings, DEV_KEYS } from './bedrockHarness';
import { useSimulator } from './simulatorFixture';

const sim = useSimulator();

interface Case {
  name: string;
  kind: ProviderKind;
  providerId: string;
  runtime: ProviderRuntime;
  settings: () => Record<string, unknown>;
  secrets: Record<string, string>;
  model: string;
  info?: ModelInfo;
  /** Token kinds this provider reports for the simulator's answer, beyond input and output. */
  expectReasoning?: (usage: ChatUsage) => void;
  source: 'catalogue' | 'provider';
}

const CASES: Case[] = [
  { name: 'OpenAI', kind: 'openai', providerId: 'openai', runtime: openAIRuntime, settings: () => ({ baseUrl: `${sim.url}/v1` }), secrets: { apiKey: 'sk-proj-usage-key-0001' }, model: 'o4-mini', expectReasoning: (u) => expect(u.reasoningTokens).toBe(1), source: 'catalogue' },
  {
    name: 'Azure OpenAI',
    kind: 'azure',
    providerId: 'azure',
    runtime: azureRuntime,
    settings: () => ({ endpoint: sim.url, authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o', model: 'gpt-4o' }] }),
    secrets: { apiKey: 'azusagekey0123456789abcdef' },
    model: 'gpt-4o',
    source: 'catalogue',
  },
  { name: 'Anthropic', kind: 'anthropic', providerId: 'anthropic', runtime: anthropicRuntime, settings: () => ({ baseUrl: sim.url }), secrets: { apiKey: 'sk-ant-api03-usage-key-0123456789abcdef' }, model: 'claude-haiku-4-5', source: 'catalogue' },
  { name: 'Gemini', kind: 'gemini', providerId: 'gemini', runtime: geminiRuntime, settings: () => ({ baseUrl: sim.url }), secrets: { apiKey: 'AIzaSyUsageKey0123456789abcdefghijklm' }, model: 'gemini-2.5-flash', expectReasoning: (u) => expect(u.reasoningTokens).toBe(SIMULATED_THOUGHT_TOKENS), source: 'catalogue' },
  {
    name: 'Bedrock',
    kind: 'bedrock',
    providerId: 'bedrock',
    runtime: bedrockRuntime,
    settings: () => bedrockSettings(sim, {}),
    secrets: DEV_KEYS,
    model: 'anthropic.claude-sonnet-4-20250514-v1:0',
    info: { id: 'anthropic.claude-sonnet-4-20250514-v1:0', name: 'Claude Sonnet 4', inferenceProfileId: 'us.anthropic.claude-sonnet-4-20250514-v1:0' },
    source: 'catalogue',
  },
  {
    name: 'OpenRouter (reports its own cost)',
    kind: 'compatible',
    providerId: 'compatible.openrouter',
    runtime: compatibleRuntime,
    // The simulator serves OpenRouter under a path; the catalogue would know it by its real URL.
    settings: () => ({ name: 'OpenRouter', baseUrl: `${sim.url}/openrouter/api/v1`, models: [] }),
    secrets: { apiKey: 'sk-or-v1-0123456789abcdef0123456789abcdef' },
    model: 'openai/gpt-4o-mini',
    source: 'provider',
  },
];

/** A follow-up turn: the earlier conversation is what providers serve from their prompt cache. */
function followUp(model: string): ChatRequest {
  return {
    modelId: model,
    messages: [
      { role: 'user', parts: [{ type: 'text', text: 'Name a prime number larger than ten, please, and say why it is prime.' }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'Eleven: no whole number other than one and eleven divides it.' }] },
      { role: 'user', parts: [{ type: 'text', text: 'And one larger than twenty?' }] },
    ],
    maxOutputTokens: 200,
  };
}

describe('usage of streamed answers lands in the ledger with the right token kinds', () => {
  it.each(CASES)('$name', async (c) => {
    const ctx: CallContext = { settings: c.settings(), secrets: c.secrets, timeoutMs: 10_000, signal: new AbortController().signal };
    const events: ChatEvent[] = [];
    for await (const e of c.runtime.streamChat(ctx, followUp(c.model), c.info)) events.push(e);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const usageEvent = events.find((e) => e.type === 'usage');
    expect(usageEvent).toBeDefined();
    const { type: _type, ...usage } = usageEvent as Extract<ChatEvent, { type: 'usage' }>;

    // The simulator serves half of a follow-up prompt from the cache; every provider reports it
    // in its own field, and the adapter turns it into the part of the whole prompt it is.
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.cacheReadTokens).toBe(Math.floor(usage.inputTokens / 2));
    expect(usage.outputTokens).toBeGreaterThan(0);
    if (c.expectReasoning) c.expectReasoning(usage);
    else expect(usage.reasoningTokens ?? 0).toBe(0);

    const ledger = new UsageLedger(mkdtempSync(path.join(tmpdir(), 'byok-usage-')));
    const now = new Date();
    const cost = priceAnswer(usage, pricedModel(c.kind, ctx.settings as Record<string, unknown>, c.model), {}, cataloguePrice, now);
    ledger.append({ time: now, provider: c.providerId, model: c.model, usage, cost });
    const [row] = await ledger.rows();
    expect(row).toEqual({
      time: now.toISOString(),
      provider: c.providerId,
      model: c.model,
      requests: 1,
      input: usage.inputTokens,
      cacheRead: usage.cacheReadTokens,
      cacheWrite: 0,
      output: usage.outputTokens,
      reasoning: usage.reasoningTokens ?? 0,
      costUsd: expect.any(Number),
      priceSource: c.source,
      unpriced: 0,
    });
    expect(row!.costUsd).toBeGreaterThan(0);
    if (c.source === 'provider') expect(row!.costUsd).toBeCloseTo(usage.inputTokens * 0.00000015 + usage.outputTokens * 0.0000006, 12);
  });
});
