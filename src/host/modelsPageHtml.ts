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
  /**
   * The page's scripts in dist/webview, in order. The Models page's boot.js asks for its state
   * before main.js is parsed; the usage view has its own script.
   */
  scripts?: string[];
  stylesheets?: string[];
}

export function modelsPageHtml({ cspSource, nonce, asset, lang, title, scripts = ['boot.js', 'main.js'], stylesheets = ['webview.css'] }: PageHtmlInput): string {
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
${scripts.map((name) => `<script nonce="${nonce}" src="${escapeHtml(asset(name))}"></script>`).join('\n')}
</body>
</html>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
