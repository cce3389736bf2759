import { mkdirSync } from 'node:fs';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { realEditorTools, type Editor } from './editor';

export interface EditorBrowser {
  context: BrowserContext;
  page: Page;
  profileDir: string;
  /** Console errors and uncaught exceptions of the workbench and every webview frame, in order. */
  errors: string[];
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox', // runs as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps trying hosts it cannot reach.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Opens the workbench in Debian's Chromium with a persistent profile (SecretStorage lives in
 * its localStorage, so reusing `profileDir` keeps secrets across browser restarts).
 */
export async function openBrowser(
  editor: Editor,
  options: { profileDir?: string; locale?: string; beforeNavigate?: (page: Page) => Promise<void> } = {},
): Promise<EditorBrowser> {
  const profileDir = options.profileDir ?? editor.dirs.browserProfile;
  mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: realEditorTools().chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    env: editor.env as Record<string, string>,
    viewport: { width: 1400, height: 900 },
    locale: options.locale ?? 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.location().url}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await options.beforeNavigate?.(page);
  // The first load of an editor compiles its workbench bundle; on a busy 2-core machine that took over 30 s.
  await page.goto(editor.workbenchUrl, { timeout: 90_000 });
  await waitForWorkbench(page);
  return { context, page, profileDir, errors, close: () => context.close() };
}

/** The workbench has painted once the status bar and the activity bar are there. */
export async function waitForWorkbench(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout });
  await page.locator('.part.activitybar, .part.sidebar').first().waitFor({ state: 'visible', timeout });
}

/**
 * Runs a command from the Command Palette by its full title (e.g. "BYOK: Open Models Settings").
 * Right after the workbench paints an extension's commands may not be registered yet: retries.
 */
export async function runCommand(page: Page, title: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const focusedLabel = page.locator('.quick-input-widget .monaco-list-row.focused .label-name');
  let lastSeen = '';
  while (Date.now() < deadline) {
    if (!(await input.isVisible())) {
      await page.keyboard.press('F1');
      const opened = await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      if (!opened) {
        // A modal dialog swallows F1; focus inside a webview sometimes does too.
        const dialog = page.locator('.monaco-dialog-box');
        if (await dialog.isVisible()) {
          throw new Error(`A dialog blocks the Command Palette: ${((await dialog.textContent()) ?? '').replace(/\s+/g, ' ').trim()}`);
        }
        await page.keyboard.press('Control+Shift+P');
        if (!(await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) continue;
      }
    }
    // The palette can close under us (a view taking focus as it opens): then open it again.
    const filled = await input.fill(`>${title}`, { timeout: 5_000 }).then(() => true, () => false);
    if (!filled) {
      await page.waitForTimeout(500);
      continue;
    }
    try {
      await page.waitForFunction(
        (wanted) => {
          const row = document.querySelector('.quick-input-widget .monaco-list-row.focused .label-name');
          return row?.textContent?.replace(/\s+/g, ' ').trim() === wanted;
        },
        title,
        { timeout: 3_000 },
      );
    } catch {
      lastSeen = (await focusedLabel.textContent().catch(() => null)) ?? '(no row)';
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
      continue;
    }
    // A view that takes focus as it opens (the chat's input) can take it between the fill and the
    // Enter: the palette then stays open, dimmed, with the command still in it, and nothing ran.
    await input.focus({ timeout: 2_000 }).catch(() => undefined);
    await page.keyboard.press('Enter');
    const ran = await page
      .waitForFunction(
        (typed) => {
          const box = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
          const widget = box?.closest<HTMLElement>('.quick-input-widget');
          return !box || !widget || !widget.checkVisibility() || box.value !== typed;
        },
        `>${title}`,
        { timeout: 5_000 },
      )
      .then(() => true, () => false);
    if (ran) return;
    lastSeen = `${title} (Enter did not reach the palette)`;
  }
  throw new Error(`Command "${title}" did not show up in the Command Palette within ${timeout} ms (focused row: ${lastSeen})`);
}

/** The Models page's content: a webview is two nested iframes. */
export function modelsFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Waits until the Models page has rendered once (its body gets data-ready="true"). */
export async function waitForModelsPage(page: Page, timeout = 30_000): Promise<FrameLocator> {
  const frame = modelsFrame(page);
  await frame.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout });
  return frame;
}

/** Opens the Models page from the Command Palette and waits for its first render. */
export async function openModelsPage(page: Page, title = 'BYOK: Open Models Settings'): Promise<FrameLocator> {
  await runCommand(page, title);
  return waitForModelsPage(page);
}

/** "Developer: Reload Window", then waits for the workbench to paint again. */
export async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await waitForWorkbench(page);
}
