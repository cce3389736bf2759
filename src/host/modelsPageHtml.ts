/** The Models page's HTML shell with its Content Security Policy; pure, so the policy is unit-tested. */
export interface PageHtmlInput {
  /** `webview.cspSource`: the origin the page's own files are served from. */
  cspSource: string;
  /** A fresh nonce from `crypto.randomBytes` for every render. */
  nonce: string;
  /** Web URI of a file in dist/webview. */
  asset(name: string): string;
  lang: string;
  title: string;
  /** The page's script in dist/webview (the usage view has its own). */
  script?: string;
  stylesheets?: string[];
}

export function modelsPageHtml({ cspSource, nonce, asset, lang, title, script = 'main.js', stylesheets = ['webview.css'] }: PageHtmlInput): string {
  // Lit adopts constructable style sheets; the nonce only covers its <style> fallback (window.litNonce).
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(asset('codicon.css'))}" id="vscode-codicon-stylesheet">
${stylesheets.map((name) => `<link rel="stylesheet" href="${escapeHtml(asset(name))}">`).join('\n')}
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${escapeHtml(asset(script))}"></script>
</body>
</html>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
