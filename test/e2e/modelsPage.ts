import type { FrameLocator, Locator } from 'playwright-core';

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
