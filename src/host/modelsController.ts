import { compatibleSettingsSchema } from '../core/providers/compatible/definition';
import { kindOfId, ProviderIdSchema, type ProviderId } from '../core/providers/kinds';
import { providerDefinitions } from '../core/providers/registry';
import { officialSettings, validateSecret } from '../core/store/secretValidation';
import * as z from '../core/zodMini';
import type { NoChat } from '../core/chat/chatReach';
import type { ModelUsageReader } from '../core/costs/modelUsage';
import type { ChatModelSelection } from '../core/models/chatModelSelection';
import type { ErrorFix } from '../core/errors/errorKind';
import { redact } from '../core/errors/redact';
import type { CredentialStore } from '../core/store/credentialStore';
import { issuesToFieldErrors, VALUE_TOO_LONG } from '../core/store/fieldErrors';
import type { VerifyResult } from '../core/verify/result';
import type { Verifier } from '../core/verify/verifier';
import { testModel } from '../core/verify/testModel';
import { verifyChange, type ChangeOutcome } from '../core/verify/verifyChange';
import { rotatedSecretField } from '../core/store/keyRotation';
import { ToHostSchema, ToPageSchema, type ProviderView, type RotationView, type ToHost, type ToPageInput } from '../protocol/messages';
import type { TeamPage, TeamSetupFlow } from './teamSetupFlow';

/** What the controller needs from the editor; the panel passes VS Code's, unit tests pass fakes. */
export interface ModelsControllerDeps {
  store: CredentialStore;
  verifier: Verifier;
  selection: ChatModelSelection;
  usage: Pick<ModelUsageReader, 'forProvider' | 'forget'>;
  post(message: ToPageInput): void;
  log: { warn(message: string): void };
  refreshChatModels(): void;
  useInChat(providerId?: ProviderId, modelId?: string): PromiseLike<void> | void;
  /** "Why isn't my model in the chat picker?" for one provider (and model). */
  diagnose(providerId: ProviderId, modelId?: string): PromiseLike<void> | void;
  /** A provider's first successful Verify put these models into the chat picker: say so and offer the chat, once. */
  announceReady(providerId: ProviderId, models: string[]): void;
  copyToClipboard(text: string): PromiseLike<void> | void;
  /** The usage view: costs, and budgets to set. */
  openUsage(): void;
  /** Bedrock's profile choice: names of the profiles in the AWS config files. */
  awsProfileNames?(): Promise<string[]>;
  /** This editor's name and version, and why, when no chat here can use BYOK models (see HostServices). */
  noChat?: NoChat;
  /** The editor keeps secret storage in the browser (a web editor): a key saved in another browser is not here. */
  keysInBrowser?: boolean;
  /** The l10n bundle for the page (`vscode.l10n.bundle`); undefined means English. */
  l10nBundle(): Record<string, string> | undefined;
  /** Team setups, configuration import/export and keys from the environment. */
  team?: Pick<TeamSetupFlow, 'show' | 'handle' | 'environmentImport'>;
  /** The offer of one of the user's models for the chat's small tasks (host/utilityModels.ts). */
  utility?: {
    show(post: (message: ToPageInput) => void): Promise<void>;
    apply(chosen: { vendor: string; id: string }, post: (message: ToPageInput) => void): Promise<void>;
  };
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
  /** The checklist after a rotation (revoke the old key, the new key's test call), until the page is closed. */
  private readonly rotations = new Map<ProviderId, RotationView>();
  /** A section to show once the page has its first state (the page asks with `ready`). */
  private pendingShow: { providerId: ProviderId; action?: 'rotate' | 'verify' } | undefined;
  private pageReady = false;
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
      case 'ready': {
        this.post({
          type: 'init',
          l10n: this.deps.l10nBundle() ?? {},
          providers: await this.takePrefetched(),
          editorWithoutChat: this.deps.noChat?.editor,
          chatMissing: this.deps.noChat?.reason,
          keysInBrowser: this.deps.keysInBrowser,
        });
        this.pageReady = true;
        const waiting = this.pendingShow;
        this.pendingShow = undefined;
        await this.deps.team?.show(this.teamPage);
        await this.deps.utility?.show(this.teamPage.post);
        return waiting && this.show(waiting.providerId, waiting.action);
      }
      case 'teamSetupAccept':
      case 'teamSetupDismiss':
      case 'exportConfiguration':
      case 'importConfiguration':
      case 'listEnvironmentKeys':
        return this.deps.team?.handle(message, this.teamPage);
      case 'importEnvironmentKey': {
        // Verified like a typed key: staged, checked, stored only when it works.
        const form = await this.deps.team?.environmentImport(message.ref);
        if (form) return this.verifyForm({ type: 'verify', providerId: form.providerId, settings: form.settings as SaveInput['settings'], secrets: form.secrets });
        return;
      }
      case 'save':
        return this.save(message);
      case 'verify':
        return this.verifyForm(message);
      case 'rotateKey':
        return this.rotateKey(message.providerId, message.secrets);
      case 'setFallbackKey':
        return this.setFallbackKey(message.providerId, message.value);
      case 'removeFallbackKey':
        await this.deps.store.fallbackKeys.set(message.providerId, rotatedSecretField(message.providerId, this.deps.store.rawSettings(message.providerId)), undefined);
        return this.refreshProvider(message.providerId);
      case 'dismissRotation':
        this.rotations.delete(message.providerId);
        return this.refreshProvider(message.providerId);
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
        if (this.deps.store.stagedSettings(message.providerId)) return void (await this.verifyChanged(message.providerId, 'staged', { endpointConfirmed: true }));
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
      case 'openUsage':
        return this.deps.openUsage();
      case 'setUtilityModels':
        return this.deps.utility?.apply({ vendor: message.vendor, id: message.id }, this.teamPage.post);
    }
  }

  /**
   * Opens a provider's section (a rotation reminder, a key refused in chat): with Rotate key
   * unfolded, or with its stored configuration verified again.
   */
  async show(providerId: ProviderId, action?: 'rotate' | 'verify'): Promise<void> {
    if (!this.deps.store.providerIds().includes(providerId)) return;
    if (!this.pageReady) return void (this.pendingShow = { providerId, action });
    this.post({ type: 'show', providerId, rotate: action === 'rotate' });
    if (action === 'verify') await this.verifyStored(providerId);
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

  /** The way to the page for its parts (team setup, utility models): parsed posts, and a refresh after a part changed settings. */
  readonly teamPage: TeamPage = {
    post: (message) => this.post(message),
    refresh: async () => {
      this.deps.refreshChatModels();
      await this.refreshAll();
    },
  };

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
      usage: await this.deps.usage.forProvider(id),
      modelsJustEnabled: this.justEnabled.get(id),
      rotation: this.rotations.get(id),
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
   * Verifies what the form holds: stage → verify → commit or discard (`verifyChange`), so a failed
   * check leaves the working configuration, its result and its chat models exactly as they were.
   */
  private async verifyForm(message: SaveInput): Promise<void> {
    await this.verifyChanged(message.providerId, { settings: message.settings, secrets: typedSecrets(message.secrets) });
  }

  /** The page's Verify and Rotate key: one operation, the outcome shown the same way. */
  private async verifyChanged(id: ProviderId, change: Parameters<typeof verifyChange>[3], options: Parameters<typeof verifyChange>[4] = {}): Promise<ChangeOutcome> {
    const typed = change && change !== 'staged';
    let checking = false;
    try {
      const outcome = await verifyChange(this.deps.store, this.deps.verifier, id, change, {
        ...options,
        // The typed values are valid and staged: the form hears so at once, the page shows the check running.
        onCheck: async () => {
          checking = true;
          if (typed) this.post({ type: 'saved', providerId: id, ok: true, fieldErrors: {} });
          this.verifying.add(id);
          await this.refreshProvider(id);
        },
      });
      if (outcome.status === 'invalid') this.post({ type: 'saved', providerId: id, ok: false, fieldErrors: outcome.fieldErrors });
      if (outcome.status !== 'checked') return outcome;
      const { result, staged, swapped } = outcome;
      // A failed check of typed values is shown as such; the stored configuration's result stays.
      if (staged && !result.ok) this.unsavedResults.set(id, result);
      else this.unsavedResults.delete(id);
      if (swapped) this.deps.refreshChatModels();
      if (result.ok) await this.verified(result);
      return outcome;
    } finally {
      if (checking) {
        this.verifying.delete(id);
        await this.refreshProvider(id);
      }
    }
  }

  /**
   * Rotate key: the new key is verified against the working settings and swapped in one step
   * (answers already streaming finish on the old key). Then the checklist: revoke the old key,
   * and a tiny test call with the new key to one enabled model.
   */
  private async rotateKey(id: ProviderId, secrets: Record<string, string>): Promise<void> {
    const { store } = this.deps;
    this.rotations.delete(id);
    const settings = store.rawSettings(id) ?? {};
    const outcome = await this.verifyChanged(id, { settings, secrets: typedSecrets(secrets) }, { newSecretRequired: rotatedSecretField(id, settings) });
    if (outcome.status !== 'checked' || !outcome.swapped) return;
    const modelId = store.enabledModels(id)[0];
    this.rotations.set(id, { rotatedAt: outcome.result.verifiedAt, modelId, modelTest: modelId ? 'running' : undefined });
    await this.refreshProvider(id);
    if (!modelId) return;
    const tested = await testModel(store, this.deps.verifier, id, modelId);
    const row = tested?.modelResults?.[modelId];
    this.rotations.set(id, { rotatedAt: outcome.result.verifiedAt, modelId, modelTest: row?.ok ? 'ok' : 'failed' });
    this.deps.refreshChatModels();
    await this.refreshProvider(id);
  }

  /**
   * The fallback key is checked with the working settings before it is kept; a key that fails is
   * not stored, and the message says why. `saved` answers with the field `fallbackKey`.
   */
  private async setFallbackKey(id: ProviderId, value: string): Promise<void> {
    const { store, verifier } = this.deps;
    const field = rotatedSecretField(id, store.rawSettings(id));
    const spec = providerDefinitions[kindOfId(id)].secretFields.find((f) => f.id === field)!;
    const checked = validateSecret(spec, value, store.rawSettings(id)?.baseUrl, officialSettings(providerDefinitions[kindOfId(id)]).baseUrl);
    if ('error' in checked) return this.post({ type: 'saved', providerId: id, ok: false, fieldErrors: { fallbackKey: checked.error } });
    await this.whileVerifying(id, async () => {
      const result = await verifier.verify(id, { fallbackKey: { field, value: checked.value } });
      if (!result) return;
      if (result.ok) await store.fallbackKeys.set(id, field, checked.value);
      this.post({ type: 'saved', providerId: id, ok: result.ok, fieldErrors: result.ok ? {} : { fallbackKey: result.error?.message ?? 'Verification failed' } });
    });
  }

  /** "Revert": what a Verify staged goes; the form shows the working settings again. */
  private async revert(id: ProviderId): Promise<void> {
    await this.deps.store.discardPending(id);
    this.unsavedResults.delete(id);
    await this.refreshProvider(id);
  }

  private async verifyStored(id: ProviderId): Promise<void> {
    await this.verifyChanged(id, undefined);
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
  if (message.type === 'setFallbackKey') return [message.value];
  return 'secrets' in message ? Object.values(message.secrets) : [];
}

/** An empty secret field means "keep the stored one", so only typed values are written. */
function typedSecrets(secrets: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== ''));
}
