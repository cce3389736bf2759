import net from 'node:net';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProviderId } from '../../src/core/providers/kinds';
import { CredentialStore } from '../../src/core/store/credentialStore';
import type { VerifyResult } from '../../src/core/verify/result';
import { Verifier } from '../../src/core/verify/verifier';
import { DIRECT_ROUTE, setNetworkRoute } from '../../src/core/net/networkRoute';
import { simulatorProfiles } from '../simulator/profiles.mjs';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { useSimulator } from './simulatorFixture';

/**
 * Opening the Models page warms every configured provider's SDK up (its own verification against
 * answers made in-process), so the first Verify costs what a later one does. The warm-up must
 * reach no network and change no result.
 */
const sim = useSimulator();
const kinds = ['openai', 'compatible', 'anthropic', 'gemini', 'azure', 'bedrock'] as const;

/** Every TCP or TLS connection this process starts goes through net.Socket#connect (fetch, http, http2, the AWS handlers). */
const watchConnections = () => vi.spyOn(net.Socket.prototype, 'connect');
afterEach(() => vi.restoreAllMocks());

async function configuredStore() {
  const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
  const profiles = simulatorProfiles(sim.url);
  for (const [id, profile] of Object.entries(profiles)) {
    if (id.startsWith('compatible.')) await store.addCompatible(String(profile.settings.name), String(profile.settings.baseUrl));
    await store.save(id as ProviderId, profile.settings, profile.secrets);
  }
  return { store, ids: Object.keys(profiles) as ProviderId[] };
}

/** A result without what differs between two runs of the same check (timings, time, request ids). */
function comparable(result: VerifyResult | undefined) {
  return JSON.parse(JSON.stringify(result ?? null, (key, value: unknown) => (key === 'latencyMs' || key === 'verifiedAt' ? undefined : value)));
}

describe('warming the providers up when the Models page opens', () => {
  for (const kind of kinds) {
    it(`${kind}: the warm-up runs the verification's success path, without a single connection`, async () => {
      const { warmUpVerification } = await import(`../../src/core/providers/${kind}/warmUp.ts`);
      const connections = watchConnections();
      const outcome = await warmUpVerification();
      expect(outcome.error).toBeUndefined();
      expect(outcome.ok).toBe(true);
      expect(outcome.models.length).toBeGreaterThan(0);
      expect(connections).not.toHaveBeenCalled();
    });
  }

  it('the simulator sees no request while the page warms up all six, nothing is printed or stored, and every Verify after it answers as without it', async () => {
    const { store, ids } = await configuredStore();
    const seen = watchConnections();
    const before = await new Verifier({ store, timeoutMs: () => 10_000 }).verifyAll();
    expect(before.every((r) => r?.ok)).toBe(true);
    // The watch does see real calls (fetch's and the AWS handlers' connections).
    expect(seen).toHaveBeenCalled();
    seen.mockRestore();
    const recorded = sim.requests.length;

    const { store: fresh } = await configuredStore();
    const verifier = new Verifier({ store: fresh, timeoutMs: () => 10_000 });
    const connections = watchConnections();
    const printed = watchPrinting();
    await verifier.preloadConfigured();
    expect(connections).not.toHaveBeenCalled();
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    expect(sim.requests.length).toBe(recorded);
    for (const id of ids) expect(fresh.lastResult(id)).toBeUndefined();
    connections.mockRestore();

    const after = await verifier.verifyAll();
    expect(after.map(comparable)).toEqual(before.map(comparable));
    expect(sim.requests.length).toBe(2 * recorded);
  });
});

describe('readying the stored Bedrock access keys\' clients when the page opens', () => {
  it('builds the STS and control-plane clients Verify then sends with, without a connection or a request', async () => {
    const { store } = await configuredStore();
    // A timeout no other test uses: the clients are pooled per endpoint, keys and timeout.
    const verifier = new Verifier({ store, timeoutMs: () => 10_007 });
    const sts = vi.spyOn(STSClient.prototype, 'send');
    const control = vi.spyOn(BedrockClient.prototype, 'send');
    const connections = watchConnections();
    const recorded = sim.requests.length;
    await verifier.preloadConfigured();
    expect(connections).not.toHaveBeenCalled();
    expect(sim.requests.length).toBe(recorded);
    // The warm-up's own clients (in-process answers) and the prepared ones: the latter are pooled.
    const preparedSts = new Set(sts.mock.contexts);
    const preparedControl = new Set(control.mock.contexts);
    sts.mockClear();
    control.mockClear();

    const result = await verifier.verify('bedrock');
    expect(result?.ok).toBe(true);
    expect(connections).toHaveBeenCalled();
    expect(sts.mock.contexts.length).toBeGreaterThan(0);
    expect(sts.mock.contexts.every((client) => preparedSts.has(client))).toBe(true);
    expect(control.mock.contexts.length).toBeGreaterThan(0);
    expect(control.mock.contexts.every((client) => preparedControl.has(client))).toBe(true);
  });
});

/** Spies on every way the extension host could print: the console, stdout/stderr and process warnings. */
function watchPrinting() {
  return [
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) => vi.spyOn(console, method)),
    vi.spyOn(process.stdout, 'write'),
    vi.spyOn(process.stderr, 'write'),
    vi.spyOn(process, 'emitWarning'),
  ];
}

/** Where each connection a spy on net.Socket#connect saw was going (Node normalises the arguments to an array). */
function targets(connect: ReturnType<typeof watchConnections>) {
  return connect.mock.calls.map((call) => {
    const options = (Array.isArray(call[0]) ? call[0][0] : call[0]) as { host?: string; port?: number };
    return { host: options.host, port: Number(options.port) };
  });
}

describe("warming Node's HTTP clients up after the providers", () => {
  afterEach(() => setNetworkRoute(DIRECT_ROUTE));

  it('connects only to its own server on the loopback interface: the simulator sees no request, nothing is printed or stored', async () => {
    const { store, ids } = await configuredStore();
    const verifier = new Verifier({ store, timeoutMs: () => 10_000 });
    const connections = watchConnections();
    const printed = watchPrinting();
    await verifier.warmUpConnections();
    const seen = targets(connections);
    // One fetch and one http.request, each on its own connection.
    expect(seen).toHaveLength(2);
    for (const target of seen) {
      expect(target.host).toBe('127.0.0.1');
      expect(target.port).not.toBe(sim.port);
    }
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    expect(sim.requests).toHaveLength(0);
    for (const id of ids) expect(store.lastResult(id)).toBeUndefined();
    // Once per extension host: the page opening again connects nowhere.
    connections.mockClear();
    await verifier.warmUpConnections();
    expect(connections).not.toHaveBeenCalled();
  });

  it('does nothing with no provider configured, or behind a proxy (provider calls then use their own client)', async () => {
    const empty = new Verifier({ store: new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue()), timeoutMs: () => 10_000 });
    const connections = watchConnections();
    await empty.warmUpConnections();
    expect(connections).not.toHaveBeenCalled();

    setNetworkRoute({ ...DIRECT_ROUTE, proxy: 'http://proxy.corp.invalid:3128' });
    const { store } = await configuredStore();
    await new Verifier({ store, timeoutMs: () => 10_000 }).warmUpConnections();
    expect(connections).not.toHaveBeenCalled();
  });
});
