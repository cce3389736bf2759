import * as vscode from 'vscode';

export interface SingletonPanelSpec {
  viewType: string;
  /** The command that opens the panel (or reveals it when it is open). */
  command: string;
  title(): string;
  /** Wires an opened or restored panel to the host; what it returns is disposed with the panel. */
  connect(panel: vscode.WebviewPanel): vscode.Disposable[];
}

/** A webview panel that exists at most once: opened by its command, restored after a window reload. */
export function registerSingletonPanel(context: vscode.ExtensionContext, spec: SingletonPanelSpec): void {
  let current: vscode.WebviewPanel | undefined;
  const options = (): vscode.WebviewPanelOptions & vscode.WebviewOptions => ({
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
  });
  const attach = (panel: vscode.WebviewPanel) => {
    current = panel;
    const disposables = spec.connect(panel);
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
      disposables.forEach((d) => d.dispose());
    });
  };
  context.subscriptions.push(
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
