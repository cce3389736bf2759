// Real-editor figures (run by bench/run.mjs): the packaged .vsix in code-server, driven by Chromium.
//  - activation: the extension's own mark ("Activated in X ms") from its output channel log;
//  - Models page: from pressing Enter on "BYOK: Open Models Settings" to the page's first
//    interactive render (body[data-ready-at], the browser's clock); the panel is closed between runs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { modelsFrame, openBrowser, startEditor, waitForModelsPage } from '../test/e2e/harness';
import type { Page } from 'playwright-core';

const TITLE = 'BYOK: Open Models Settings';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function activationMark(userData: string): number | undefined {
  for (const file of filesUnder(path.join(userData, 'logs'))) {
    const match = /Activated in ([\d.]+) ms/.exec(readFileSync(file, 'utf8'));
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Palette up to the focused command row, then the timed part: Enter until the page is interactive. */
async function timePageOpen(page: Page): Promise<{ totalMs: number; insideWebviewMs: number }> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${TITLE}`);
    const found = await page
      .waitForFunction((wanted) => document.querySelector('.quick-input-widget .monaco-list-row.focused .label-name')?.textContent?.replace(/\s+/g, ' ').trim() === wanted, TITLE, { timeout: 3_000 })
      .then(() => true, () => false);
    if (found) break;
    if (attempt > 20) throw new Error(`${TITLE} never showed up in the Command Palette`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_000);
  }
  // Both marks come from the browser's clock, so Playwright's polling does not count.
  const pressedAt = await page.evaluate(() => Date.now());
  await page.keyboard.press('Enter');
  await waitForModelsPage(page);
  const readyAt = Number(await modelsFrame(page).locator('body').getAttribute('data-ready-at'));
  const totalMs = readyAt - pressedAt;
  // The page's own mark: from its frame's navigation to the first rendered state.
  const insideWebviewMs = Number(await modelsFrame(page).locator('body').getAttribute('data-ready-ms'));
  return { totalMs, insideWebviewMs };
}

async function main(): Promise<void> {
  const editor = await startEditor();
  const browser = await openBrowser(editor);
  try {
    const runs: number[] = [];
    const insideWebview: number[] = [];
    for (let i = 0; i < 6; i++) {
      const run = await timePageOpen(browser.page);
      runs.push(run.totalMs);
      insideWebview.push(run.insideWebviewMs);
      await browser.page.keyboard.press('Escape');
      await browser.page.keyboard.press('Control+K');
      await browser.page.keyboard.press('Control+W'); // View: Close All Editors
      await browser.page.locator('iframe.webview').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    }
    await browser.page.waitForTimeout(1_000);
    const activationMs = activationMark(editor.dirs.userData);
    if (activationMs === undefined) throw new Error('no "Activated in" mark in the extension log');
    const sorted = [...runs].sort((a, b) => a - b);
    process.stdout.write(JSON.stringify({ activationMs, pageInteractiveMs: sorted[Math.floor(sorted.length / 2)], pageRuns: runs, insideWebviewRuns: insideWebview }) + '\n');
  } finally {
    await browser.close();
    await editor.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`editor bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
