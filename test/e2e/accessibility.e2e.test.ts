import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { FrameLocator, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator/server';
import { openModelsPage, startEditorWithSimulator, stopEditorWithSimulator, type Editor, type EditorBrowser } from './harness';
import { button, openProvider, providerRegion, randomTail, statusOf, textField, textOf, unfoldAdvanced } from './modelsPage';

// Issue 13, items 6, 7, 13 and the audit: the Models page by keyboard, its error text's contrast
// in the light themes, and axe-core's audit of the page (run inside the webview's frame) in the
// light, dark and high-contrast themes with the overview and every section unfolded in turn.

// The themes by the names the Color Theme picker shows (and the webview's body carries).
const LIGHT_THEMES = ['Light Modern', 'Light+', 'Light High Contrast'];
const OTHER_THEMES = ['Dark Modern', 'Dark High Contrast'];
// axe-core injected into the webview's frame by hand: @axe-core/playwright's builder opens a page per
// audit, too slow for 25 audits on a shared machine.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const THEME_KIND: Record<string, string> = {
  'Light Modern': 'vscode-light',
  'Light+': 'vscode-light',
  'Light High Contrast': 'vscode-high-contrast-light',
  'Dark Modern': 'vscode-dark',
  'Dark High Contrast': 'vscode-high-contrast',
};
const PROVIDERS = ['OpenAI', 'Anthropic', 'Google Gemini', 'Azure OpenAI', 'AWS Bedrock'];

/** Where focus is inside the page, described by what a user would see. */
function focused(page: FrameLocator): Promise<string> {
  return page.locator('body').evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const name = el.getAttribute('aria-label') ?? (el.getAttribute('aria-labelledby') ? document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent : el.textContent);
    return `${el.tagName.toLowerCase()}${(el as HTMLInputElement).type === 'checkbox' ? '[checkbox]' : ''}: ${(name ?? '').trim()}`;
  });
}

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
function contrastOf(locator: Locator): Promise<{ ratio: number; color: string; background: string }> {
  return locator.evaluate((el) => {
    const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
    let node: Element | null = el;
    let background = 'rgb(255, 255, 255)';
    while (node) {
      const bg = getComputedStyle(node).backgroundColor;
      const [, , , alpha = 1] = rgb(bg);
      if (bg && alpha > 0 && bg !== 'transparent') {
        background = bg;
        break;
      }
      node = node.parentElement;
    }
    const color = getComputedStyle(el).color;
    const luminance = (value: string) => {
      const [r = 0, g = 0, b = 0] = rgb(value).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [hi, lo] = [luminance(color), luminance(background)].sort((a, b) => b - a);
    return { ratio: (hi! + 0.05) / (lo! + 0.05), color, background };
  });
}

describe('the Models page by keyboard and in every theme', () => {
  let sim: Simulator;
  let editor: Editor;
  let browser: EditorBrowser;
  let page: FrameLocator;

  /** Picks a colour theme as a user does (Preferences: Color Theme) and waits until the webview is repainted with it. */
  async function useTheme(theme: string): Promise<void> {
    const body = page.locator('body');
    const before = await body.getAttribute('data-vscode-theme-id');
    // The body carries the theme's settings id ("Default Light+") or its name ("Light Modern").
    if (before === theme) return;
    const workbench = browser.page;
    const input = workbench.locator('.quick-input-widget .quick-input-box input');
    /** The quick-input row whose label is exactly `label` (other rows match the filter too). */
    const row = (label: string) => workbench.locator('.quick-input-widget .monaco-list-row').filter({ has: workbench.locator('.label-name').getByText(label, { exact: true }) });
    await workbench.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Preferences: Color Theme');
    await row('Preferences: Color Theme').first().click({ timeout: 15_000 });
    await input.fill(theme);
    await row(theme).first().click({ timeout: 15_000 });
    // The webview is repainted: another theme, of the kind picked.
    await expect
      .poll(async () => [await body.getAttribute('data-vscode-theme-kind'), (await body.getAttribute('data-vscode-theme-id')) !== before], { timeout: 20_000, message: theme })
      .toEqual([THEME_KIND[theme], true]);
  }

  beforeAll(async () => {
    ({ sim, editor, browser } = await startEditorWithSimulator({
      editor: { settings: { 'workbench.colorTheme': 'Default Light Modern' } },
      beforeBrowser: (editor) => {
        // Profiles the Bedrock section offers: names only, read from the sandbox's AWS config files.
        writeFileSync(path.join(editor.dirs.home, '.aws', 'config'), '[default]\nregion = us-east-1\n[profile e2e-sso]\nsso_session = corp\n[sso-session corp]\n');
        writeFileSync(path.join(editor.dirs.home, '.aws', 'credentials'), `[e2e-keys]\naws_access_key_id = AKIAE2E\naws_secret_access_key = ${randomTail(40)}\n`);
      },
    }));
    page = await openModelsPage(browser.page);
  });

  afterAll(() => stopEditorWithSimulator({ sim, editor, browser }));

  it('Enter in a field is "Verify and save": the key is checked before it is stored', async () => {
    const openai = await openProvider(page, 'OpenAI');
    const key = `sk-test-e2e-enter-${randomTail(16)}`;
    await unfoldAdvanced(openai);
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await textField(openai, 'API key').fill(key);
    await textField(openai, 'API key').press('Enter');
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 45_000 }).toMatch(/^Verified · \d+ models$/);
    expect(sim.requests.some((r) => r.provider === 'openai' && r.path === '/v1/models' && r.headers.authorization === `Bearer ${key}`)).toBe(true);
    expect(await textOf(openai)).toContain(`ends with ${key.slice(-4)}`);
  });

  it('the model table is one Tab stop: arrows move inside, Space toggles, and focus stays on the toggled checkbox', async () => {
    const openai = await openProvider(page, 'OpenAI');
    const table = openai.getByRole('grid', { name: 'Models for chat' });
    const boxes = table.getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThan(2);
    // One control of the table takes part in the Tab order.
    expect(await table.evaluate((t) => [...t.querySelectorAll<HTMLElement>('input, vscode-button')].filter((c) => c.tabIndex === 0).length)).toBe(1);
    await boxes.first().focus();
    await browser.page.keyboard.press('ArrowDown');
    const second = boxes.nth(1);
    await expect.poll(() => second.evaluate((el) => el === document.activeElement)).toBe(true);
    const before = await second.isChecked();
    const chip = page.getByRole('navigation', { name: 'Providers' }).getByRole('row', { name: /^OpenAI / });
    const chipBefore = await textOf(chip);
    await browser.page.keyboard.press('Space');
    await expect.poll(() => second.isChecked()).toBe(!before);
    // The host stored the choice and the page re-rendered (the overview counts it)…
    await expect.poll(() => textOf(chip), { timeout: 15_000 }).not.toBe(chipBefore);
    // …and the keyboard is where it was.
    expect(await focused(page)).toMatch(/^input\[checkbox\]: /);
    expect(await second.evaluate((el) => el === document.activeElement)).toBe(true);
    // Tab leaves the table in one step.
    await browser.page.keyboard.press('Tab');
    expect(await focused(page)).not.toMatch(/^input\[checkbox\]/);
  });

  it('Escape closes the inline "Remove …?" confirmation and gives focus back to Remove', async () => {
    const openai = await openProvider(page, 'OpenAI');
    await button(openai, 'Remove').click();
    const confirm = openai.getByRole('group', { name: 'Confirm removal' });
    await confirm.waitFor({ state: 'visible' });
    expect(await focused(page)).toBe('vscode-button: Cancel');
    await browser.page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('vscode-button: Remove');
    // Nothing was removed.
    expect(await textOf(statusOf(openai))).toMatch(/^Verified/);
  });

  it('"Cancel verification" keeps the keyboard in the section and says "Verification cancelled" once', async () => {
    const anthropic = await openProvider(page, 'Anthropic');
    await unfoldAdvanced(anthropic);
    await textField(anthropic, 'Base URL').fill(sim.url);
    // The simulator never answers this key.
    await textField(anthropic, 'API key').fill(`sk-ant-sim-hang-${randomTail(16)}`);
    await button(anthropic, 'Verify and save').click();
    const cancel = button(anthropic, 'Cancel verification');
    await cancel.waitFor({ state: 'visible', timeout: 15_000 });
    await cancel.focus();
    await browser.page.keyboard.press('Enter');
    await expect.poll(() => textOf(statusOf(anthropic)), { timeout: 15_000 }).toBe('Verification cancelled');
    await expect.poll(() => focused(page)).toBe('vscode-button: Verify and save');
    await textField(anthropic, 'API key').fill('');
  });

  it('the overview jumps to a provider: its section opens, the others fold, focus is on its heading', async () => {
    const overview = page.getByRole('navigation', { name: 'Providers' });
    await overview.getByRole('link', { name: 'AWS Bedrock', exact: true }).click();
    const bedrock = providerRegion(page, 'AWS Bedrock');
    await expect.poll(() => focused(page)).toBe('button: AWS Bedrock');
    expect(await bedrock.getByRole('button', { name: 'AWS Bedrock', exact: true }).getAttribute('aria-expanded')).toBe('true');
    for (const other of PROVIDERS.filter((p) => p !== 'AWS Bedrock')) {
      expect(await providerRegion(page, other).getByRole('button', { name: other, exact: true }).getAttribute('aria-expanded')).toBe('false');
    }
  });

  it('Bedrock offers the profiles of the AWS config files, and the access key ID is shown as typed', async () => {
    const bedrock = await openProvider(page, 'AWS Bedrock');
    expect(await textField(bedrock, 'Access key ID').evaluate((el) => el.getAttribute('type') ?? 'text')).not.toBe('password');
    await bedrock.getByRole('radiogroup', { name: 'Authentication' }).getByText('Profile (SSO)', { exact: true }).click();
    const profiles = bedrock.getByRole('group', { name: 'Profiles found:' });
    await expect.poll(() => profiles.getByRole('button').allTextContents(), { timeout: 10_000 }).toEqual(['default', 'e2e-keys', 'e2e-sso']);
    await button(profiles, 'Use profile e2e-sso').click();
    await expect.poll(() => textField(bedrock, 'Profile').evaluate((el) => (el as HTMLInputElement).value)).toBe('e2e-sso');
    // Back to access keys, so nothing is left half-changed.
    await bedrock.getByRole('radiogroup', { name: 'Authentication' }).getByText('Access keys', { exact: true }).click();
  });

  it('error text has a contrast of at least 4.5:1 in the light themes', async () => {
    const gemini = await openProvider(page, 'Google Gemini');
    await unfoldAdvanced(gemini);
    await textField(gemini, 'Base URL').fill(sim.url);
    await textField(gemini, 'API key').fill(`AIza-sim-invalid_key-${randomTail(20)}`);
    await button(gemini, 'Verify and save').click();
    await expect.poll(() => textOf(statusOf(gemini)), { timeout: 45_000 }).toMatch(/^Invalid key/);
    const headline = statusOf(gemini).getByText('Invalid key', { exact: true });
    for (const theme of LIGHT_THEMES) {
      await useTheme(theme);
      const { ratio, color, background } = await contrastOf(headline);
      expect(ratio, `${theme}: ${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  /** axe-core run inside the webview's own frame (the workbench around it is not ours to audit). */
  async function audit(): Promise<AxeResults> {
    const outer = await (await browser.page.locator('iframe.webview.ready').elementHandle())?.contentFrame();
    const frame = await (await outer?.locator('iframe#active-frame').elementHandle())?.contentFrame();
    if (!frame) throw new Error('the Models page frame was not found');
    // Injected with the debugger's evaluate, which the page's script CSP does not govern.
    if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axeSource);
    return frame.evaluate(() => (window as unknown as { axe: { run(context: Element, options: object): Promise<AxeResults> } }).axe.run(document.getElementById('app')!, { resultTypes: ['violations', 'passes'] }));
  }

  it('axe-core finds no serious or critical violation in the light, dark and high-contrast themes', { timeout: 600_000 }, async () => {
    const problems: string[] = [];
    for (const theme of [...LIGHT_THEMES, ...OTHER_THEMES]) {
      await useTheme(theme);
      for (const provider of PROVIDERS) {
        const region = await openProvider(page, provider);
        // Everything folded is unfolded: Advanced and the status Details.
        await region.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        const results = await audit();
        for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          problems.push(`${theme} / ${provider}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
        }
        // The audit did reach the page's text (so an empty list means something).
        const contrastChecked = results.passes.find((p) => p.id === 'color-contrast')?.nodes.length ?? 0;
        if (contrastChecked < 10) problems.push(`${theme} / ${provider}: axe checked the contrast of only ${contrastChecked} elements`);
      }
    }
    expect(problems).toEqual([]);
  });
});
