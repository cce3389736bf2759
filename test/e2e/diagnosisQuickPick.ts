import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { runCommand } from './harness';
import { textOf } from './modelsPage';

// "Why isn't my model in the chat picker?" as a user drives it: the command's quick pick of checks.

const DIAGNOSE = "BYOK: Why Isn't My Model in the Chat Picker?";

/** The command's quick pick while it is shown. */
export function diagnosisQuickPick(page: Page) {
  return page.locator('.quick-input-widget').filter({ visible: true });
}

/** The visible check whose text holds `title`. */
export function diagnosisRow(page: Page, title: string) {
  return diagnosisQuickPick(page).locator('.monaco-list-row').filter({ hasText: title, visible: true }).first();
}

/**
 * Enter in the quick pick's own box: the chat view, as it opens, can take the keyboard away from a
 * quick pick (which then stays open, dimmed), and a user clicks back into it before pressing Enter.
 */
async function pressEnterIn(input: Locator): Promise<void> {
  await input.focus();
  await input.press('Enter');
}

/** Runs the command, picks `model`, and waits for the checks. */
export async function diagnose(page: Page, model: string): Promise<void> {
  const quickInput = diagnosisQuickPick(page);
  await runCommand(page, DIAGNOSE);
  await expect.poll(() => textOf(quickInput.locator('.quick-input-title')), { timeout: 15_000 }).toContain("Why isn't my model in the chat picker?");
  const input = quickInput.locator('.quick-input-box input');
  // The previous list's rows can linger hidden in the widget: only the visible one counts.
  const focused = quickInput.locator('.monaco-list-row.focused .label-name').filter({ visible: true });
  // With more than one provider set up (the Azure test above adds one), the provider comes first.
  await expect.poll(() => input.getAttribute('placeholder'), { timeout: 10_000 }).toMatch(/^Which (provider|model)\?$/);
  if ((await input.getAttribute('placeholder')) === 'Which provider?') {
    await input.fill('OpenAI');
    await expect.poll(() => textOf(focused.first()), { timeout: 10_000 }).toBe('OpenAI');
    await pressEnterIn(input);
    await expect.poll(() => input.getAttribute('placeholder'), { timeout: 10_000 }).toBe('Which model?');
  }
  await input.fill(model);
  await expect.poll(() => textOf(focused.first()), { timeout: 10_000 }).toBe(model);
  await pressEnterIn(input);
  await expect.poll(() => textOf(quickInput.locator('.quick-input-title')), { timeout: 15_000 }).toContain(`Why isn't ${model} in the chat picker? (OpenAI)`);
}

/** Runs the fix of the focused check (the first problem) on Enter, after checking it is `expectedProblem`. */
async function runFocusedFix(page: Page, expectedProblem: string): Promise<void> {
  const focused = diagnosisQuickPick(page).locator('.monaco-list-row.focused').filter({ visible: true }).first();
  await expect.poll(() => textOf(focused), { timeout: 10_000 }).toContain(expectedProblem);
  expect(await focused.locator('.codicon-error').count()).toBe(1);
  await pressEnterIn(diagnosisQuickPick(page).locator('.quick-input-box input'));
}

/** The focused check (the first problem) runs its fix on Enter; the checks are shown again. */
export async function fixFocused(page: Page, expectedProblem: string, passedAfter: string): Promise<void> {
  await runFocusedFix(page, expectedProblem);
  await expect.poll(() => diagnosisRow(page, passedAfter).locator('.codicon-pass').count(), { timeout: 30_000 }).toBe(1);
}

/** The focused check (the first problem) runs its fix on Enter, which leads elsewhere: the checks close. */
export async function fixFocusedElsewhere(page: Page, expectedProblem: string): Promise<void> {
  await runFocusedFix(page, expectedProblem);
  await expect.poll(() => diagnosisQuickPick(page).isVisible(), { timeout: 10_000 }).toBe(false);
}
