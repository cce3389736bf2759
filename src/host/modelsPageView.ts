import type { ProviderId } from '../core/providers/kinds';
import type { VerifyResult } from '../core/verify/result';
import { ToPageSchema, type ProviderView, type RotationView, type ToPageInput } from '../protocol/messages';
import type { ModelsControllerDeps } from './modelsController';

type ViewDeps = Pick<ModelsControllerDeps, 'store' | 'verifier' | 'selection' | 'usage' | 'post' | 'awsProfileNames'>;

/**
 * What the Models page shows of each provider: the stored snapshot plus what lives only while the
 * page is open (checks running, failed checks of unsaved keys, a rotation's checklist), and the
 * one way out to the page, where every message is parsed (which strips anything not in the protocol).
 */
export class ModelsPageView {
  readonly verifying = new Set<ProviderId>();
  /** Failed checks of staged (unsaved) keys: shown on the page, never persisted. */
  readonly unsavedResults = new Map<ProviderId, VerifyResult>();
  /** Models the last Verify put into the chat picker, for the page's note until the user changes the list. */
  readonly justEnabled = new Map<ProviderId, string[]>();
  /** The checklist after a rotation (revoke the old key, the new key's test call), until the page is closed. */
  readonly rotations = new Map<ProviderId, RotationView>();
  /** The first state, read while the webview boots so `ready` is answered without waiting on storage. */
  private prefetched: Promise<ProviderView[]> | undefined;

  constructor(private readonly deps: ViewDeps) {}

  post(message: ToPageInput): void {
    this.deps.post(ToPageSchema.parse(message));
  }

  /** Sends every provider again (settings or secrets changed outside the page). */
  async refreshAll(): Promise<void> {
    this.post({ type: 'state', providers: await this.views() });
  }

  async refreshProvider(id: ProviderId): Promise<void> {
    if (!this.deps.store.providerIds().includes(id)) return this.refreshAll();
    this.post({ type: 'provider', provider: await this.view(id) });
  }

  /** Starts reading the page's state (secrets, results, settings) before the page asks for it. */
  prefetch(): void {
    this.prefetched = this.views();
    this.prefetched.catch(() => undefined); // a failure surfaces when `ready` awaits it
  }

  takePrefetched(): Promise<ProviderView[]> {
    const views = this.prefetched ?? this.views();
    this.prefetched = undefined;
    return views;
  }

  /** The section shows a check running while `run` does its work. */
  async whileVerifying(id: ProviderId, run: () => Promise<void>): Promise<void> {
    this.verifying.add(id);
    await this.refreshProvider(id);
    try {
      await run();
    } finally {
      this.verifying.delete(id);
      await this.refreshProvider(id);
    }
  }

  private async views(): Promise<ProviderView[]> {
    return Promise.all(this.deps.store.providerIds().map((id) => this.view(id)));
  }

  private async view(id: ProviderId): Promise<ProviderView> {
    const snapshot = await this.deps.store.snapshotOf(id);
    const unsaved = this.unsavedResults.get(id);
    const stored = snapshot.lastResult;
    // A failed check of typed values is news only if nothing was verified after it.
    const rejectedDraft = unsaved && (!stored || unsaved.verifiedAt >= stored.verifiedAt) ? unsaved : undefined;
    return {
      ...snapshot,
      rejectedDraft,
      verifying: this.verifying.has(id) || this.deps.verifier.isVerifying(id),
      usage: await this.deps.usage.forProvider(id),
      modelsJustEnabled: this.justEnabled.get(id),
      rotation: this.rotations.get(id),
      modelsOffered: this.deps.selection.offered(id),
      awsProfiles: snapshot.kind === 'bedrock' ? await this.deps.awsProfileNames?.() : undefined,
    };
  }
}
