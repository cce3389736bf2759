import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/core/chat/types';
import { formatText } from '../../src/core/text';
import { chatThroughStore, PROVIDER_CASES, storedCase } from './providerCases';
import { useSimulator } from './simulatorFixture';

/**
 * Issue #11, item 2: an answer that stalls after its headers (or part of its body) must not keep
 * "Verifying…" beyond the user's timeout, nor a chat spinning forever. Elapsed times are measured
 * here with a generous margin for a loaded machine; nothing sleeps.
 */
const sim = useSimulator();
// The 1 s budget is for the network: load the runtimes (and their SDKs) before the clock runs.
beforeAll(async () => {
  for (const c of PROVIDER_CASES) {
    const { store } = await storedCase(c, sim.url);
    await chatThroughStore(store, c);
  }
  sim.reset();
});
const TIMEOUT_MS = 1_000;
const IDLE_MS = 1_000;
const MARGIN_MS = 2_500;

/** Bytes of a streamed answer the simulator lets through before it falls silent: past the first words (Entra: into the token JSON). */
const MID_STREAM_BYTES: Record<string, number> = { openai: 700, anthropic: 900, gemini: 700, azure: 1_400, 'azure-entra': 12, aws: 500, compatible: 700 };

describe.each(PROVIDER_CASES)('$name: Verify against a stalled answer', (c) => {
  it.each([
    ['right after the headers', 0],
    ['in the middle of the body', 12],
  ])('ends within the configured timeout when the answer stalls %s', async (_where, bytes) => {
    const { verifier } = await storedCase(c, sim.url, TIMEOUT_MS);
    sim.setOverride(c.simProvider, { stallAfterBytes: bytes });
    const started = performance.now();
    const result = await verifier.verify(c.id, { modelId: c.chatModel });
    const elapsed = performance.now() - started;
    expect(result?.ok).toBe(false);
    expect(result?.error).toMatchObject({ kind: 'timeout', message: 'The check did not finish within the verification timeout of 1 s.' });
    expect(formatText(result!.error!.hint)).toMatch(/byok\.verification\.timeoutSeconds/);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    // The stalled connection is closed, not left open.
    const stalled = sim.requests.filter((r) => r.provider === c.simProvider);
    expect(stalled.length).toBeGreaterThan(0);
    await expect.poll(() => stalled.every((r) => r.endedMs !== undefined && r.clientClosedEarly)).toBe(true);
  });
});

describe.each(PROVIDER_CASES)('$name: a chat answer that stops sending', (c) => {
  it.each([
    ['before its first words', 0],
    ['after its first words', MID_STREAM_BYTES[c.simProvider]!],
  ])('ends with the idle error %s, within the idle limit, and the connection is closed', async (where, bytes) => {
    const { store } = await storedCase(c, sim.url);
    // Entra ID: the token request stalls (headers, or part of the token JSON); the chat call never starts.
    sim.setOverride(c.simProvider, { stallAfterBytes: bytes });
    const started = performance.now();
    const events = await chatThroughStore(store, c, IDLE_MS);
    const elapsed = performance.now() - started;
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', error: { kind: 'timeout', message: 'Nothing arrived for 1 s; the answer was stopped and the connection closed.' } });
    expect(formatText((last as Extract<ChatEvent, { type: 'error' }>).error.hint)).toMatch(/byok\.chat\.idleTimeoutSeconds/);
    if (where === 'after its first words' && c.simProvider !== 'azure-entra') expect(events.some((e) => e.type === 'text')).toBe(true);
    expect(elapsed).toBeLessThan(IDLE_MS + MARGIN_MS);
    const stalled = sim.requests.filter((r) => r.provider === c.simProvider);
    expect(stalled.length).toBeGreaterThan(0);
    await expect.poll(() => stalled.every((r) => r.endedMs !== undefined && r.clientClosedEarly)).toBe(true);
  });
});
