import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator/server';
import { openModelsPage, startEditorWithSimulator, stopEditorWithSimulator, type Editor, type EditorBrowser } from './harness';
import { modelPicker, typePrompt } from './chatView';
import { button, openProvider, textField, textOf, unfoldAdvanced } from './modelsPage';

// VS Code 1.139's chat runs small tasks (chat titles, summaries) on "utility" models; with BYOK
// models and no GitHub sign-in it has none and shows "Set BYOK utility models". The Models page
// offers the smallest of the user's models in chat for them; one click sets both settings, the
// chat's card goes away, and the next chat's small tasks reach the user's own provider.
const SMALL = 'gpt-5-mini';

describe("a model for the chat's small tasks", () => {
  let sim: Simulator;
  let editor: Editor;
  let browser: EditorBrowser;
  const userSettings = () => {
    const file = path.join(editor.dirs.userData, 'User', 'settings.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  };
  /** Chat requests for a model, as the simulator saw them. */
  const requestsFor = (model: string) => sim.requests.filter((r) => r.path === '/v1/chat/completions' && (JSON.parse(r.body || '{}') as { model?: string }).model === model).length;
  const card = () => browser.page.getByText('Set BYOK utility models', { exact: true });

  beforeAll(async () => {
    ({ sim, editor, browser } = await startEditorWithSimulator());
  });

  afterAll(() => stopEditorWithSimulator({ sim, editor, browser }));

  it('is offered on the Models page once a verified model is in the chat, where the chat asks for one', async () => {
    const page = await openModelsPage(browser.page);
    const openai = await openProvider(page, 'OpenAI');
    await textField(openai, 'API key').fill('sk-e2e-utility-0123456789abcdef');
    await unfoldAdvanced(openai);
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await button(openai, 'Verify and save').click();
    await expect.poll(() => textOf(openai), { timeout: 30_000 }).toMatch(/Verified · \d+ models/);
    const toast = browser.page.locator('.notification-toast').filter({ hasText: 'now in the chat model picker' });
    await toast.getByRole('button', { name: 'Open Chat' }).click({ timeout: 20_000 });
    await expect.poll(() => modelPicker(browser.page).first().getAttribute('aria-label'), { timeout: 20_000 }).toBe('Models, gpt-4.1');
    // The premise: the editor's chat itself says it lacks utility models.
    await expect.poll(() => card().count(), { timeout: 30_000 }).toBeGreaterThan(0);

    const again = await openModelsPage(browser.page);
    const note = again.locator('.utility-models');
    await expect.poll(() => textOf(note), { timeout: 20_000 }).toContain('VS Code’s chat also needs a model for small tasks (chat titles, summaries).');
    expect(await textOf(note)).toContain(`${SMALL} of OpenAI is the smallest of your models in chat. Each small task is a short request billed to your key. This sets chat.utilityModel, chat.utilitySmallModel in your user settings.`);
    expect(userSettings()['chat.utilityModel']).toBeUndefined();

    await button(again, `Use ${SMALL} for small tasks`).click();
    await expect.poll(() => textOf(note), { timeout: 15_000 }).toContain(`The chat’s small tasks now use ${SMALL} (OpenAI).`);
    expect(userSettings()['chat.utilityModel']).toBe(`byok-openai/openai/${SMALL}`);
    expect(userSettings()['chat.utilitySmallModel']).toBe(`byok-openai/openai/${SMALL}`);
    // The chat's card goes away: it has its utility models now.
    await expect.poll(() => card().count(), { timeout: 30_000 }).toBe(0);
  });

  it("the chat's small tasks go to the chosen model with the user's key", async () => {
    const before = requestsFor(SMALL);
    await typePrompt(browser.page, 'Hello, small tasks');
    await browser.page.keyboard.press('Enter');
    // The answer comes from the picked model; the chat's title (a small task) from gpt-5-mini.
    await expect.poll(() => requestsFor('gpt-4.1'), { timeout: 240_000 }).toBeGreaterThan(0);
    await expect.poll(() => requestsFor(SMALL), { timeout: 120_000 }).toBeGreaterThan(before);
  });
});
