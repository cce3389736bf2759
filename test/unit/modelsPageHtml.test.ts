import { describe, expect, it } from 'vitest';
import { modelsPageHtml } from '../../src/host/modelsPageHtml';

describe('the Models page HTML', () => {
  const html = modelsPageHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'bm9uY2Utb25l',
    asset: (name) => `https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/${name}`,
    lang: 'de',
    title: 'Modelle',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';

  it('has a strict policy: nothing by default, scripts only by nonce, no inline or eval', () => {
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'nonce-bm9uY2Utb25l'",
      "style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-bm9uY2Utb25l'",
      'font-src https://file+.vscode-resource.vscode-cdn.net',
      'img-src https://file+.vscode-resource.vscode-cdn.net data:',
    ]);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('loads its scripts, each carrying the nonce, from the extension files: boot.js (asks for the state at once) before main.js', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      ' nonce="bm9uY2Utb25l" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/boot.js"',
      ' nonce="bm9uY2Utb25l" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js"',
    ]);
  });

  it('is in the editor language with a localized title', () => {
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<title>Modelle</title>');
  });
});
