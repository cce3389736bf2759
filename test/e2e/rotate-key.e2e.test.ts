import type { FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator/server';
import { openModelsPage, startEditorWithSimulator, stopEditorWithSimulator, type Editor, type EditorBrowser } from './harness';
import { button, openProvider, randomTail, screenshotModelsPage, statusOf, textField, textOf, unfoldAdvanced } from './modelsPage';

// Issue 15: Rotate key in a real editor, against the provider simulator on 127.0.0.1.
describe('Rotate key on the Models page', () => {
  let sim: Simulator;
  let editor: Editor;
  let browser: EditorBrowser;
  let page: FrameLocator;
  const oldKey = `sk-test-e2e-old-${randomTail(16)}`;
  const newKey = `sk-test-e2e-new-${randomTail(16)}`;

  beforeAll(async () => {
    ({ sim, editor, browser } = await startEditorWithSimulator());
    page = await openModelsPage(browser.page);
  });

  afterAll(() => stopEditorWithSimulator({ sim, editor, browser }));

  it('shows the key age, swaps in a verified new key and shows the checklist with a test call on the new key', async () => {
    const openai = await openProvider(page, 'OpenAI');
    await unfoldAdvanced(openai);
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await textField(openai, 'API key').fill(oldKey);
    await button(openai, 'Verify and save').click();
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 45_000 }).toMatch(/^Verified/);
    await expect.poll(() => textOf(openai), { timeout: 10_000 }).toContain('Key saved today · last verified today');
    await screenshotModelsPage(browser.page, openai.getByText('Key saved today · last verified today'), 'keys-age');

    // A new key that the provider refuses changes nothing.
    await button(openai, 'Rotate key').click();
    await textField(openai, 'API key (new)').fill(`sk-test-sim-invalid_key-${randomTail(12)}`);
    await button(openai, 'Verify and rotate').click();
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 45_000 }).toMatch(/Nothing was saved: the stored key \(ends with .{4}\) is unchanged/);
    expect(await textOf(statusOf(openai))).toContain(oldKey.slice(-4));

    await textField(openai, 'API key (new)').fill(newKey);
    await button(openai, 'Verify and rotate').click();
    await expect.poll(() => textOf(openai), { timeout: 45_000 }).toContain('Key rotated');
    const revoke = openai.getByRole('link', { name: 'platform.openai.com', exact: true });
    await expect.poll(() => revoke.getAttribute('href')).toBe('https://platform.openai.com/api-keys');
    expect(await textOf(openai)).toContain('Revoke the old key at platform.openai.com');
    await expect.poll(() => textOf(openai), { timeout: 45_000 }).toMatch(/\S+ answered with the new key\./);
    expect(await textOf(openai)).toContain(`ends with ${newKey.slice(-4)}`);
    expect(await textOf(statusOf(openai))).toMatch(/^Verified/);
    await screenshotModelsPage(browser.page, openai.getByText('Revoke the old key at'), 'keys-rotate-checklist');

    // The simulator saw the old key before, and only the new one for the rotation's check and test call.
    const auth = sim.requests.filter((r) => r.provider === 'openai').map((r) => String(r.headers.authorization));
    expect(auth[0]).toBe(`Bearer ${oldKey}`);
    const testCall = sim.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    expect(testCall.headers.authorization).toBe(`Bearer ${newKey}`);
    expect(auth.at(-1)).toBe(`Bearer ${newKey}`);

    await button(openai, 'Done').click();
    await expect.poll(() => textOf(openai)).not.toContain('Key rotated');
  });

  it('a fallback key is verified before it is kept, and the section says it is stored', async () => {
    const openai = await openProvider(page, 'OpenAI');
    const fallbackKey = `sk-test-e2e-fallback-${randomTail(16)}`;
    await openai.getByText('Fallback key', { exact: true }).click();
    await textField(openai, 'Fallback key (optional)').fill(fallbackKey);
    await screenshotModelsPage(browser.page, button(openai, 'Verify and save fallback key'), 'keys-fallback');
    await button(openai, 'Verify and save fallback key').click();
    const stored = openai.getByRole('group', { name: 'Fallback key' });
    await expect.poll(() => textOf(stored), { timeout: 45_000 }).toContain(`Fallback key stored · ends with ${fallbackKey.slice(-4)}`);
    expect(await textOf(stored)).toContain('Used once when the key above is rate-limited or out of quota; never when it is refused.');
    expect(sim.requests.some((r) => r.headers.authorization === `Bearer ${fallbackKey}`)).toBe(true);
    await screenshotModelsPage(browser.page, stored, 'keys-fallback-stored');
  });
});
