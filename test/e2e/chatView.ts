import type { FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { textOf } from './modelsPage';

// The chat view and the usage view as a user drives them (shared by the chat suites).

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
