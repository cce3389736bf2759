import type { ProviderId } from '../core/providers/kinds';
import type { ErrorFix } from '../core/errors/errorKind';
import type { VerifyResult } from '../core/verify/result';
import { testModel } from '../core/verify/testModel';
import { verifyChange, type ChangeOutcome } from '../core/verify/verifyChange';
import type { ToHost } from '../protocol/messages';
import type { ModelsControllerDeps } from './modelsController';
import { typedSecrets } from './modelsPageInput';
import type { ModelsPageView } from './modelsPageView';

export type SaveInput = Extract<ToHost, { type: 'save' | 'verify' }>;

type CheckDeps = Pick<ModelsControllerDeps, 'store' | 'verifier' | 'selection' | 'log' | 'refreshChatModels' | 'announceReady'>;

/**
 * The page's Save and Verify: a typed configuration is staged, checked, and swapped in only when
 * the check succeeds (`verifyChange`), and the outcome lands on the provider's section.
 */
export class SaveAndVerify {
  constructor(
    private readonly deps: CheckDeps,
    private readonly page: ModelsPageView,
  ) {}

  async save(message: SaveInput): Promise<void> {
    const id = message.providerId;
    const outcome = await this.deps.store.save(id, message.settings, typedSecrets(message.secrets));
    this.page.post({ type: 'saved', providerId: id, ok: outcome.ok, fieldErrors: outcome.ok ? {} : outcome.fieldErrors });
    if (!outcome.ok) return;
    this.page.unsavedResults.delete(id);
    this.deps.refreshChatModels();
    await this.page.refreshProvider(id);
  }

  /**
   * Verifies what the form holds: stage → verify → commit or discard (`verifyChange`), so a failed
   * check leaves the working configuration, its result and its chat models exactly as they were.
   */
  async verifyForm(message: SaveInput): Promise<void> {
    await this.verifyChanged(message.providerId, { settings: message.settings, secrets: typedSecrets(message.secrets) });
  }

  /** The page's Verify and Rotate key: one operation, the outcome shown the same way. */
  async verifyChanged(id: ProviderId, change: Parameters<typeof verifyChange>[3], options: Parameters<typeof verifyChange>[4] = {}): Promise<ChangeOutcome> {
    const { page } = this;
    const typed = change && change !== 'staged';
    let checking = false;
    try {
      const outcome = await verifyChange(this.deps.store, this.deps.verifier, id, change, {
        ...options,
        // The typed values are valid and staged: the form hears so at once, the page shows the check running.
        onCheck: async () => {
          checking = true;
          if (typed) page.post({ type: 'saved', providerId: id, ok: true, fieldErrors: {} });
          page.verifying.add(id);
          await page.refreshProvider(id);
        },
      });
      if (outcome.status === 'invalid') page.post({ type: 'saved', providerId: id, ok: false, fieldErrors: outcome.fieldErrors });
      if (outcome.status !== 'checked') return outcome;
      const { result, staged, swapped } = outcome;
      // A failed check of typed values is shown as such; the stored configuration's result stays.
      if (staged && !result.ok) page.unsavedResults.set(id, result);
      else page.unsavedResults.delete(id);
      if (swapped) this.deps.refreshChatModels();
      if (result.ok) await this.verified(result);
      return outcome;
    } finally {
      if (checking) {
        page.verifying.delete(id);
        await page.refreshProvider(id);
      }
    }
  }

  async verifyStored(id: ProviderId): Promise<void> {
    await this.verifyChanged(id, undefined);
  }

  /** The user just allowed the key to go to the new endpoint: check it there right away. */
  async confirmEndpoint(id: ProviderId): Promise<void> {
    // Staged settings move it there only if that check succeeds.
    if (this.deps.store.stagedSettings(id)) return void (await this.verifyChanged(id, 'staged', { endpointConfirmed: true }));
    await this.deps.store.confirmEndpoint(id);
    return this.verifyStored(id);
  }

  async verifyAll(): Promise<void> {
    const { store } = this.deps;
    const ids = (await store.snapshot()).filter((p) => p.configured).map((p) => p.id);
    await Promise.all(ids.map((id) => this.verifyStored(id)));
    // One line for the whole run: the sections say the details, this says whether to look.
    const after = await Promise.all(ids.map((id) => store.snapshotOf(id)));
    const failed = after.filter((p) => !p.lastResult?.ok).map((p) => p.displayName);
    this.page.post({ type: 'notice', code: 'verifiedAll', verified: after.length - failed.length, failed });
  }

  /** The provider's check plus a tiny call to one model; the model's outcome lands on its row. */
  async testModel(id: ProviderId, modelId: string): Promise<void> {
    await this.page.whileVerifying(id, async () => {
      const result = await testModel(this.deps.store, this.deps.verifier, id, modelId);
      if (!result) return;
      this.page.unsavedResults.delete(id);
      this.deps.refreshChatModels();
    });
  }

  /** "Revert": what a Verify staged goes; the form shows the working settings again. */
  async revert(id: ProviderId): Promise<void> {
    await this.deps.store.discardPending(id);
    this.page.unsavedResults.delete(id);
    await this.page.refreshProvider(id);
  }

  /**
   * Applies the fix the provider's last failed check offered, and only that one: the page cannot
   * use this to send a key somewhere the check did not suggest. The new base URL is saved through
   * the normal save path. The check already reached it with the key (same origin, a path below),
   * so a key bound to the old URL moves with it; then it is verified.
   */
  async applyFix(id: ProviderId, fix: ErrorFix): Promise<void> {
    const { store } = this.deps;
    const before = await store.snapshotOf(id);
    const offered = (this.page.unsavedResults.get(id) ?? before.lastResult)?.error?.fix;
    if (!offered || offered.kind !== fix.kind || offered.baseUrl !== fix.baseUrl) {
      this.deps.log.warn('Models page: a fix was requested that the last check did not offer');
      return this.page.refreshProvider(id);
    }
    const outcome = await store.save(id, { ...before.settings, baseUrl: fix.baseUrl });
    this.page.post({ type: 'saved', providerId: id, ok: outcome.ok, fieldErrors: outcome.ok ? {} : outcome.fieldErrors });
    if (!outcome.ok) return;
    if (!before.endpointChanged) await store.confirmEndpoint(id);
    this.page.unsavedResults.delete(id);
    this.deps.refreshChatModels();
    return this.verifyStored(id);
  }

  /** A successful Verify: the default set goes into the chat picker the first time, new models are offered later. */
  private async verified(result: VerifyResult): Promise<void> {
    const id = result.providerId as ProviderId;
    const after = await this.deps.selection.afterVerify(result);
    if (!after?.justEnabled.length) return;
    this.page.justEnabled.set(id, after.justEnabled);
    this.deps.refreshChatModels();
    if (after.firstVerify) this.deps.announceReady(id, after.justEnabled);
  }
}
