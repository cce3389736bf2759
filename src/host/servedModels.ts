import * as vscode from 'vscode';
import type { NotServedReason } from '../core/chat/servedModels';

export { whyNotServed } from '../core/chat/servedModels';

/** The sentence a request for a model chat no longer offers gets: why, and where to fix it. */
export function notServedText(why: NotServedReason, providerName: string, modelId: string): string {
  switch (why) {
    case 'team_disabled':
      return vscode.l10n.t('{0}: {1} is not offered in chat because the team setup in force does not allow {0}. Pick another model.', providerName, modelId);
    case 'not_verified':
      return vscode.l10n.t('{0}: {1} is not offered in chat because {0} is not verified. Verify it, or pick another model.', providerName, modelId);
    case 'settings_changed':
      return vscode.l10n.t('{0}: {1} is not offered in chat because the settings of {0} changed since they were verified. Verify them, or pick another model.', providerName, modelId);
    case 'verification_failed':
      return vscode.l10n.t('{0}: {1} is not offered in chat because the last check of {0} failed. Verify it again, or pick another model.', providerName, modelId);
    case 'not_listed':
      return vscode.l10n.t('{0}: {1} is no longer in the model list of {0}. Pick another model.', providerName, modelId);
    case 'turned_off':
      return vscode.l10n.t('{0}: {1} is turned off for chat. Turn it on, or pick another model.', providerName, modelId);
  }
}
