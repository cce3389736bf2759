import type { FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { textOf } from './modelsPage';

// The chat view and the usage view as a user drives them (shared by the chat suites).

export function modelPicker(page: Page) {
  return page.getByRole('button', { name: /^Models, / });
}

/**
 * Opens the chat's model picker and returns the entries it lists (then closes it again). Models
 * neither selected nor used recently sit in its folded "Other Models" section: unfolded first.
 */
export async function pickerEntries(page: Page): Promise<string[]> {
  await modelPicker(page).first().click();
  const rows = page.locator('.action-widget .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  const other = rows.filter({ hasText: 'Other Models' }).first();
  if ((await other.isVisible()) && (await other.getAttribute('aria-expanded')) !== 'true') {
    const before = await rows.count();
    const unfolded = async () => (await rows.count()) > before || (await other.getAttribute('aria-expanded').catch(() => null)) === 'true';
    // A click unfolds it as a user would; by keyboard (as in focusPickerRow) only when the overlay
    // swallowed the click: an Enter on a section that is still unfolding would fold it again.
    await other.click({ timeout: 2_000 }).catch(() => undefined);
    const unfoldedByClick = await expect.poll(unfolded, { timeout: 5_000 }).toBe(true).then(() => true, () => false);
    if (!unfoldedByClick) {
      await expect
        .poll(
          async () => {
            if (await unfolded()) return 'unfolded';
            if (await other.evaluate((el) => el.classList.contains('focused'), undefined, { timeout: 1_000 }).catch(() => false)) await page.keyboard.press('Enter');
            else await page.keyboard.press('ArrowDown');
            return 'moving';
          },
          { timeout: 30_000, interval: 1_000, message: 'unfold "Other Models"' },
        )
        .toBe('unfolded');
    }
  }
  const entries = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  await page.keyboard.press('Escape');
  return entries;
}

/**
 * Opens the picker (again, if it closed) and moves the keyboard focus down to the row with `text`.
 * By keyboard: the picker's overlay sometimes swallows pointer events, and text typed into its
 * filter can land in the chat input instead when the picker takes focus late.
 */
export async function focusPickerRow(page: Page, text: string): Promise<Locator> {
  const rows = page.locator('.action-widget .monaco-list-row');
  const row = rows.filter({ hasText: text }).first();
  await expect
    .poll(
      async () => {
        if (!(await rows.first().isVisible())) {
          await modelPicker(page).first().click();
          return 'picker opened';
        }
        if (await row.evaluate((el) => el.classList.contains('focused'), undefined, { timeout: 1_000 }).catch(() => false)) return 'focused';
        await page.keyboard.press('ArrowDown');
        return 'moved down';
      },
      { timeout: 40_000, interval: 300, message: `picker row "${text}"` },
    )
    .toBe('focused');
  return row;
}

/** Puts `prompt` into the chat input (not sent yet). */
export async function typePrompt(page: Page, prompt: string): Promise<void> {
  // The editor's view lines lie over its text-input element: click the input area, then type.
  const inputArea = page.locator('.interactive-input-part .interactive-input-editor').first();
  // Typed key by key on a loaded 2-core machine the editor dropped keystrokes; insert it as one input (like a paste).
  // Right after the model switch the input can still be re-rendering and lose focus: click and insert again then.
  for (let attempt = 1; ; attempt++) {
    await inputArea.click();
    await page.keyboard.insertText(prompt);
    const landed = await expect
      .poll(() => textOf(inputArea), { timeout: 5_000 })
      .toContain(prompt)
      .then(() => true, () => false);
    if (landed) break;
    if (attempt === 3) throw new Error(`the prompt never reached the chat input (it shows "${await textOf(inputArea)}")`);
  }
}

/** The usage view's content (the visible webview: a webview is two nested iframes). */
export function usageView(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}
