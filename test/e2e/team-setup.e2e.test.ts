import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator/server';
import { openBrowser, openModelsPage, repoRoot, startEditor, startSimulatorInProcess, type Editor, type EditorBrowser } from './harness';
import { button, openProvider, providerRegion, randomTail, screenshotModelsPage, statusOf, textField, textOf, unfoldAdvanced } from './modelsPage';

// Issue 15, item 5: a team setup from the repository's .vscode/byok-team.json, in a real editor.

function writeTeamFile(editor: Editor, file: unknown): void {
  mkdirSync(path.join(editor.dirs.workspace, '.vscode'), { recursive: true });
  writeFileSync(path.join(editor.dirs.workspace, '.vscode', 'byok-team.json'), JSON.stringify(file, null, 2));
}

/**
 * The editor's own file dialog (in a browser editor, a path in the quick input): `file` typed, or the
 * proposed one taken. The dialog writes its starting folder into the box only after it has read that
 * folder; a path typed before then is overwritten (CI once saw the import dialog open the workspace
 * folder instead of the file), so the box is filled once the dialog lists that folder.
 */
async function answerFileDialog(editorPage: Page, file?: string): Promise<void> {
  const widget = editorPage.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // Read: its list shows the folder's entries (at least "..") and the box holds that folder.
  await expect.poll(() => widget.locator('.quick-input-list .monaco-list-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toMatch(/\//);
  if (file) {
    await input.fill(file);
    await expect.poll(() => input.inputValue(), { timeout: 5_000 }).toBe(file);
  }
  await input.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 15_000 });
}

function teamRegion(page: FrameLocator): Locator {
  return page.getByRole('region', { name: 'Team setup and configuration' });
}

describe('a team setup from the workspace', () => {
  let sim: Simulator | undefined;
  let editor: Editor | undefined;
  let browser: EditorBrowser | undefined;

  afterEach(async () => {
    await browser?.close();
    await editor?.stop();
    browser = undefined;
    editor = undefined;
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('is offered; "Use it" configures the gateway, the member adds a key and Verify works; a stored key waits for confirmation of the new host', async () => {
    sim = await startSimulatorInProcess();
    editor = await startEditor();
    browser = await openBrowser(editor);
    const page = await openModelsPage(browser.page);

    // A key the member already has, verified against the simulator as 127.0.0.1.
    const openaiKey = `sk-test-e2e-valid-${randomTail(16)}`;
    const openai = await openProvider(page, 'OpenAI');
    await unfoldAdvanced(openai);
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await textField(openai, 'API key').fill(openaiKey);
    await button(openai, 'Verify and save').click();
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 45_000 }).toMatch(/^Verified/);

    // The repository gets a team file (a gateway, and OpenAI through another host name) while the
    // page is open: the page follows the file.
    const otherHost = sim.url.replace('127.0.0.1', 'localhost');
    writeTeamFile(editor, {
      version: 1,
      name: 'Acme platform',
      allowedProviders: ['openai', 'compatible'],
      allowedReason: 'Acme policy: OpenAI and the audited gateway only',
      providers: {
        openai: { baseUrl: `${otherHost}/v1` },
        compatible: [{ name: 'Acme gateway', baseUrl: `${sim.url}/openai-gateway/v1`, models: ['gpt-4o-mini'], keysNeeded: ['apiKey'] }],
      },
    });
    const team = teamRegion(page);
    const offer = team.getByRole('group', { name: 'This workspace recommends a team setup: Acme platform' });
    await offer.waitFor({ state: 'visible', timeout: 60_000 });
    const summary = await textOf(offer);
    expect(summary).toContain('OpenAI: changes baseUrl');
    expect(summary).toContain('your stored key waits for your confirmation of the new endpoint');
    expect(summary).toContain('Acme gateway: set up · models for chat: gpt-4o-mini · you add: API key');
    expect(summary).toContain('Disabled by this setup: Anthropic, Google Gemini, Azure OpenAI, AWS Bedrock (Acme policy: OpenAI and the audited gateway only)');
    // The offer as the README shows it.
    await offer.scrollIntoViewIfNeeded();
    await browser.page.locator('iframe.webview.ready').screenshot({ path: path.join(repoRoot, 'media', 'screenshot-team-setup.png') });
    await screenshotModelsPage(browser.page, offer, 'keys-team-setup');
    const before = sim.requests.length;
    await button(offer, 'Use it').click();

    // Providers the setup does not allow say so in their own section, with its reason.
    await expect
      .poll(() => textOf(providerRegion(page, 'Anthropic')), { timeout: 15_000 })
      .toContain('Disabled by the team setup: Acme policy: OpenAI and the audited gateway only');
    expect(await textOf(providerRegion(page, 'OpenAI'))).not.toContain('Disabled by the team setup');

    // Each member adds only their own key.
    const addKey = button(team, 'Add API key for Acme gateway');
    await addKey.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await textOf(team)).toContain('OpenAI: your stored key is not sent to the new endpoint until you confirm it in its section.');
    await addKey.click();
    const gateway = await openProvider(page, 'Acme gateway');
    const gatewayKey = `gw-e2e-${randomTail(20)}`;
    await textField(gateway, 'API key').fill(gatewayKey);
    await button(gateway, 'Verify and save').click();
    await expect.poll(() => textOf(statusOf(gateway)), { timeout: 45_000 }).toMatch(/^Verified/);
    const withKey = (key: string) => sim!.requests.slice(before).filter((r) => JSON.stringify(r.headers).includes(key));
    expect(withKey(gatewayKey).map((r) => r.path)).toContain('/openai-gateway/v1/models');

    // The stored OpenAI key went nowhere; the section asks before it goes to the new host.
    expect(withKey(openaiKey)).toEqual([]);
    const openaiAgain = await openProvider(page, 'OpenAI');
    await expect.poll(() => textOf(openaiAgain), { timeout: 15_000 }).toContain('The key is not sent to the new endpoint until you confirm.');
    await button(page, 'Verify all').click();
    await expect.poll(() => textOf(page.getByRole('status').first()), { timeout: 45_000 }).toMatch(/Verify all/);
    expect(withKey(openaiKey)).toEqual([]);
    await button(openaiAgain, 'Send key to new endpoint').click();
    await expect.poll(() => withKey(openaiKey).map((r) => r.headers.host), { timeout: 45_000 }).toContain(otherHost.replace('http://', ''));
  });

  it('Export configuration writes no key; Import configuration shows what will change and applies nothing until Apply', async () => {
    sim ??= await startSimulatorInProcess();
    editor = await startEditor();
    browser = await openBrowser(editor);
    const page = await openModelsPage(browser.page);
    const key = `sk-test-e2e-export-${randomTail(16)}`;
    const openai = await openProvider(page, 'OpenAI');
    await unfoldAdvanced(openai);
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await textField(openai, 'API key').fill(key);
    await button(openai, 'Verify and save').click();
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 45_000 }).toMatch(/^Verified/);

    // Export: the editor's save dialog proposes byok-configuration.json in the workspace.
    const exported = path.join(editor.dirs.workspace, 'byok-configuration.json');
    await button(page, 'Export configuration').click();
    await answerFileDialog(browser.page);
    const team = teamRegion(page);
    await expect.poll(() => textOf(team), { timeout: 30_000 }).toContain(`Configuration of 1 provider exported to ${exported}. It holds no key; it lists the keys to add.`);
    await screenshotModelsPage(browser.page, button(page, 'Export configuration'), 'keys-export');
    const json = readFileSync(exported, 'utf8');
    expect(json).not.toContain(key);
    expect(json).not.toContain(key.slice(-12));
    expect(JSON.parse(json).providers.openai).toMatchObject({ baseUrl: `${sim.url}/v1`, keysNeeded: ['apiKey'] });

    // Import: a file from a colleague with a local endpoint; the page shows what will change.
    const incoming = path.join(editor.dirs.workspace, 'colleague-configuration.json');
    writeFileSync(incoming, JSON.stringify({ version: 1, providers: { compatible: [{ name: 'Local Ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.2'] }] } }, null, 2));
    await button(page, 'Import configuration').click();
    await answerFileDialog(browser.page, incoming);
    const offer = team.getByRole('group', { name: `Import configuration from ${incoming}` });
    await offer.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await textOf(offer)).toContain('Local Ollama: set up · models for chat: llama3.2');
    await screenshotModelsPage(browser.page, offer, 'keys-import');
    await button(offer, 'Cancel').click();
    await offer.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByRole('region', { name: 'Local Ollama' }).count()).toBe(0);
    expect(existsSync(exported)).toBe(true);
  });

  it('the same workspace opened in Restricted Mode shows no offer', async () => {
    sim ??= await startSimulatorInProcess();
    editor = await startEditor({ untrustedWorkspace: true });
    writeTeamFile(editor, { version: 1, name: 'Acme platform', providers: { compatible: [{ name: 'Acme gateway', baseUrl: `${sim.url}/openai-gateway/v1` }] } });
    browser = await openBrowser(editor);
    // The editor says it is in Restricted Mode.
    await browser.page.getByText('Restricted Mode').first().waitFor({ state: 'visible', timeout: 60_000 });
    const page = await openModelsPage(browser.page);
    await providerRegion(page, 'OpenAI').waitFor({ state: 'visible', timeout: 15_000 });
    // The team state arrives right after the page's first state (within milliseconds when there
    // is an offer, as the test above shows); give it ample time to prove there is none.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await page.getByText('recommends a team setup').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Acme gateway' }).count()).toBe(0);
  });
});

