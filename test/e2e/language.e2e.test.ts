import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator/server';
import { germanLanguagePack, openBrowser, openModelsPage, repoRoot, startEditor, startSimulatorInProcess, type Editor, type EditorBrowser } from './harness';
import { button, openProvider, statusOf, textField, textOf, unfoldAdvanced } from './modelsPage';

// The page speaks the editor's display language; the expected German comes from the shipped bundle.
function readJson(file: string): Record<string, string> {
  const full = path.join(repoRoot, file);
  if (!existsSync(full)) throw new Error(`${file} is missing: the German translation must ship with the extension`);
  return JSON.parse(readFileSync(full, 'utf8')) as Record<string, string>;
}

const STRINGS = ['API key', 'Base URL', 'Advanced', 'Verify and save', 'Verify all', 'Providers'] as const;
type Strings = Record<(typeof STRINGS)[number], string>;

function languageCase(locale: 'en' | 'de'): Strings & { command: string } {
  if (locale === 'en') {
    const nls = readJson('package.nls.json');
    return { ...(Object.fromEntries(STRINGS.map((s) => [s, s])) as Strings), command: `BYOK: ${nls['command.openModels']}` };
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
  return { ...(Object.fromEntries(STRINGS.map((s) => [s, translated(s)])) as Strings), command: `BYOK: ${title}` };
}

describe.each(['en', 'de'] as const)('the Models page in locale %s', (locale) => {
  let editor: Editor | undefined;
  let browser: EditorBrowser | undefined;
  let sim: Simulator | undefined;

  afterEach(async () => {
    await browser?.close();
    await editor?.stop();
    await sim?.close();
  });

  it('shows its labels in that language (German is captured for the README): the overview with a verified provider and its models in chat', async () => {
    const expected = languageCase(locale);
    sim = await startSimulatorInProcess();
    // German needs a language pack installed, as for a real user; the fixture carries no workbench translations.
    editor = await startEditor(locale === 'en' ? {} : { locale, extraVsix: [germanLanguagePack()] });
    browser = await openBrowser(editor, { locale: locale === 'en' ? 'en-US' : 'de-DE' });
    const page = await openModelsPage(browser.page, expected.command);
    expect(await page.getByRole('navigation', { name: expected.Providers, exact: true }).count()).toBe(1);
    expect(await button(page, expected['Verify all']).count()).toBe(1);
    const openai = await openProvider(page, 'OpenAI');
    expect(await textField(openai, expected['API key']).count()).toBe(1);
    await textField(openai, expected['API key']).fill('sk-readme-screenshot-0123456789');
    await unfoldAdvanced(openai, expected.Advanced);
    await textField(openai, expected['Base URL']).fill(`${sim.url}/v1`);
    await button(openai, expected['Verify and save']).click();
    const box = openai.getByRole('checkbox', { name: 'gpt-4o-mini', exact: true });
    await expect.poll(() => box.count(), { timeout: 45_000 }).toBe(1);
    if (!(await box.isChecked())) await box.check();
    // The status line speaks the language too ("Verified · 7 models" / "Geprüft · 7 Modelle").
    const verified = locale === 'en' ? /^Verified · \d+ models$/ : /^Geprüft · \d+ Modelle$/;
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 15_000 }).toMatch(verified);
    // The overview counts the models in chat once the host has stored the choice.
    const inChat = await openai.getByRole('checkbox', { checked: true }).count();
    const chip = page.getByRole('navigation', { name: expected.Providers, exact: true }).getByRole('row', { name: /^OpenAI / });
    await expect.poll(() => textOf(chip), { timeout: 15_000 }).toContain(` ${inChat} `);
    // The README's German picture (the English one, with a chat answer's cost, comes from the chat-picker suite).
    if (locale === 'en') return;
    await page.locator('body').evaluate(() => window.scrollTo(0, 0));
    // The README shows the page: the editor's notification toasts (the Verify message) are not part of it.
    await browser.page.addStyleTag({ content: '.notifications-toasts { display: none !important; }' });
    await browser.page.locator('iframe.webview.ready').screenshot({ path: path.join(repoRoot, 'media', `screenshot-models-${locale}.png`) });
  });
});
