import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageLedger } from '../../src/core/costs/ledger';
import { ModelUsageReader } from '../../src/core/costs/modelUsage';
import { providerError } from '../../src/core/errors/providerError';
import { ChatModelSelection } from '../../src/core/models/chatModelSelection';
import type { CallContext, ProviderRuntime } from '../../src/core/providers/types';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { ModelChoiceStore } from '../../src/core/store/modelChoiceStore';
import { text } from '../../src/core/text';
import type { VerifyOutcome } from '../../src/core/verify/result';
import { Verifier } from '../../src/core/verify/verifier';
import { ModelsController } from '../../src/host/modelsController';
import type { ProviderView, ToPage } from '../../src/protocol/messages';
import { MemoryKeyValue, MemorySecrets } from './memoryPorts';
import { latestView } from './pageHarness';

export type FakeRuntime = ProviderRuntime & { keysSeen: (string | undefined)[] };

/**
 * FAKE provider runtime, for the controller's unit tests only: the controller's own logic (what
 * is stored, what the page is told) is under test there, not a provider. Real providers are
 * tested against the simulator in test/integration.
 */
export function fakeRuntime(outcome: (ctx: CallContext) => VerifyOutcome): FakeRuntime {
  const runtime = {
    keysSeen: [] as (string | undefined)[],
    async verify(ctx: CallContext) {
      runtime.keysSeen.push(ctx.secrets.apiKey);
      return outcome(ctx);
    },
    async *streamChat() {},
    async countTokens() {
      return 0;
    },
  };
  return runtime;
}

export const rejectedOutcome = (): VerifyOutcome => ({
  ok: false,
  stages: [{ id: 'key', ok: false, label: text('API key checked'), latencyMs: 3 }],
  proven: {},
  models: [],
  error: providerError('invalid_key', { provider: 'OpenAI', status: 401, message: 'Incorrect API key provided' }),
});
export const rejectsEveryKey = () => fakeRuntime(rejectedOutcome);

export const acceptedOutcome = (): VerifyOutcome => ({
  ok: true,
  stages: [{ id: 'models', ok: true, label: text('Listed {0} models', 2), latencyMs: 3 }],
  proven: { keyValid: true, modelsVisible: 2 },
  models: [{ id: 'gpt-4o', contextWindow: 128000 }, { id: 'gpt-4o-mini' }],
});
export const acceptsEveryKey = () => fakeRuntime(acceptedOutcome);

export const STORED_KEY = 'sk-proj-STOREDkey0000000000001111';
export const NEW_KEY = 'sk-proj-NEWkey99999999999999992222';

/**
 * The Models page's controller with the real store and verifier over in-memory ports, a FAKE
 * provider runtime (replace `runtime` to change what the next check answers; it starts rejecting
 * every key), a usage ledger in a fresh folder, and editor callbacks that record what they were asked.
 */
export function modelsControllerHost() {
  const secrets = new MemorySecrets();
  const settings = new MemoryKeyValue();
  const state = new MemoryKeyValue();
  const store = new CredentialStore(secrets, settings, state);
  const ledgerDir = mkdtempSync(path.join(tmpdir(), 'byok-page-usage-'));
  const host = {
    secrets,
    settings,
    state,
    store,
    runtime: rejectsEveryKey(),
    /** Everything the page was sent. */
    posted: [] as ToPage[],
    /** Called with each message as the page gets it (a test answers the way a user would, at that moment). */
    onPost: undefined as ((message: ToPage) => void) | undefined,
    logs: [] as string[],
    refreshes: 0,
    ledgerDir,
    usage: new ModelUsageReader(new UsageLedger(ledgerDir), state),
    useInChatAsked: [] as (string | undefined)[],
    announced: [] as { providerId: string; models: string[] }[],
    diagnosed: [] as [string, string | undefined][],
    usageOpened: 0,
    /** A verifier over the store that checks with whatever `runtime` is when it runs. */
    verifier: () => new Verifier({ store, timeoutMs: () => 1000, loadRuntime: async () => host.runtime }),
    /** The provider as the page shows it now; a test fails when the page was never told about it. */
    lastView(id: string): ProviderView {
      const view = latestView(host.posted, id);
      if (!view) throw new Error(`no view of ${id} was posted`);
      return view;
    },
  };
  const controller = new ModelsController({
    store,
    verifier: host.verifier(),
    selection: new ChatModelSelection(store, new ModelChoiceStore(state)),
    usage: host.usage,
    post: (m) => {
      host.posted.push(m as ToPage);
      host.onPost?.(m as ToPage);
    },
    log: { warn: (m) => void host.logs.push(m) },
    refreshChatModels: () => void host.refreshes++,
    useInChat: (providerId, modelId) => void host.useInChatAsked.push(modelId ? `${providerId}/${modelId}` : providerId),
    diagnose: (providerId, modelId) => void host.diagnosed.push([providerId, modelId]),
    announceReady: (providerId, models) => void host.announced.push({ providerId, models }),
    copyToClipboard: () => undefined,
    openUsage: () => void host.usageOpened++,
    l10nBundle: () => undefined,
    awsProfileNames: async () => ['default', 'dev-sso'],
  });
  // The same object the callbacks count into, so `refreshes` and the others are read live.
  return Object.assign(host, { controller });
}
