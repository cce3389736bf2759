import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { germanLanguagePack, openBrowser, openModelsPage, repoRoot, startEditor, type Editor, type EditorBrowser } from './harness';
import { button, providerRegion, textField } from './modelsPage';

// The page speaks the editor's display language; the expected German comes from the shipped bundle.
function readJson(file: string): Record<string, string> {
  const full = path.join(repoRoot, file);
  if (!existsSync(full)) throw new Error(`${file} is missing: the German translation must ship with the extension`);
  return JSON.parse(readFileSync(full, 'utf8')) as Record<string, string>;
}

function languageCase(locale: 'en' | 'de') {
  if (locale === 'en') {
    const nls = readJson('package.nls.json');
    return { apiKey: 'API key', save: 'Save', verifyAll: 'Verify all', command: `BYOK: ${nls['command.openModels']}` };
  }
  const bundle = readJson('l10n/bundle.l10n.de.json');
  const nls = readJson('package.nls.de.json');
  const translated = (english: string) => {
    const german = bundle[english];
    if (!german) throw new Error(`l10n/bundle.l10n.de.json has no translation for "${english}"`);
    return german;
  };
  const title = nls['command.openModels'];
  if (!title) throw new Error('package.nls.de.json has no translation for "command.openModels"');
  return { apiKey: translated('API key'), save: translated('Save'), verifyAll: translated('Verify all'), command: `BYOK: ${title}` };
}

describe.each(['en', 'de'] as const)('the Models page in locale %s', (locale) => {
  let editor: Editor | undefined;
  let browser: EditorBrowser | undefined;

  afterEach(async () => {
    await browser?.close();
    await editor?.stop();
  });

  it('shows its labels in that language and is captured for the README', async () => {
    const expected = languageCase(locale);
    // German needs a language pack installed, as for a real user; the fixture carries no workbench translations.
    editor = await startEditor(locale === 'en' ? {} : { locale, extraVsix: [germanLanguagePack()] });
    browser = await openBrowser(editor, { locale: locale === 'en' ? 'en-US' : 'de-DE' });
    const page = await openModelsPage(browser.page, expected.command);
    const openai = providerRegion(page, 'OpenAI');
    await textField(openai, expected.apiKey).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await textField(openai, expected.apiKey).count()).toBe(1);
    expect(await button(openai, expected.save).count()).toBe(1);
    expect(await button(page, expected.verifyAll).count()).toBe(1);
    await browser.page.locator('iframe.webview.ready').screenshot({ path: path.join(repoRoot, 'media', `screenshot-models-${locale}.png`) });
  });
});
