// Real-editor figures (run by bench/run.mjs): the packaged .vsix in code-server, driven by Chromium.
//  - activation: the extension's own mark ("Activated in X ms") from its output channel log;
//  - Models page: from pressing Enter on "BYOK: Open Models Settings" to the page's first
//    interactive render (body[data-ready-at], the browser's clock), alternating with the same for
//    a minimal webview (bench/minimal-webview: one button) opened the same way in the same editor,
//    the floor VS Code's own webview creation sets; the panel is closed between runs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { modelsFrame, openBrowser, packageFixture, startEditor, waitForModelsPage } from '../test/e2e/harness';
import type { Page } from 'playwright-core';

const MODELS_PAGE = 'BYOK: Open Models Settings';
const MINIMAL_PAGE = 'Bench: Open Minimal Page';
const ROUNDS = Number(process.env.BYOK_BENCH_PAGE_ROUNDS ?? 7);

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
async function timePageOpen(page: Page, title: string): Promise<{ totalMs: number; insideWebviewMs: number; phases: Record<string, number> }> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // Right after the workbench paints, the extensions' commands are not listed yet (and an open
  // palette does not update): look again every ~1.5 s, not every 4 s, so the bench does not idle.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const found = await page
      .waitForFunction((wanted) => document.querySelector('.quick-input-widget .monaco-list-row.focused .label-name')?.textContent?.replace(/\s+/g, ' ').trim() === wanted, title, { timeout: 1_000 })
      .then(() => true, () => false);
    if (found) break;
    if (Date.now() > deadline) throw new Error(`${title} never showed up in the Command Palette`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(250);
  }
  // Both marks come from the browser's clock, so Playwright's polling does not count.
  const pressedAt = await page.evaluate(() => Date.now());
  await page.keyboard.press('Enter');
  await waitForModelsPage(page);
  const readyAt = Number(await modelsFrame(page).locator('body').getAttribute('data-ready-at'));
  const totalMs = readyAt - pressedAt;
  // The page's own mark: from its frame's navigation to the first rendered state.
  const insideWebviewMs = Number(await modelsFrame(page).locator('body').getAttribute('data-ready-ms'));
  return { totalMs, insideWebviewMs, phases: await pagePhases(page) };
}

/**
 * Where the time inside the webview goes (ms from its frame's navigation): stylesheets and script
 * loaded, the `ready` message sent (script parsed and run), `init` received, first render done.
 */
async function pagePhases(page: Page): Promise<Record<string, number>> {
  for (const frame of page.frames()) {
    const phases = await frame
      .evaluate(() => {
        if (document.body?.dataset.ready !== 'true') return undefined;
        const at: Record<string, number> = {};
        for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
          at[`${entry.name.split('/').pop()!.split('?')[0]} loaded`] = Math.round(entry.responseEnd);
        }
        for (const mark of performance.getEntriesByType('mark')) at[mark.name] = Math.round(mark.startTime);
        at['rendered'] = Number(document.body.dataset.readyMs);
        return at;
      })
      .catch(() => undefined);
    if (phases) return phases;
  }
  return {};
}

async function closeAllEditors(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+W'); // View: Close All Editors
  await page.locator('iframe.webview').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianPhases = (runs: Record<string, number>[]) =>
  Object.fromEntries(Object.keys(runs[0] ?? {}).map((phase) => [phase, median(runs.map((r) => r[phase]!).filter((v) => v !== undefined))]));

async function main(): Promise<void> {
  const editor = await startEditor({ extraVsix: [packageFixture(path.join(__dirname, 'minimal-webview'))] });
  // On a busy machine the workbench may take longer than Playwright's 30 s to load.
  const browser = await openBrowser(editor, { beforeNavigate: async (page) => page.setDefaultNavigationTimeout(120_000) });
  try {
    const models: number[] = [];
    const minimal: number[] = [];
    const insideWebview: number[] = [];
    const minimalInside: number[] = [];
    const phases: Record<string, number>[] = [];
    const minimalPhases: Record<string, number>[] = [];
    // One unmeasured opening of each first (extension activation, first webview of the window), then A B A B.
    for (let i = -1; i < ROUNDS; i++) {
      const ours = await timePageOpen(browser.page, MODELS_PAGE);
      await closeAllEditors(browser.page);
      const floor = await timePageOpen(browser.page, MINIMAL_PAGE);
      await closeAllEditors(browser.page);
      if (i < 0) continue;
      models.push(ours.totalMs);
      insideWebview.push(ours.insideWebviewMs);
      minimal.push(floor.totalMs);
      minimalInside.push(floor.insideWebviewMs);
      phases.push(ours.phases);
      minimalPhases.push(floor.phases);
    }
    await browser.page.waitForTimeout(1_000);
    const activationMs = activationMark(editor.dirs.userData);
    if (activationMs === undefined) throw new Error('no "Activated in" mark in the extension log');
    process.stdout.write(
      JSON.stringify({
        activationMs,
        pageInteractiveMs: median(models),
        minimalPageMs: median(minimal),
        pageRuns: models,
        minimalRuns: minimal,
        insideWebviewRuns: insideWebview,
        minimalInsideWebviewRuns: minimalInside,
        pagePhases: medianPhases(phases),
        minimalPagePhases: medianPhases(minimalPhases),
      }) + '\n',
    );
  } finally {
    await browser.close();
    await editor.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`editor bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
