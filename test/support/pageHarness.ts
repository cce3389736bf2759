import { ModelUsageReader } from '../../src/core/costs/modelUsage';
import { ChatModelSelection } from '../../src/core/models/chatModelSelection';
import { ModelChoiceStore } from '../../src/core/store/modelChoiceStore';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { Verifier, type VerifierDeps } from '../../src/core/verify/verifier';
import { ModelsController } from '../../src/host/modelsController';
import type { ProviderView, ToPage } from '../../src/protocol/messages';
import { MemoryKeyValue, MemorySecrets } from './memoryPorts';

/** The controller's editor callbacks doing nothing: for tests that look at the page's messages and the store only. */
export const idleEditorCallbacks = {
  diagnose: () => undefined,
  announceReady: () => undefined,
  refreshChatModels: () => undefined,
  useInChat: () => undefined,
  copyToClipboard: () => undefined,
  openUsage: () => undefined,
  l10nBundle: () => undefined,
};

/**
 * The Models page's host side as the editor runs it: the real controller, CredentialStore and
 * Verifier (with the real provider runtimes unless a test passes its own) over in-memory ports.
 * `posted` is everything the page was sent; `stored()` is every byte of stored state.
 */
export function pageHarness(options: { timeoutMs?: number; loadRuntime?: VerifierDeps['loadRuntime'] } = {}) {
  const secrets = new MemorySecrets();
  const settings = new MemoryKeyValue();
  const state = new MemoryKeyValue();
  const store = new CredentialStore(secrets, settings, state);
  const verifier = new Verifier({ store, timeoutMs: () => options.timeoutMs ?? 5_000, loadRuntime: options.loadRuntime });
  const posted: ToPage[] = [];
  const logs: string[] = [];
  const controller = new ModelsController({
    ...idleEditorCallbacks,
    store,
    verifier,
    usage: new ModelUsageReader({ dailySums: async () => [] }, state),
    selection: new ChatModelSelection(store, new ModelChoiceStore(state)),
    post: (m) => void posted.push(m as ToPage),
    log: { warn: (m) => void logs.push(m) },
  });
  return {
    secrets,
    settings,
    state,
    store,
    verifier,
    controller,
    posted,
    logs,
    /** Secrets, settings and globalState, serialised: equal strings mean nothing was written. */
    stored: () => JSON.stringify([[...secrets.map], settings.dump(), state.dump()]),
    /** The provider as the page shows it now (from the latest message that carried it). */
    lastView: (id: string) => latestView(posted, id),
  };
}

/** The provider as the page shows it after `posted` (from the latest message that carried it). */
export function latestView(posted: readonly ToPage[], id: string): ProviderView | undefined {
  for (let i = posted.length - 1; i >= 0; i--) {
    const m = posted[i]!;
    if (m.type === 'provider' && m.provider.id === id) return m.provider;
    if ((m.type === 'state' || m.type === 'init') && m.providers.some((p) => p.id === id)) return m.providers.find((p) => p.id === id);
  }
  return undefined;
}
