import type { FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { textOf } from './modelsPage';

// The chat view and the usage view as a user drives them (shared by the chat suites).

export function modelPicker(page: Page) {
  return page.getByRole('button', { name: /^Models, / });
}

/** The chat input's current mode (Agent, Ask, Plan, …), as its mode picker labels it. */
export function chatMode(page: Page): Promise<string> {
  return page
    .locator('.interactive-input-part .chat-mode-picker-item')
    .first()
    .evaluate((el) => el.getAttribute('aria-label') ?? el.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '', undefined, { timeout: 2_000 })
    .catch(() => '(no chat view)');
}

/**
 * Opens the chat's model picker and returns the entries it lists (then closes it again). Models
 * neither selected nor used recently sit in its folded "Other Models" section: unfolded first, as
 * a keyboard user does: move to the section's row, Enter (Right does not expand while the picker's
 * search field has the focus). The row's aria-expanded says whether it is unfolded. The picker is
 * opened again when it closed on the way (a late focus change closes it).
 */
export async function pickerEntries(page: Page): Promise<string[]> {
  const rows = page.locator('.action-widget .monaco-list-row');
  const other = rows.filter({ hasText: 'Other Models' }).first();
  // A picker without the section counts only when seen twice: its rows can still be filling in.
  let withoutSection = 0;
  await expect
    .poll(
      async () => {
        if (!(await rows.first().isVisible())) {
          await modelPicker(page).first().click();
          await rows.first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
          return 'picker opened';
        }
        if ((await other.count()) === 0) return ++withoutSection >= 2 ? 'unfolded' : 'settling';
        withoutSection = 0;
        const expanded = await other.getAttribute('aria-expanded', { timeout: 1_000 }).catch(() => null);
        if (expanded === 'true') return 'unfolded';
        const focused = await other.evaluate((el) => el.classList.contains('focused'), undefined, { timeout: 1_000 }).catch(() => false);
        if (!focused) {
          await page.keyboard.press('ArrowDown');
          return 'moving';
        }
        // Enter toggles the section: wait for it to unfold before anything else (a second Enter would fold it).
        await page.keyboard.press('Enter');
        await expect.poll(() => other.getAttribute('aria-expanded', { timeout: 1_000 }).catch(() => null), { timeout: 4_000 }).toBe('true').catch(() => undefined);
        return 'toggled';
      },
      { timeout: 40_000, interval: 500, message: 'unfold "Other Models"' },
    )
    .toBe('unfolded');
  const entries = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  // Closed for sure: a picker left open lays its overlay over the page and swallows the next click there.
  await expect
    .poll(
      async () => {
        if (!(await rows.first().isVisible())) return 'closed';
        await page.keyboard.press('Escape');
        return 'open';
      },
      { timeout: 10_000, interval: 500, message: 'close the model picker' },
    )
    .toBe('closed');
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

/**
 * The text of the chat's answer to `prompt` ('' while there is none): the list row right after the
 * row of the request that shows the prompt. Counting answers does not work: the chat's list
 * renders only the rows in view, so once a chat is longer than the view an older answer leaves the
 * page as a new one arrives (the count stays the same).
 */
export async function answerTo(page: Page, prompt: string): Promise<string> {
  const text = await page.evaluate((prompt) => {
    const rows = [...document.querySelectorAll('.interactive-list .monaco-list-row')];
    const request = rows.filter((row) => row.querySelector('.interactive-request')?.textContent?.includes(prompt)).pop();
    if (!request) return '';
    const index = Number(request.getAttribute('data-index'));
    const answer = rows.find((row) => Number(row.getAttribute('data-index')) === index + 1);
    return answer?.querySelector('.interactive-response')?.textContent ?? '';
  }, prompt);
  return text.replace(/\s+/g, ' ').trim();
}

/** The usage view's content (the visible webview: a webview is two nested iframes). */
export function usageView(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}
