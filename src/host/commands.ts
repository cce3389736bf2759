import * as vscode from 'vscode';
import type { HostServices } from './services';
import { diagnoseModel, type DiagnosisTarget } from './diagnoseModel';
import { useInChat } from './useInChat';
import { afterVerifiedForChat } from './verifyForChat';

/** The palette's commands (registered by the activation shell, which calls these once wired). */
export function commandHandlers(services: HostServices) {
  const { verifier } = services;
  return {
    'byok.useInChat': () => useInChat(services),
    'byok.diagnoseModel': (target?: DiagnosisTarget) => diagnoseModel(services, target),
    'byok.verifyAll': () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying BYOK providers…'), cancellable: true },
        async (_progress, token) => {
          token.onCancellationRequested(() => verifier.cancelAll());
          const results = (await verifier.verifyAll()).filter((r) => r !== undefined);
          for (const result of results) if (result.ok) await afterVerifiedForChat(services, result);
          const failed = results.filter((r) => !r.ok).length;
          void vscode.window.showInformationMessage(
            failed
              ? vscode.l10n.t('{0} of {1} providers verified; {2} failed. Open the Models page for details.', results.length - failed, results.length, failed)
              : vscode.l10n.t('All {0} providers verified.', results.length),
          );
        },
      ),
  };
}
