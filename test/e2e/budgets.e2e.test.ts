import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator/server';
import { answerTo, focusPickerRow, modelPicker, typePrompt, usageView } from './chatView';
import { openModelsPage, repoRoot, runCommand, startEditorWithSimulator, stopEditorWithSimulator, type Editor, type EditorBrowser } from './harness';
import { button, openProvider, textField, textOf, unfoldAdvanced } from './modelsPage';

// Issue 14: a daily budget below one answer's cost, with "stop at the limit". The first answer
// goes through and reaching the budget is announced; the next prompt is refused in the chat with
// the budget sentence and nothing reaches the simulator; raising the budget in the usage view
// (from the Models page's link) lets the next prompt through. With an amount to ask above, a
// large request waits for the user's answer in a modal dialog.
const LIMIT = 0.001;

describe('a budget with "stop at the limit" in the chat view', () => {
  let sim: Simulator;
  let editor: Editor;
  let browser: EditorBrowser;
  const completions = () => sim.requests.filter((r) => r.provider === 'openai' && r.path === '/v1/chat/completions').length;
  const answer = (prompt: string) => answerTo(browser.page, prompt);
  /** The agent's turn may still be finishing after its answer: its footer names the model once it ended. */
  const turnEnded = (prompt: string) => expect.poll(() => answer(prompt), { timeout: 120_000, message: `the turn of "${prompt}" ends` }).toContain('gpt-4.1');
  const send = async (prompt: string) => {
    await typePrompt(browser.page, prompt);
    await browser.page.keyboard.press('Enter');
  };
  const clearNotifications = () => runCommand(browser.page, 'Notifications: Clear All Notifications');
  const userBudgets = () => (JSON.parse(readFileSync(path.join(editor.dirs.userData, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>)['byok.budgets'];

  beforeAll(async () => {
    ({ sim, editor, browser } = await startEditorWithSimulator({
      editor: { settings: { 'byok.budgets': { dailyUsd: LIMIT, stopAtLimit: true } } },
    }));
  });

  afterAll(() => stopEditorWithSimulator({ sim, editor, browser }));

  it('the first answer goes through, and reaching the budget is announced with what was spent', async () => {
    const page = await openModelsPage(browser.page);
    const openai = await openProvider(page, 'OpenAI');
    await textField(openai, 'API key').fill('sk-e2e-budget-0123456789abcdef');
    await unfoldAdvanced(openai);
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await button(openai, 'Verify and save').click();
    await expect.poll(() => textOf(openai), { timeout: 30_000 }).toMatch(/Verified · \d+ models/);
    const ready = browser.page.locator('.notification-toast').filter({ hasText: 'now in the chat model picker' });
    await ready.getByRole('button', { name: 'Open Chat' }).click({ timeout: 20_000 });
    // As in the chat-picker suite: the chat answers with BYOK models (no GitHub account) once the
    // editor has written the provider group, and the model is chosen in the picker.
    const groups = path.join(editor.dirs.userData, 'User', 'chatLanguageModels.json');
    await expect.poll(() => (existsSync(groups) ? readFileSync(groups, 'utf8') : ''), { timeout: 20_000 }).toContain('byok-openai');
    await expect.poll(() => modelPicker(browser.page).first().getAttribute('aria-label'), { timeout: 20_000 }).toBe('Models, gpt-4.1');
    const row = await focusPickerRow(browser.page, 'gpt-4.1');
    await browser.page.keyboard.press('Enter');
    await row.waitFor({ state: 'hidden' });

    await send('Please say hello to the budget test');
    await expect.poll(() => answer('Please say hello to the budget test'), { timeout: 200_000, message: `answer (${completions()} requests reached the simulator)` }).toContain('Hello from the simulator!');
    const reached = browser.page.locator('.notification-toast').filter({ hasText: 'BYOK budget reached' });
    await expect.poll(() => textOf(reached), { timeout: 30_000 }).toMatch(/BYOK budget reached: \$0\.\d+ spent of your \$0\.001 per day limit for all providers\. Chat requests it covers are stopped until the period ends or you raise the limit\./);
    expect(await reached.getByRole('button', { name: 'Show Usage and Costs' }).count()).toBe(1);
    // The toasts sit over the chat input in the secondary side bar.
    await clearNotifications();
  });

  it('the next prompt is refused in the chat with the budget sentence, and nothing reaches the provider', async () => {
    await clearNotifications();
    await turnEnded('Please say hello to the budget test');
    const sent = completions();
    await send('Is this one sent?');
    // The chat reveals an answer's words gradually: wait for the whole sentence.
    await expect
      .poll(() => answer('Is this one sent?'), { timeout: 200_000 })
      .toMatch(/Not sent: your BYOK budget of \$0\.001 per day for all providers is reached \(\$0\.\d+ spent\)\. To continue, raise or remove the limit, or turn off "stop at the limit", under Budgets in "BYOK: Show Usage and Costs" \(Command Palette\)\./);
    // The budget names its own fix: not the Models page's.
    expect(await answer('Is this one sent?')).not.toContain('Fix it on the BYOK Models page');
    expect(completions()).toBe(sent);
  });

  it('the Models page leads to the usage view, where a wrong amount is refused and a higher budget is saved', async () => {
    const page = await openModelsPage(browser.page);
    await page.getByRole('button', { name: 'Usage, costs and budgets' }).click();
    const view = usageView(browser.page);
    const budgets = view.getByRole('list', { name: 'Spent against each budget' });
    await expect.poll(() => textOf(budgets), { timeout: 30_000 }).toMatch(/Daily budget, all providers\s*\$0\.\d+ of \$0\.001 \(\d+ %\)/);
    const daily = view.getByRole('textbox', { name: 'Daily limit for All providers together, in US dollars' });
    expect(await daily.inputValue()).toBe('0.001');
    expect(await view.getByRole('checkbox', { name: /^Stop at the limit/ }).isChecked()).toBe(true);

    await daily.fill('ten');
    await view.getByRole('button', { name: 'Save budgets' }).click();
    await expect.poll(() => textOf(view.getByRole('form', { name: 'Set budgets' }))).toContain('Budgets not saved: one field needs a fix.');
    expect(await daily.getAttribute('aria-invalid')).toBe('true');
    expect(await textOf(view.locator(`#${await daily.getAttribute('aria-describedby')}`))).toBe('Enter an amount in US dollars greater than 0, such as 25 or 12.50, or leave it empty for no limit.');
    expect(userBudgets()).toEqual({ dailyUsd: LIMIT, stopAtLimit: true });

    await daily.fill('100');
    await daily.press('Enter');
    await expect.poll(() => textOf(view.getByRole('form', { name: 'Set budgets' })), { timeout: 15_000 }).toContain('Budgets saved in your user settings (byok.budgets).');
    expect(userBudgets()).toEqual({ dailyUsd: 100, stopAtLimit: true });
    await expect.poll(() => textOf(budgets), { timeout: 15_000 }).toMatch(/Daily budget, all providers\s*\$0\.\d+ of \$100\.00 \(0 %\)/);

    // And back to the Models page.
    await view.getByRole('button', { name: 'Open the Models page' }).click();
    await expect.poll(() => browser.page.getByRole('tab', { name: /^BYOK Models/ }).getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true');
  });

  // Was skipped (session 6: no answer within 240 s). The chat did answer: from the third turn of a
  // chat Copilot Chat's prompt mentions read_file outside the user's words, the simulator took that
  // for the user naming a tool, and its "model" called read_file("userRequest"); the agent went on
  // with the tool's error, a round more, and the answer never said hello. The simulator now reads
  // tool names in the user's words only (userWordsOf).
  it('with the budget raised, the next prompt is answered again', async () => {
    await clearNotifications();
    await turnEnded('Is this one sent?');
    const sent = completions();
    await send('And now?');
    await expect.poll(() => answer('And now?'), { timeout: 200_000, message: `answer (${completions()} requests reached the simulator)` }).toContain('Hello from the simulator! You said: And now?.');
    expect(completions()).toBeGreaterThan(sent);
  }, 360_000);

  // Was skipped (session 6: after Cancel no new response within 120 s). Cancel did answer "Not
  // sent: …" in the chat, but the test counted answers, and the chat's list, longer than its view
  // by then, took the oldest answer off the page as the new one came: the count stayed the same.
  // Answers are now found by their prompt (answerTo).
  it('asks before a request whose prompt costs more than the amount set: Cancel sends nothing, Send sends it', async () => {
    await runCommand(browser.page, 'BYOK: Show Usage and Costs');
    const view = usageView(browser.page);
    const askAbove = view.getByRole('textbox', { name: 'Ask before a request estimated above (USD)' });
    await askAbove.fill('0.001');
    await askAbove.press('Enter');
    await expect.poll(() => textOf(view.getByRole('form', { name: 'Set budgets' })), { timeout: 15_000 }).toContain('Budgets saved in your user settings (byok.budgets).');
    expect(userBudgets()).toEqual({ dailyUsd: 100, stopAtLimit: true, askAboveUsd: 0.001 });

    const dialog = browser.page.getByRole('dialog').filter({ hasText: 'Send this large request to gpt-4.1?' });
    await turnEnded('And now?');
    const sent = completions();
    await send('Is this too big?');
    // The agent's prompt (~18,000 tokens at $2 per million) is about $0.04.
    await expect.poll(() => textOf(dialog), { timeout: 120_000 }).toMatch(/Its prompt alone is about [\d,]+ tokens, about \$0\.\d+ at the model’s input price; you asked to confirm requests above \$0\.001\./);
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => answer('Is this too big?'), { timeout: 120_000 }).toMatch(/Not sent: you chose not to send this request \(its prompt alone is about \$0\.\d+\)\./);
    expect(completions()).toBe(sent);

    await turnEnded('Is this too big?');
    await send('Then send it');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 120_000 });
    await expect.poll(() => answer('Then send it'), { timeout: 200_000, message: `answer (${completions()} requests reached the simulator)` }).toContain('Hello from the simulator! You said: Then send it.');
    expect(completions()).toBeGreaterThan(sent);
  }, 600_000);

  it('the usage view shows the answers’ cost, the daily chart and each budget’s progress (the README screenshot)', async () => {
    await runCommand(browser.page, 'BYOK: Show Usage and Costs');
    const view = usageView(browser.page);
    const monthly = view.getByRole('textbox', { name: 'Monthly limit for All providers together, in US dollars' });
    await monthly.fill('0.25');
    await monthly.press('Enter');
    await expect.poll(() => textOf(view.getByRole('form', { name: 'Set budgets' })), { timeout: 15_000 }).toContain('Budgets saved in your user settings (byok.budgets).');
    expect(userBudgets()).toEqual({ monthlyUsd: 0.25, dailyUsd: 100, stopAtLimit: true, askAboveUsd: 0.001 });
    // The three answers that went through (the first, after raising the budget, after Send), priced at the catalogue's gpt-4.1 price.
    const today = view.getByRole('table', { name: 'Totals by period' }).getByRole('row', { name: /^Today/ });
    // Requests, input, cached input, output and reasoning tokens, cost.
    await expect.poll(() => today.getByRole('cell').allTextContents(), { timeout: 15_000 }).toEqual(['3', expect.stringMatching(/^[\d,]+$/), expect.stringMatching(/^[\d,]+$/), expect.stringMatching(/^[\d,]+$/), '0', expect.stringMatching(/^\$0\.\d+$/)]);
    const budgets = view.getByRole('list', { name: 'Spent against each budget' });
    await expect.poll(() => textOf(budgets)).toMatch(/Monthly budget, all providers\s*\$0\.\d+ of \$0\.25 \(\d+ %\)/);
    expect(await textOf(budgets)).toMatch(/Daily budget, all providers\s*\$0\.\d+ of \$100\.00 \(0 %\)/);
    // The chart's figures for a screen reader: today's cost of gpt-4.1.
    const daily = view.getByRole('table', { name: 'Daily cost by model, last 30 days' });
    expect(await daily.getByRole('columnheader').allTextContents()).toEqual(['Day', expect.stringContaining('gpt-4.1'), 'Total']);
    expect(await daily.getByRole('row').count()).toBe(2);

    // The README shows the view from its top down to the chart's table: no toasts, and without the
    // budget form (its fields are in the text; the picture stays small enough for the .vsix budget).
    await clearNotifications();
    await browser.page.addStyleTag({ content: '.notifications-toasts { display: none !important; }' });
    // A handle: once hidden, the form is out of the accessibility tree, where getByRole looks.
    const form = (await view.getByRole('form', { name: 'Set budgets' }).elementHandle())!;
    await form.evaluate((el) => ((el as HTMLElement).hidden = true));
    await view.locator('body').evaluate(() => window.scrollTo(0, 0));
    const frame = browser.page.locator('iframe.webview.ready >> visible=true');
    const chartBottom = await view.getByRole('region', { name: 'Daily cost, last 30 days' }).evaluate((el) => el.getBoundingClientRect().bottom);
    const frameTop = (await frame.boundingBox())!.y;
    await browser.page.setViewportSize({ width: 1400, height: Math.min(2400, Math.ceil(frameTop + chartBottom) + 80) });
    await view.locator('body').evaluate(() => window.scrollTo(0, 0));
    const box = (await frame.boundingBox())!;
    await browser.page.screenshot({ path: path.join(repoRoot, 'media', 'screenshot-usage.png'), clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, Math.ceil(chartBottom) + 16) } });
    await form.evaluate((el) => ((el as HTMLElement).hidden = false));
    await browser.page.setViewportSize({ width: 1400, height: 900 });
  });
});
