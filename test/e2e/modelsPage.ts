import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from './harness';

// What a user sees on the Models page, found by role and accessible name (never by CSS class).

export function providerRegion(page: FrameLocator, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/**
 * A provider's region with its section open, as a user opens it: by its heading's disclosure
 * button (one section is open at a time; the status line shows either way).
 */
export async function openProvider(page: FrameLocator, name: string): Promise<Locator> {
  const region = providerRegion(page, name);
  const heading = region.getByRole('heading', { name, exact: true }).getByRole('button', { name, exact: true });
  await heading.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await heading.getAttribute('aria-expanded')) !== 'true') await heading.click();
  await expect.poll(() => heading.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('true');
  return region;
}

/** Unfolds a section's "Advanced" group (optional fields such as Base URL), if it is folded. */
export async function unfoldAdvanced(region: Locator, label = 'Advanced'): Promise<void> {
  const group = region.getByRole('group', { name: label, exact: true });
  const isOpen = () => group.evaluate((el) => (el as HTMLDetailsElement).open);
  if (await isOpen()) return;
  await group.getByText(label, { exact: true }).click();
  await expect.poll(isOpen, { timeout: 5_000 }).toBe(true);
}

export function textField(region: Locator, label: string): Locator {
  return region.getByRole('textbox', { name: label, exact: true });
}

export function button(scope: Locator | FrameLocator, name: string): Locator {
  return scope.getByRole('button', { name, exact: true });
}

export function statusOf(region: Locator): Locator {
  return region.getByRole('status');
}

/** The current value of a field, whether the locator is a native input or a web-component host. */
export function valueOf(field: Locator): Promise<string> {
  return field.evaluate((el) => String((el as { value?: unknown }).value ?? ''));
}

export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

export function randomTail(length = 12): string {
  return Array.from({ length }, () => '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 36)]).join('');
}

/** Picks an authentication mode in the "Authentication" radio group. */
export async function chooseAuthentication(region: Locator, option: string): Promise<void> {
  const group = region.getByRole('radiogroup', { name: 'Authentication' });
  const radio = group.getByRole('radio', { name: option, exact: true });
  // vscode-elements 2.5.1 radios are exposed as checkboxes; accept either so the flow is tested.
  const choice = (await radio.count()) ? radio : group.getByRole('checkbox', { name: option, exact: true });
  const checked = () => choice.evaluate((el) => (el as { checked?: boolean }).checked === true || el.getAttribute('aria-checked') === 'true');
  // Click the option's visible label, as a user does (the inner input sits under it). A notice
  // arriving at that moment ("… is now in the chat model picker") moves the group down a line, so
  // the click can land beside it, and a user clicks again. (A click during an update of the section
  // itself is not lost: verify.e2e "an update arriving while the user works in the section".)
  for (let attempt = 0; attempt < 3 && !(await checked()); attempt++) {
    await group.getByText(option, { exact: true }).click();
    await expect.poll(checked, { timeout: 3_000 }).toBe(true).catch(() => undefined);
  }
  await expect.poll(checked).toBe(true);
}

/**
 * The Models page as the user sees it now, with `shown` scrolled into view, saved as
 * `media/screenshot-<name>.png` (README and closing notes).
 */
export async function screenshotModelsPage(editorPage: Page, shown: Locator, name: string): Promise<void> {
  await shown.scrollIntoViewIfNeeded();
  // The editor's notification toasts float over the page's corner: left out of the picture.
  await editorPage.locator('iframe.webview.ready').screenshot({ path: path.join(repoRoot, 'media', `screenshot-${name}.png`), style: '.notifications-toasts { display: none !important; }' });
}
