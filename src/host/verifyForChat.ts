import * as vscode from 'vscode';
import type { ProviderId } from '../core/providers/kinds';
import type { VerifyResult } from '../core/verify/result';
import { announceReadyForChat } from './readyForChat';
import type { HostServices } from './services';

/**
 * Verify outside the Models page (a command, the diagnosis' fix), with what a successful Verify
 * does for chat: the default models on the first one, new ones offered later (see ChatModelSelection).
 */
export async function verifyForChat(services: HostServices, providerId: ProviderId): Promise<VerifyResult | undefined> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying {0}…', services.store.displayName(providerId)), cancellable: true },
    (_progress, token) => {
      token.onCancellationRequested(() => services.verifier.cancel(providerId));
      return services.verifier.verify(providerId);
    },
  );
  if (result?.ok) await afterVerifiedForChat(services, result);
  return result;
}

export async function afterVerifiedForChat(services: HostServices, result: VerifyResult): Promise<void> {
  const after = await services.selection.afterVerify(result);
  if (!after?.justEnabled.length) return;
  services.refreshChatModels();
  if (after.firstVerify) void announceReadyForChat(services, result.providerId as ProviderId, after.justEnabled);
}
