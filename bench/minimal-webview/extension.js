// Opens a panel the way the Models page is opened (command, panel, CSP with nonce, script file),
// with nothing of ours inside: one button.
'use strict';
const { randomBytes } = require('node:crypto');
const vscode = require('vscode');

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('byokBench.openMinimalPage', () => {
      const panel = vscode.window.createWebviewPanel('byokBench.minimal', 'Minimal Page', vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [context.extensionUri],
      });
      const nonce = randomBytes(16).toString('base64');
      const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'page.js'));
      panel.webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src ${panel.webview.cspSource}">
<title>Minimal Page</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
    }),
  );
};
exports.deactivate = () => {};
