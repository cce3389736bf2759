import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator/server';
import { openBrowser, openModelsPage, runCommand, startEditor, startSimulatorInProcess, waitForModelsPage, type Editor, type EditorBrowser } from './harness';
import { button, providerRegion, textField, textOf } from './modelsPage';

// Issue 4: from a fresh profile, doing only what a user does: configure OpenAI on the Models page
// (against the simulator), Verify, enable a model, "Use in chat"; the chat view's model picker
// lists the model, a prompt gets the simulator's streamed answer, and disabling the model in the
// page takes it out of the picker. No editor state file is written by the test.
const MODEL = 'gpt-4o-mini';
const PICKER_LABEL = `${MODEL} · OpenAI`;

function modelPicker(page: Page) {
  return page.getByRole('button', { name: /^Models, / });
}

/** Opens the chat's model picker and returns the entries it lists (then closes it again). */
async function pickerEntries(page: Page): Promise<string[]> {
  await modelPicker(page).first().click();
  const rows = page.locator('.action-widget .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  const entries = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  await page.keyboard.press('Escape');
  return entries;
}

describe('a verified BYOK model in the chat view', () => {
  let sim: Simulator;
  let editor: Editor;
  let browser: EditorBrowser;

  beforeAll(async () => {
    sim = await startSimulatorInProcess();
    // BYOK_E2E_VSIX: test another package than the repo's byok-models.vsix.
    editor = await startEditor(process.env.BYOK_E2E_VSIX ? { vsix: process.env.BYOK_E2E_VSIX } : {});
    browser = await openBrowser(editor);
  });

  afterAll(async () => {
    await browser?.close();
    await editor?.stop();
    await sim?.close();
  });

  it('is verified and enabled on the Models page', async () => {
    const page = await openModelsPage(browser.page);
    const openai = providerRegion(page, 'OpenAI');
    await textField(openai, 'API key').fill('sk-e2e-chat-0123456789abcdef');
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await button(openai, 'Verify').click();
    await expect.poll(() => textOf(openai), { timeout: 30_000 }).toMatch(/Verified · \d+ models/);
    const box = openai.getByRole('checkbox', { name: MODEL, exact: true });
    // The checkbox's own label covers it for the pointer; a keyboard user toggles it with Space.
    await box.focus();
    await browser.page.keyboard.press('Space');
    await expect.poll(() => box.isChecked()).toBe(true);
  });

  it('"Use in chat" asks once, then opens the chat view with the model selected', async () => {
    const page = await openModelsPage(browser.page);
    await button(providerRegion(page, 'OpenAI'), 'Use in chat').click();
    const dialog = browser.page.getByRole('dialog');
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toContain('without a GitHub account');
    await dialog.getByRole('button', { name: 'Add and Open Chat' }).click();
    await expect.poll(() => modelPicker(browser.page).first().getAttribute('aria-label'), { timeout: 20_000 }).toBe(`Models, ${PICKER_LABEL}`);
  });

  it('lists the model in the chat model picker, and it can be picked', async () => {
    const entries = await pickerEntries(browser.page);
    expect(entries.some((e) => e.includes(PICKER_LABEL))).toBe(true);
    await modelPicker(browser.page).first().click();
    await browser.page.locator('.action-widget .monaco-list-row', { hasText: PICKER_LABEL }).first().click();
    await expect.poll(() => modelPicker(browser.page).first().getAttribute('aria-label')).toBe(`Models, ${PICKER_LABEL}`);
  });

  it('answers a prompt in the chat view with the simulator\'s streamed text', async () => {
    const prompt = 'Please say hello to the end-to-end test';
    const input = browser.page.getByRole('textbox', { name: /^Chat Input/ });
    await input.focus(); // the editor's view lines lie over its text-input element
    await browser.page.keyboard.type(prompt);
    await browser.page.keyboard.press('Enter');
    const response = browser.page.locator('.interactive-item-container.interactive-response').last();
    // The simulator echoes the user's text; Copilot Chat wraps it in <prompt> tags before sending.
    await expect.poll(async () => textOf(response), { timeout: 90_000 }).toMatch(/Hello from the simulator! You said: .*Please say hello to the end-to-end test/);
    // Once the response is complete its footer names the model that answered.
    await expect.poll(async () => textOf(response), { timeout: 30_000 }).toContain(PICKER_LABEL);
    // It came from the simulator, as a streamed chat completion for that model.
    const calls = sim.requests.filter((r) => r.provider === 'openai' && r.path === '/v1/chat/completions');
    expect(calls.some((r) => r.body.includes(MODEL) && r.body.includes(prompt) && r.body.includes('"stream":true'))).toBe(true);
  });

  it('leaves the picker when the model is disabled on the Models page', async () => {
    const page = await openModelsPage(browser.page);
    const box = providerRegion(page, 'OpenAI').getByRole('checkbox', { name: MODEL, exact: true });
    await box.focus();
    await browser.page.keyboard.press('Space');
    await expect.poll(() => box.isChecked()).toBe(false);
    await expect.poll(async () => (await pickerEntries(browser.page)).some((e) => e.includes(PICKER_LABEL)), { timeout: 20_000 }).toBe(false);
  });

  it('leads from the picker\'s "Manage Models…" to the Models page ("Add Models…" > "OpenAI (BYOK)")', async () => {
    await runCommand(browser.page, 'View: Close All Editors');
    await expect.poll(() => browser.page.locator('iframe.webview').count()).toBe(0);
    await modelPicker(browser.page).first().click();
    await browser.page.locator('.action-widget .monaco-list-row', { hasText: 'Manage Models' }).first().click();
    await browser.page.getByRole('button', { name: 'Add Models', exact: true }).click();
    await browser.page.getByRole('menuitem', { name: 'OpenAI (BYOK)', exact: true }).filter({ visible: true }).first().click();
    await waitForModelsPage(browser.page);
  });
});
