import { compatibleSettingsSchema } from '../core/providers/compatible/definition';
import { kindOfId, ProviderIdSchema, type ProviderId } from '../core/providers/kinds';
import * as z from '../core/zodMini';
import type { UsageLog } from '../core/chat/usageLog';
import type { ChatModelSelection } from '../core/models/chatModelSelection';
import type { ErrorFix } from '../core/errors/errorKind';
import { redact } from '../core/errors/redact';
import type { CredentialStore } from '../core/store/credentialStore';
import { issuesToFieldErrors, VALUE_TOO_LONG } from '../core/store/fieldErrors';
import type { VerifyResult } from '../core/verify/result';
import type { Verifier } from '../core/verify/verifier';
import { testModel } from '../core/verify/testModel';
import { verifyThenSwap } from '../core/verify/verifyThenSwap';
import { ToHostSchema, ToPageSchema, type ProviderView, type ToHost, type ToPageInput } from '../protocol/messages';

/** What the controller needs from the editor; the panel passes VS Code's, unit tests pass fakes. */
export interface ModelsControllerDeps {
  store: CredentialStore;
  verifier: Verifier;
  selection: ChatModelSelection;
  usage: Pick<UsageLog, 'forProvider' | 'forget'>;
  post(message: ToPageInput): void;
  log: { warn(message: string): void };
  refreshChatModels(): void;
  useInChat(providerId?: ProviderId, modelId?: string): PromiseLike<void> | void;
  /** "Why isn't my model in the chat picker?" for one provider (and model). */
  diagnose(providerId: ProviderId, modelId?: string): PromiseLike<void> | void;
  /** A provider's first successful Verify put these models into the chat picker: say so and offer the chat, once. */
  announceReady(providerId: ProviderId, models: string[]): void;
  copyToClipboard(text: string): PromiseLike<void> | void;
  /** Bedrock's profile choice: names of the profiles in the AWS config files. */
  awsProfileNames?(): Promise<string[]>;
  /** This editor's name and version when its chat cannot use BYOK models (see HostServices). */
  editorWithoutChat?: string;
  /** The editor keeps secret storage in the browser (a web editor): a key saved in another browser is not here. */
  keysInBrowser?: boolean;
  /** The l10n bundle for the page (`vscode.l10n.bundle`); undefined means English. */
  l10nBundle(): Record<string, string> | undefined;
}

export const MALFORMED_MESSAGE_LOG = 'Rejected a malformed message from the Models page';

type SaveInput = Extract<ToHost, { type: 'save' | 'verify' }>;

/**
 * The Models page's message handling, free of `vscode` so it can be tested against in-memory ports.
 * Every inbound message is parsed first; every outbound one is parsed too, which strips anything
 * not in the protocol (so nothing but `{present, last4}` about a secret can reach the page).
 */
export class ModelsController {
  private readonly verifying = new Set<ProviderId>();
  /** Failed checks of staged (unsaved) keys: shown on the page, never persisted. */
  private readonly unsavedResults = new Map<ProviderId, VerifyResult>();
  /** Models the last Verify put into the chat picker, for the page's note until the user changes the list. */
  private readonly justEnabled = new Map<ProviderId, string[]>();
  /** The first state, read while the webview boots so `ready` is answered without waiting on storage. */
  private prefetched: Promise<ProviderView[]> | undefined;

  constructor(private readonly deps: ModelsControllerDeps) {}

  async handle(raw: unknown): Promise<void> {
    const parsed = ToHostSchema.safeParse(raw);
    if (!parsed.success) {
      // The content may hold a key: log that it happened, never what it was.
      this.deps.log.warn(MALFORMED_MESSAGE_LOG);
      const tooLong = tooLongFields(raw, parsed.error);
      if (tooLong) return this.post({ type: 'saved', providerId: tooLong.providerId, ok: false, fieldErrors: tooLong.fieldErrors });
      this.post({ type: 'notice', code: 'rejected' });
      return;
    }
    try {
      await this.apply(parsed.data);
    } catch (err) {
      // The editor refused a write (settings.json with errors or unsaved changes, a locked
      // keychain): say so with its reason and show what is really stored. Never thrown away.
      this.deps.log.warn(`Models page: a change was not saved (${err instanceof Error ? err.name : 'error'})`);
      this.post({ type: 'notice', code: 'notSaved', detail: redact(err instanceof Error ? err.message : String(err), secretsIn(parsed.data)) });
      await this.refreshAll();
    }
  }

  private async apply(message: ToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.post({
          type: 'init',
          l10n: this.deps.l10nBundle() ?? {},
          providers: await this.takePrefetched(),
          editorWithoutChat: this.deps.editorWithoutChat,
          keysInBrowser: this.deps.keysInBrowser,
        });
      case 'save':
        return this.save(message);
      case 'verify':
        return this.verifyForm(message);
      case 'verifyAll':
        return this.verifyAll();
      case 'testModel':
        return this.testModel(message.providerId, message.modelId);
      case 'cancelVerify':
        return this.deps.verifier.cancel(message.providerId);
      case 'remove':
        return this.remove(message.providerId);
      case 'addCompatible':
        return this.addCompatible(message.name, message.baseUrl);
      case 'confirmEndpoint':
        // The user just allowed the key to go to the new endpoint: check it there right away.
        // Staged settings move it there only if that check succeeds.
        if (this.deps.store.stagedSettings(message.providerId)) return this.verifyStaged(message.providerId, true);
        await this.deps.store.confirmEndpoint(message.providerId);
        return this.verifyStored(message.providerId);
      case 'revert':
        return this.revert(message.providerId);
      case 'applyFix':
        return this.applyFix(message.providerId, message.fix);
      case 'setEnabledModels':
        await this.deps.selection.setEnabled(message.providerId, message.models);
        return this.modelsChanged(message.providerId);
      case 'addOfferedModels':
        await this.deps.selection.addOffered(message.providerId);
        return this.modelsChanged(message.providerId);
      case 'dismissOfferedModels':
        await this.deps.selection.dismissOffered(message.providerId);
        return this.refreshProvider(message.providerId);
      case 'useInChat':
        return this.useInChat(message.providerId, message.modelId);
      case 'diagnose':
        return void (await this.deps.diagnose(message.providerId, message.modelId));
      case 'copy':
        await this.deps.copyToClipboard(message.text);
        return this.post({ type: 'notice', code: 'copied' });
    }
  }

  /** "Chat" on a model row opens that model: one not ticked yet is ticked first (the user chose it). */
  private async useInChat(providerId?: ProviderId, modelId?: string): Promise<void> {
    if (providerId && modelId && !this.deps.store.enabledModels(providerId).includes(modelId)) {
      await this.deps.selection.setEnabled(providerId, [...this.deps.store.enabledModels(providerId), modelId]);
      await this.modelsChanged(providerId);
    }
    await this.deps.useInChat(providerId, modelId);
  }

  private async modelsChanged(id: ProviderId): Promise<void> {
    this.justEnabled.delete(id);
    this.deps.refreshChatModels();
    await this.refreshProvider(id);
  }

  /** A successful Verify: the default set goes into the chat picker the first time, new models are offered later. */
  private async verified(result: VerifyResult): Promise<void> {
    const id = result.providerId as ProviderId;
    const after = await this.deps.selection.afterVerify(result);
    if (!after?.justEnabled.length) return;
    this.justEnabled.set(id, after.justEnabled);
    this.deps.refreshChatModels();
    if (after.firstVerify) this.deps.announceReady(id, after.justEnabled);
  }

  /** Sends every provider again (settings or secrets changed outside the page). */
  async refreshAll(): Promise<void> {
    this.post({ type: 'state', providers: await this.views() });
  }

  async refreshProvider(id: ProviderId): Promise<void> {
    if (!this.deps.store.providerIds().includes(id)) return this.refreshAll();
    this.post({ type: 'provider', provider: await this.view(id) });
  }

  private post(message: ToPageInput): void {
    this.deps.post(ToPageSchema.parse(message));
  }

  /** Starts reading the page's state (secrets, results, settings) before the page asks for it. */
  prefetch(): void {
    this.prefetched = this.views();
    this.prefetched.catch(() => undefined); // a failure surfaces when `ready` awaits it
  }

  private takePrefetched(): Promise<ProviderView[]> {
    const views = this.prefetched ?? this.views();
    this.prefetched = undefined;
    return views;
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
      usage: this.deps.usage.forProvider(id),
      modelsJustEnabled: this.justEnabled.get(id),
      modelsOffered: this.deps.selection.offered(id),
      awsProfiles: snapshot.kind === 'bedrock' ? await this.deps.awsProfileNames?.() : undefined,
    };
  }

  private async save(message: SaveInput): Promise<void> {
    const id = message.providerId;
    const outcome = await this.deps.store.save(id, message.settings, typedSecrets(message.secrets));
    this.post({ type: 'saved', providerId: id, ok: outcome.ok, fieldErrors: outcome.ok ? {} : outcome.fieldErrors });
    if (!outcome.ok) return;
    this.unsavedResults.delete(id);
    this.deps.refreshChatModels();
    await this.refreshProvider(id);
  }

  /**
   * Verifies what the form holds. Changed settings and newly typed secrets are staged and replace
   * the working ones only if the check succeeds (verify-then-swap, `verifyThenSwap`), so a failed
   * check leaves the working configuration, its result and its chat models exactly as they were.
   */
  private async verifyForm(message: SaveInput): Promise<void> {
    const id = message.providerId;
    const { store } = this.deps;
    const outcome = await store.save(id, message.settings, typedSecrets(message.secrets), { pending: true });
    this.post({ type: 'saved', providerId: id, ok: outcome.ok, fieldErrors: outcome.ok ? {} : outcome.fieldErrors });
    if (!outcome.ok) return;
    if (!(await store.hasPending(id))) return this.verifyStored(id);
    return this.verifyStaged(id);
  }

  private async verifyStaged(id: ProviderId, endpointConfirmed = false): Promise<void> {
    await this.whileVerifying(id, async () => {
      const result = await verifyThenSwap(this.deps.store, this.deps.verifier, id, { endpointConfirmed });
      if (!result) return; // superseded by a newer check
      if (result.ok) {
        this.unsavedResults.delete(id);
        this.deps.refreshChatModels();
        await this.verified(result);
      } else {
        this.unsavedResults.set(id, result);
      }
    });
  }

  /** "Revert": what a Verify staged goes; the form shows the working settings again. */
  private async revert(id: ProviderId): Promise<void> {
    await this.deps.store.discardPending(id);
    this.unsavedResults.delete(id);
    await this.refreshProvider(id);
  }

  private async verifyStored(id: ProviderId): Promise<void> {
    await this.whileVerifying(id, async () => {
      const result = await this.deps.verifier.verify(id);
      if (result) this.unsavedResults.delete(id);
      if (result?.ok) await this.verified(result);
    });
  }

  /** The provider's check plus a tiny call to one model; the model's outcome lands on its row. */
  private async testModel(id: ProviderId, modelId: string): Promise<void> {
    await this.whileVerifying(id, async () => {
      const result = await testModel(this.deps.store, this.deps.verifier, id, modelId);
      if (!result) return;
      this.unsavedResults.delete(id);
      this.deps.refreshChatModels();
    });
  }

  /**
   * Applies the fix the provider's last failed check offered, and only that one: the page cannot
   * use this to send a key somewhere the check did not suggest. The new base URL is saved through
   * the normal save path. The check already reached it with the key (same origin, a path below),
   * so a key bound to the old URL moves with it; then it is verified.
   */
  private async applyFix(id: ProviderId, fix: ErrorFix): Promise<void> {
    const { store } = this.deps;
    const before = await store.snapshotOf(id);
    const offered = (this.unsavedResults.get(id) ?? before.lastResult)?.error?.fix;
    if (!offered || offered.kind !== fix.kind || offered.baseUrl !== fix.baseUrl) {
      this.deps.log.warn('Models page: a fix was requested that the last check did not offer');
      return this.refreshProvider(id);
    }
    const outcome = await store.save(id, { ...before.settings, baseUrl: fix.baseUrl });
    this.post({ type: 'saved', providerId: id, ok: outcome.ok, fieldErrors: outcome.ok ? {} : outcome.fieldErrors });
    if (!outcome.ok) return;
    if (!before.endpointChanged) await store.confirmEndpoint(id);
    this.unsavedResults.delete(id);
    this.deps.refreshChatModels();
    return this.verifyStored(id);
  }

  private async verifyAll(): Promise<void> {
    const ids = (await this.deps.store.snapshot()).filter((p) => p.configured).map((p) => p.id);
    await Promise.all(ids.map((id) => this.verifyStored(id)));
    // One line for the whole run: the sections say the details, this says whether to look.
    const after = await Promise.all(ids.map((id) => this.deps.store.snapshotOf(id)));
    const failed = after.filter((p) => !p.lastResult?.ok).map((p) => p.displayName);
    this.post({ type: 'notice', code: 'verifiedAll', verified: after.length - failed.length, failed });
  }

  private async whileVerifying(id: ProviderId, run: () => Promise<void>): Promise<void> {
    this.verifying.add(id);
    await this.refreshProvider(id);
    try {
      await run();
    } finally {
      this.verifying.delete(id);
      await this.refreshProvider(id);
    }
  }

  private async remove(id: ProviderId): Promise<void> {
    this.deps.verifier.cancel(id);
    await this.deps.store.remove(id);
    await this.deps.usage.forget(id);
    await this.deps.selection.forget(id);
    this.unsavedResults.delete(id);
    this.justEnabled.delete(id);
    this.deps.refreshChatModels();
    await this.refreshAll();
  }

  private async addCompatible(name: string, baseUrl: string): Promise<void> {
    const parsed = z.pick(compatibleSettingsSchema, { name: true, baseUrl: true }).safeParse({ name, baseUrl });
    if (!parsed.success) {
      return this.post({ type: 'saved', providerId: 'new', ok: false, fieldErrors: issuesToFieldErrors(parsed.error) });
    }
    const added = await this.deps.store.addCompatible(parsed.data.name, parsed.data.baseUrl);
    if (!added.ok) return this.post({ type: 'saved', providerId: 'new', ok: false, fieldErrors: added.fieldErrors });
    const id = added.id;
    if (kindOfId(id) !== 'compatible') return;
    this.post({ type: 'saved', providerId: 'new', ok: true, fieldErrors: {} });
    await this.refreshAll();
    this.post({ type: 'added', providerId: id });
  }
}

/**
 * A Save or Verify refused only because values are longer than any key or setting (a paste
 * accident): the fields to mark, so the page says where instead of a page-wide "rejected".
 */
function tooLongFields(raw: unknown, error: z.core.$ZodError): { providerId: ProviderId; fieldErrors: Record<string, string> } | undefined {
  const message = raw as { type?: unknown; providerId?: unknown };
  if ((message?.type !== 'save' && message?.type !== 'verify') || !ProviderIdSchema.safeParse(message.providerId).success) return undefined;
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const [group, field] = issue.path;
    if (issue.code !== 'too_big' || (group !== 'secrets' && group !== 'settings') || typeof field !== 'string') return undefined;
    fieldErrors[field] = VALUE_TOO_LONG.message;
  }
  return Object.keys(fieldErrors).length ? { providerId: message.providerId as ProviderId, fieldErrors } : undefined;
}

/** Values typed into secret fields of a message, to be kept out of any text shown or logged. */
function secretsIn(message: ToHost): string[] {
  return 'secrets' in message ? Object.values(message.secrets) : [];
}

/** An empty secret field means "keep the stored one", so only typed values are written. */
function typedSecrets(secrets: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== ''));
}
