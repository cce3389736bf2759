import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/core/chat/types';
import { kindOfId, type ProviderId } from '../../../src/core/providers/kinds';
import { providerDefinitions } from '../../../src/core/providers/registry';
import type { ProviderRuntime } from '../../../src/core/providers/types';
import { pageHarness } from '../../support/pageHarness';
import { recordFigures } from '../../support/reliabilityFigures';
import { useSimulator } from '../simulatorFixture';
import { providerConfigs, type Config } from './providerConfigs';

const sim = useSimulator();
const configs = providerConfigs(() => sim.url);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A key per click for providers whose simulator accepts any key; AWS checks its keys, so Bedrock repeats one. */
function keyForClick(config: Config, click: number): Record<string, string> {
  const secrets = config.secrets();
  if (config.id === 'bedrock') return secrets;
  const [field, value] = Object.entries(secrets)[0]!;
  return { [field]: `${value}click${String(click).padStart(3, '0')}` };
}

describe('reliability: concurrency', () => {
  it.for(configs.map((c): [string, Config] => [c.name, c]))('%s: 100 Verify clicks within a second: one verification in flight, the page ends on the last', async ([name, config], context) => {
    // The real runtime, counted: how many of its provider calls are pending at once (the client's view).
    let pending = 0;
    let mostPending = 0;
    const loadRuntime = async (id: ProviderId): Promise<ProviderRuntime> => {
      const real = await providerDefinitions[kindOfId(id)].loadRuntime();
      const counted: ProviderRuntime = Object.create(real);
      counted.verify = async (ctx, options) => {
        mostPending = Math.max(mostPending, ++pending);
        try {
          return await real.verify(ctx, options);
        } finally {
          pending--;
        }
      };
      return counted;
    };
    const page = pageHarness({ timeoutMs: 5_000, loadRuntime });
    if (config.id.startsWith('compatible.')) await page.store.addCompatible('Gateway', sim.url);
    sim.setOverride(config.simProvider, { latencyMs: 30 });
    const clicks: Promise<void>[] = [];
    const keys: string[] = [];
    for (let click = 0; click < 100; click++) {
      const secrets = keyForClick(config, click);
      keys.push(Object.values(secrets)[0]!);
      clicks.push(page.controller.handle({ type: 'verify', providerId: config.id, settings: config.settings(sim.url), secrets }));
      await sleep(9);
    }
    await Promise.all(clicks);
    await expect.poll(() => sim.requests.every((r) => r.endedMs !== undefined)).toBe(true);

    expect(sim.requests.length, 'the clicks reached the provider').toBeGreaterThan(0);
    const view = page.lastView(config.id);
    expect(view?.verifying).toBe(false);
    expect(view?.lastResult?.ok).toBe(true);
    // The stored key is the last one typed (verify-then-swap committed the last click).
    const last = keys.at(-1)!;
    expect(Object.values(view?.secrets ?? {}).some((s) => s.last4 === last.slice(-4))).toBe(true);
  });
});

async function cancelOnce(config: Config): Promise<number> {
  const page = pageHarness();
  if (config.id.startsWith('compatible.')) await page.store.addCompatible('Gateway', sim.url);
  expect(await page.store.save(config.id, config.settings(sim.url), config.secrets())).toEqual({ ok: true });
  const resolved = await page.store.resolve(config.id);
  const runtime = await providerDefinitions[kindOfId(config.id)].loadRuntime();
  const controller = new AbortController();
  const before = sim.requests.length;
  const request = { modelId: config.chatModel, messages: [{ role: 'user' as const, parts: [{ type: 'text' as const, text: 'Tell me a long story about the sea' }] }] };
  let cancelledAt = 0;
  const events: ChatEvent[] = [];
  for await (const event of runtime.streamChat({ settings: resolved.settings, secrets: resolved.secrets, timeoutMs: 10_000, signal: controller.signal }, request, undefined)) {
    events.push(event);
    if (event.type === 'text' && !cancelledAt) {
      cancelledAt = now();
      controller.abort();
    }
  }
  expect(cancelledAt, 'the answer started streaming').toBeGreaterThan(0);
  const chat = () => sim.requests.slice(before).find((r) => r.method === 'POST' && r.clientClosedEarly && r.endedMs !== undefined);
  await expect.poll(chat, { timeout: 5_000 }).toBeDefined();
  return chat()!.endedMs! - cancelledAt;
}

describe('reliability: chat cancellation', () => {
  it.for(configs.map((c): [string, Config] => [c.name, c]))('%s: connection closed within 200 ms of cancel (20 tries)', { timeout: 120_000 }, async ([name, config], context) => {
    sim.setOverride(config.simProvider, { chunkDelayMs: 100 });
    const closeMs: number[] = [];
    for (let i = 0; i < 20; i++) closeMs.push(await cancelOnce(config));
    const sorted = [...closeMs].sort((a, b) => a - b);
    const median = Math.round((sorted[9]! + sorted[10]!) / 2);
    const worst = Math.round(sorted.at(-1)!);
    recordFigures(context, { figures: { provider: name, 'median ms': median, 'worst ms': worst } });
    expect(worst).toBeLessThanOrEqual(200);
  });
});
