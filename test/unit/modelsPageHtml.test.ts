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

describe('the Models page HTML with its first state', () => {
  const page = (initialState?: unknown) =>
    modelsPageHtml({ cspSource: 'https://cdn.example', nonce: 'bm9uY2U=', asset: (name) => `https://cdn.example/${name}`, lang: 'en', title: 'BYOK Models', initialState });
  const dataBlock = (html: string) => /<script type="application\/json" id="byok-initial-state">([\s\S]*?)<\/script>/.exec(html);

  it('carries the state in a data block before the scripts, which read it back unchanged', () => {
    const state = { type: 'init', l10n: {}, providers: [{ id: 'openai', displayName: 'OpenAI' }] };
    const html = page(state);
    const block = dataBlock(html);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1]!)).toEqual(state);
    expect(html.indexOf('byok-initial-state')).toBeLessThan(html.indexOf('boot.js'));
  });

  it('cannot be broken out of by a provider name or model that contains markup', () => {
    const name = '</script><script>alert(1)</script><!--';
    const html = page({ type: 'init', providers: [{ displayName: name }] });
    // One data block, two scripts (boot.js, main.js): the name added no element.
    expect([...html.matchAll(/<script/g)]).toHaveLength(3);
    expect(JSON.parse(dataBlock(html)![1]!).providers[0].displayName).toBe(name);
  });

  it('has no data block without a state (the page then asks for it)', () => {
    expect(page()).not.toContain('byok-initial-state');
  });
});
