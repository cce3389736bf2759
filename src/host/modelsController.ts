import { compatibleSettingsSchema } from '../core/providers/compatible/definition';
import { kindOfId, type ProviderId } from '../core/providers/kinds';
import * as z from '../core/zodMini';
import type { NoChat } from '../core/chat/chatReach';
import type { ModelUsageReader } from '../core/costs/modelUsage';
import type { ChatModelSelection } from '../core/models/chatModelSelection';
import { redact } from '../core/errors/redact';
import type { CredentialStore } from '../core/store/credentialStore';
import { issuesToFieldErrors } from '../core/store/fieldErrors';
import type { Verifier } from '../core/verify/verifier';
import { ToHostSchema, ToPageSchema, type ToHost, type ToPage, type ToPageInput } from '../protocol/messages';
import { KeyRotationPage } from './keyRotationPage';
import { secretsIn, tooLongFields } from './modelsPageInput';
import { ModelsPageView } from './modelsPageView';
import { SaveAndVerify, type SaveInput } from './saveAndVerify';
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

/**
 * The Models page's message handling, free of `vscode` so it can be tested against in-memory ports.
 * Every inbound message is parsed first; every outbound one is parsed too (`ModelsPageView.post`),
 * which strips anything not in the protocol (so nothing but `{present, last4}` about a secret can
 * reach the page). Save and Verify, and Rotate key, have their own modules; this routes to them.
 */
export class ModelsController {
  private readonly page: ModelsPageView;
  private readonly checks: SaveAndVerify;
  private readonly rotation: KeyRotationPage;
  /** A section to show once the page has its first state (the page asks with `ready`). */
  private pendingShow: { providerId: ProviderId; action?: 'rotate' | 'verify' } | undefined;
  private pageReady = false;

  constructor(private readonly deps: ModelsControllerDeps) {
    this.page = new ModelsPageView(deps);
    this.checks = new SaveAndVerify(deps, this.page);
    this.rotation = new KeyRotationPage(deps, this.page, this.checks);
  }

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
    const { checks, rotation } = this;
    switch (message.type) {
      case 'ready':
        return this.ready();
      case 'teamSetupAccept':
      case 'teamSetupDismiss':
      case 'exportConfiguration':
      case 'importConfiguration':
      case 'listEnvironmentKeys':
        return this.deps.team?.handle(message, this.teamPage);
      case 'importEnvironmentKey': {
        // Verified like a typed key: staged, checked, stored only when it works.
        const form = await this.deps.team?.environmentImport(message.ref);
        if (form) return checks.verifyForm({ type: 'verify', providerId: form.providerId, settings: form.settings as SaveInput['settings'], secrets: form.secrets });
        return;
      }
      case 'save':
        return checks.save(message);
      case 'verify':
        return checks.verifyForm(message);
      case 'rotateKey':
        return rotation.rotateKey(message.providerId, message.secrets);
      case 'setFallbackKey':
        return rotation.setFallbackKey(message.providerId, message.value);
      case 'removeFallbackKey':
        return rotation.removeFallbackKey(message.providerId);
      case 'dismissRotation':
        return rotation.dismissRotation(message.providerId);
      case 'verifyAll':
        return checks.verifyAll();
      case 'testModel':
        return checks.testModel(message.providerId, message.modelId);
      case 'cancelVerify':
        return this.deps.verifier.cancel(message.providerId);
      case 'remove':
        return this.remove(message.providerId);
      case 'addCompatible':
        return this.addCompatible(message.name, message.baseUrl);
      case 'confirmEndpoint':
        return checks.confirmEndpoint(message.providerId);
      case 'revert':
        return checks.revert(message.providerId);
      case 'applyFix':
        return checks.applyFix(message.providerId, message.fix);
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
   * The page's first state, for its HTML (read before the page exists, from what `prefetch`
   * started). The page still sends `ready`, and is sent the state as it is then.
   */
  async initialState(): Promise<Extract<ToPage, { type: 'init' }>> {
    // Parsed like every message to the page: what is not in the protocol is stripped.
    return ToPageSchema.parse({
      type: 'init',
      l10n: this.deps.l10nBundle() ?? {},
      providers: await this.page.takePrefetched(),
      editorWithoutChat: this.deps.noChat?.editor,
      chatMissing: this.deps.noChat?.reason,
      keysInBrowser: this.deps.keysInBrowser,
    }) as Extract<ToPage, { type: 'init' }>;
  }

  /**
   * The page booted: its state (again, when its HTML carried one: settings, keys or a Verify may
   * have changed since, or the page was reloaded from that HTML), then its parts (team setup,
   * utility models), then a section it was opened for.
   */
  private async ready(): Promise<void> {
    this.post(await this.initialState());
    this.pageReady = true;
    const waiting = this.pendingShow;
    this.pendingShow = undefined;
    await this.deps.team?.show(this.teamPage);
    await this.deps.utility?.show(this.teamPage.post);
    return waiting && this.show(waiting.providerId, waiting.action);
  }

  /**
   * Opens a provider's section (a rotation reminder, a key refused in chat): with Rotate key
   * unfolded, or with its stored configuration verified again.
   */
  async show(providerId: ProviderId, action?: 'rotate' | 'verify'): Promise<void> {
    if (!this.deps.store.providerIds().includes(providerId)) return;
    if (!this.pageReady) return void (this.pendingShow = { providerId, action });
    this.post({ type: 'show', providerId, rotate: action === 'rotate' });
    if (action === 'verify') await this.checks.verifyStored(providerId);
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
    this.page.justEnabled.delete(id);
    this.deps.refreshChatModels();
    await this.refreshProvider(id);
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
    await this.page.refreshAll();
  }

  async refreshProvider(id: ProviderId): Promise<void> {
    await this.page.refreshProvider(id);
  }

  /** Starts reading the page's state (secrets, results, settings) before the page asks for it. */
  prefetch(): void {
    this.page.prefetch();
  }

  private post(message: ToPageInput): void {
    this.page.post(message);
  }

  private async remove(id: ProviderId): Promise<void> {
    this.deps.verifier.cancel(id);
    await this.deps.store.remove(id);
    await this.deps.usage.forget(id);
    await this.deps.selection.forget(id);
    this.page.unsavedResults.delete(id);
    this.page.justEnabled.delete(id);
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
