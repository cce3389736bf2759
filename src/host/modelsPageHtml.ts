import { INITIAL_STATE_ID } from '../protocol/initialState';

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
  /**
   * The page's first state (the `init` message), written into the page so that it renders as soon
   * as its script runs: VS Code hands a message to a webview only once the page has loaded, which
   * put a ~30 ms ready → init round trip between the script and the first render. The state the
   * page may hold: no secret (the same `init` the page would be sent).
   */
  initialState?: unknown;
}

export function modelsPageHtml({ cspSource, nonce, asset, lang, title, scripts = ['boot.js', 'main.js'], stylesheets = ['webview.css'], initialState }: PageHtmlInput): string {
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
${initialState === undefined ? '' : `<script type="application/json" id="${INITIAL_STATE_ID}">${scriptSafeJson(initialState)}</script>\n`}${scripts.map((name) => `<script nonce="${nonce}" src="${escapeHtml(asset(name))}"></script>`).join('\n')}
</body>
</html>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that cannot end its <script> element: every `<` is written as \u003c (the same string to
 * JSON.parse), so no "</script>" or "<!--" in a provider's name or model can break out. A data block
 * (type application/json) is never run, so the policy needs no nonce for it.
 */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
