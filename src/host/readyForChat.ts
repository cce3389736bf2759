import * as vscode from 'vscode';
import type { ProviderId } from '../core/providers/kinds';
import { kindOfId } from '../core/providers/kinds';
import { providerDefinitions } from '../core/providers/registry';
import { disabledByTeam } from '../core/teamSetup/teamRules';
import { announceWithoutChatView } from './editorChat';
import type { HostServices } from './services';
import { teamRulesInForce } from './teamSetup';
import { hasOwnModelGroup, useInChat, vendorDisplayName } from './useInChat';

/**
 * After a provider's first successful Verify put models into the chat picker: one message that
 * says which, with one action that takes the user to a working chat. When the editor still needs
 * our model group (chat without a GitHub account), the message says that "Open Chat" adds it, so
 * the action needs no second dialog.
 */
export async function announceReadyForChat(services: HostServices, providerId: ProviderId, modelIds: string[]): Promise<void> {
  // A provider the team setup does not allow is not in the picker: its section says why.
  if (disabledByTeam(await teamRulesInForce(services.context), kindOfId(providerId))) return;
  const provider = services.store.displayName(providerId);
  const vendorId = providerDefinitions[kindOfId(providerId)].vendor;
  const noChat = services.noChat();
  // No chat model provider API: nothing to announce, the Models page says why.
  if (noChat?.reason === 'api') return;
  // The API without a chat view: say which models it has, and that nothing shows them.
  if (noChat) return announceWithoutChatView(noChat, provider, vendorId);
  const listed = services.store.lastResult(providerId)?.models ?? [];
  const modelNames = modelIds.map((id) => listed.find((m) => m.id === id)?.name ?? id);
  const vendor = vendorDisplayName(vendorId);
  const ready =
    modelNames.length === 1
      ? vscode.l10n.t('{0} is verified: {1} is now in the chat model picker.', provider, modelNames[0]!)
      : vscode.l10n.t('{0} is verified: {1} models are now in the chat model picker: {2}.', provider, modelNames.length, modelNames.join(', '));
  const setUp = (await hasOwnModelGroup(services.context.globalStorageUri))
    ? ''
    : ` ${vscode.l10n.t('"Open Chat" also adds "{0}" to Chat: Manage Language Models, so the chat needs no GitHub account.', vendor)}`;
  const open = vscode.l10n.t('Open Chat');
  const choice = await vscode.window.showInformationMessage(ready + setUp, open);
  if (choice === open) await useInChat(services, { providerId, modelId: modelIds[0] }, { consented: true });
}
