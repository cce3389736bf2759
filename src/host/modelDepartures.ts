import * as vscode from 'vscode';
import type { NotServedReason } from '../core/chat/servedModels';
import { notServedText } from './servedModels';

export interface DepartedModel {
  providerName: string;
  modelId: string;
  why: NotServedReason;
}

/**
 * The chat keeps a model selected after it left the picker, and its next prompt would only get
 * "Language model unavailable". So when a change (a failed check, a 401 in chat, changed settings)
 * takes offered models away, say which and why, and offer a model that is still served.
 * Not for a model the user turned off on the page: they just did that themselves.
 */
export async function sayModelsLeftChat(departed: readonly DepartedModel[]): Promise<void> {
  const told = departed.filter((d) => d.why !== 'turned_off');
  const first = told[0];
  if (!first) return;
  const message =
    told.length === 1
      ? notServedText(first.why, first.providerName, first.modelId)
      : vscode.l10n.t('{0} and {1} more models left the chat model picker. {2}', first.modelId, told.length - 1, notServedText(first.why, first.providerName, first.modelId));
  const ours = (await vscode.lm.selectChatModels()).filter((m) => m.vendor.startsWith('byok-'));
  const other = ours[0];
  const use = other && vscode.l10n.t('Use {0}', other.name);
  const open = vscode.l10n.t('Open BYOK Models');
  const choice = await vscode.window.showWarningMessage(message, ...(use ? [use, open] : [open]));
  if (choice === open) await vscode.commands.executeCommand('byok.openModels');
  else if (other && choice === use) await vscode.commands.executeCommand('workbench.action.chat.open', { modelSelector: { vendor: other.vendor, id: other.id } });
}
