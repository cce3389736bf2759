import * as vscode from 'vscode';
import type { HostServices } from './services';

export interface SingletonPanelSpec {
  viewType: string;
  /** The command that opens the panel (or reveals it when it is open). */
  command: string;
  title(): string;
  /** Wires an opened or restored panel to the host; what it returns is disposed with the panel. */
  connect(panel: vscode.WebviewPanel, services: HostServices): vscode.Disposable[];
}

/** A webview panel that exists at most once: opened by its command, restored after a window reload. */
export function registerSingletonPanel(services: HostServices, spec: SingletonPanelSpec): void {
  let current: vscode.WebviewPanel | undefined;
  const options = (): vscode.WebviewPanelOptions & vscode.WebviewOptions => ({
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'webview')],
  });
  const attach = (panel: vscode.WebviewPanel) => {
    current = panel;
    const disposables = spec.connect(panel, services);
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
      disposables.forEach((d) => d.dispose());
    });
  };
  services.context.subscriptions.push(
    vscode.commands.registerCommand(spec.command, () => {
      if (current) return current.reveal();
      attach(vscode.window.createWebviewPanel(spec.viewType, spec.title(), vscode.ViewColumn.Active, options()));
    }),
    vscode.window.registerWebviewPanelSerializer(spec.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        panel.webview.options = options();
        attach(panel);
      },
    }),
  );
}
