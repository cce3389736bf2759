import { kindOfId, type ProviderId } from '../providers/kinds';
import type { CredentialStore } from '../store/credentialStore';
import type { ModelChoiceStore } from '../store/modelChoiceStore';
import type { VerifyResult } from '../verify/result';
import { defaultChatModels } from './defaultChatModels';
import { choicesAfterUserEdit, choicesAfterVerify, type AfterVerify } from './modelChoices';

/**
 * Which verified models are in the chat model picker: the default set after the first
 * successful Verify, the user's ticks and unticks, and models offered when they appear later.
 */
export class ChatModelSelection {
  constructor(
    private readonly store: Pick<CredentialStore, 'enabledModels' | 'setEnabledModels' | 'rawSettings'>,
    private readonly choices: ModelChoiceStore,
  ) {}

  /** After a successful Verify of the stored configuration: enables what it should, remembers what it saw. */
  async afterVerify(result: VerifyResult): Promise<AfterVerify | undefined> {
    if (!result.ok || !result.models.length) return undefined;
    const id = result.providerId as ProviderId;
    const kind = kindOfId(id);
    const listed = result.models.map((m) => m.id);
    const configured = kind === 'azure' ? listed : kind === 'compatible' ? configuredIds(this.store.rawSettings(id)) : [];
    const enabled = this.store.enabledModels(id);
    const next = choicesAfterVerify({ listed, defaults: defaultChatModels(kind, result.models, { configuredIds: configured }), configured, enabled, choices: this.choices.get(id) });
    if (next.enabled.length !== enabled.length) await this.store.setEnabledModels(id, next.enabled);
    await this.choices.set(id, next.choices);
    return next;
  }

  /** The user's own ticks: an unticked model is never enabled again by a Verify. */
  async setEnabled(id: ProviderId, models: string[]): Promise<void> {
    const previous = this.store.enabledModels(id);
    await this.store.setEnabledModels(id, models);
    await this.choices.set(id, choicesAfterUserEdit(previous, models, this.choices.get(id)));
  }

  offered(id: ProviderId): string[] {
    return this.choices.get(id)?.offered ?? [];
  }

  /** "Add to chat" on the new-models offer. */
  async addOffered(id: ProviderId): Promise<string[]> {
    const offered = this.offered(id);
    if (offered.length) await this.setEnabled(id, [...this.store.enabledModels(id), ...offered]);
    return offered;
  }

  /** "Dismiss": the offered models stay one click away in the list, unticked. */
  async dismissOffered(id: ProviderId): Promise<void> {
    const choices = this.choices.get(id);
    if (choices) await this.choices.set(id, { ...choices, offered: [] });
  }

  /** The provider was removed: a later setup starts over with the defaults. */
  async forget(id: ProviderId): Promise<void> {
    await this.choices.set(id, undefined);
  }
}

function configuredIds(settings: Record<string, unknown> | undefined): string[] {
  const models = settings?.models;
  return Array.isArray(models) ? models.filter((m): m is string => typeof m === 'string') : [];
}
