import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindOfId } from '../../src/core/providers/kinds';
import { providerDefinitions } from '../../src/core/providers/registry';
import { formatText } from '../../src/core/text';
import { chatThroughStore, PROVIDER_CASES, startRecordingServer, storedCase, type RecordingServer } from './providerCases';
import { useSimulator } from './simulatorFixture';

/**
 * Issue #11, item 1: a key only goes to the endpoint it was saved for. The configured endpoint
 * answers 307 to another origin (another loopback port); that origin must receive nothing, and
 * the user sees an error naming both hosts. A redirect within the origin is still followed.
 */
const sim = useSimulator();
let elsewhere: RecordingServer;
beforeAll(async () => {
  elsewhere = await startRecordingServer();
});
afterAll(() => elsewhere.close());

function simHost(): string {
  return new URL(sim.url).host;
}

describe.each(PROVIDER_CASES)('$name: a redirect to another origin', (c) => {
  it('Verify (with the model Test) fails as redirect_refused naming both hosts; the other origin receives nothing', async () => {
    const { verifier, secrets } = await storedCase(c, sim.url);
    sim.setOverride(c.simProvider, { redirectTo: elsewhere.url });
    const result = await verifier.verify(c.id, { modelId: c.chatModel });
    expect(result?.ok).toBe(false);
    expect(result?.error).toMatchObject({ kind: 'redirect_refused', message: `${simHost()} redirected the request to ${elsewhere.host}; the key was not sent there.` });
    expect(formatText(result!.error!.hint)).toMatch(/sends requests to another host/);
    expect(sim.requests.some((r) => r.provider === c.simProvider)).toBe(true);
    expect(elsewhere.connections()).toBe(0);
    expect(elsewhere.requests).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(Object.values(secrets)[0]!.slice(-10));
  });

  it('chat ends with the same error, and the other origin receives nothing', async () => {
    const { store } = await storedCase(c, sim.url);
    sim.setOverride(c.simProvider, { redirectTo: elsewhere.url, redirectStatus: 308 });
    const events = await chatThroughStore(store, c);
    expect(events.filter((e) => e.type === 'text')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'redirect_refused', message: `${simHost()} redirected the request to ${elsewhere.host}; the key was not sent there.` } });
    expect(elsewhere.connections()).toBe(0);
  });
});

describe.each(PROVIDER_CASES.filter((c) => c.modelCheckPath))('$name: the model Test redirected to another origin', (c) => {
  it('the key check passes, the Test fails as redirect_refused, and the other origin receives nothing', async () => {
    const { verifier } = await storedCase(c, sim.url);
    sim.setOverride(c.simProvider, { redirectTo: elsewhere.url, redirectPathIncludes: c.modelCheckPath });
    const result = await verifier.verify(c.id, { modelId: c.chatModel });
    expect(result?.ok).toBe(false);
    expect(result?.stages[0]?.ok).toBe(true);
    expect(result?.error).toMatchObject({ kind: 'redirect_refused', message: `${simHost()} redirected the request to ${elsewhere.host}; the key was not sent there.` });
    expect(elsewhere.connections()).toBe(0);
  });
});

describe.each(PROVIDER_CASES.filter((c) => c.simProvider !== 'aws'))('$name: a redirect within the origin', (c) => {
  it('is followed, and Verify succeeds', async () => {
    const { verifier } = await storedCase(c, sim.url);
    sim.setOverride(c.simProvider, { redirectTo: sim.url });
    const result = await verifier.verify(c.id);
    expect(result?.error).toBeUndefined();
    expect(result?.ok).toBe(true);
    // Each redirected call reached the simulator twice: the 307, then the call at its new path.
    const paths = sim.requests.filter((r) => r.provider === c.simProvider).map((r) => r.path);
    expect(paths.length).toBeGreaterThanOrEqual(2);
    expect(new Set(paths).size).toBeLessThan(paths.length);
  });
});

describe('Bedrock: the AWS SDK (smithy node-http-handler) follows no redirect at all', () => {
  const bedrock = PROVIDER_CASES.find((c) => c.simProvider === 'aws')!;
  it('a same-origin 307 is not repeated: one request, and Verify fails instead of re-sending the signed call', async () => {
    const { verifier } = await storedCase(bedrock, sim.url);
    sim.setOverride('aws', { redirectTo: sim.url });
    const result = await verifier.verify('bedrock');
    expect(result?.ok).toBe(false);
    expect(result?.error?.message).toBe(`${simHost()} answered with a redirect (307) to ${sim.url}/__sim/redirected/; AWS requests are not redirected.`);
    const awsRequests = sim.requests.filter((r) => r.provider === 'aws');
    // STS and both model listings go out together; none of them was sent a second time.
    expect(new Set(awsRequests.map((r) => `${r.method} ${r.path}`)).size).toBe(awsRequests.length);
  });
});

describe.each(PROVIDER_CASES.filter((c) => ['anthropic', 'gemini', 'aws'].includes(c.simProvider)))('$name: token counting', (c) => {
  it('asks the provider, but never the origin it is redirected to (the count falls back to the local estimate)', async () => {
    const { store } = await storedCase(c, sim.url);
    const resolved = await store.resolve(c.id);
    const runtime = await providerDefinitions[kindOfId(c.id)].loadRuntime();
    sim.setOverride(c.simProvider, { redirectTo: elsewhere.url });
    const count = await runtime.countTokens({ settings: resolved.settings, secrets: resolved.secrets, timeoutMs: 5_000, signal: new AbortController().signal }, c.chatModel, 'How many tokens is this sentence?');
    expect(count).toBeGreaterThan(0);
    expect(sim.requests.some((r) => r.provider === c.simProvider)).toBe(true);
    expect(elsewhere.connections()).toBe(0);
  });
});
