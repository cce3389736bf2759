import type { FrameLocator, Locator } from 'playwright-core';
import { expect } from 'vitest';

// What a user sees on the Models page, found by role and accessible name (never by CSS class).

export function providerRegion(page: FrameLocator, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
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
  // Click the option's visible label, as a user does (the inner input sits under it).
  await group.getByText(option, { exact: true }).click();
  await expect.poll(() => choice.evaluate((el) => (el as { checked?: boolean }).checked === true || el.getAttribute('aria-checked') === 'true')).toBe(true);
}
