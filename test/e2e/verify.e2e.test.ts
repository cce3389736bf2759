import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_ACCOUNT, SIM_SECRET } from '../simulator/aws/keys';
import type { Simulator } from '../simulator/server';
import { openModelsPage, runCommand, startEditorWithSimulator, stopEditorWithSimulator, waitForModelsPage, type Editor, type EditorBrowser } from './harness';
import { button, chooseAuthentication, openProvider, providerRegion, randomTail, statusOf, textField, textOf, unfoldAdvanced, valueOf } from './modelsPage';

// Issue 3: Verify from the Models page in a real editor, against the provider simulator on 127.0.0.1.
// The simulator re-checks every SigV4 signature with the secret it knows for the key id.
const AWS_ACCESS_KEY_ID = 'AKIASIMVALID0001';
const AWS_SECRET_ACCESS_KEY = SIM_SECRET;
const ROLE_ARN = `arn:aws:iam::${SIM_ACCOUNT}:role/byok-e2e`;

async function saveAndWaitForKey(region: Locator, key: string): Promise<void> {
  await button(region, 'Save without verifying').click();
  await expect.poll(() => textOf(region), { timeout: 15_000 }).toContain(`ends with ${key.slice(-4)}`);
}

async function verifyAndWait(region: Locator, expected: RegExp): Promise<string> {
  await button(region, 'Verify and save').click();
  await expect.poll(() => textOf(statusOf(region)), { timeout: 45_000 }).toMatch(expected);
  return textOf(statusOf(region));
}


describe('verifying providers from the Models page', () => {
  let sim: Simulator;
  let editor: Editor;
  let browser: EditorBrowser;
  let page: FrameLocator;
  const openaiKey = `sk-test-e2e-valid-${randomTail(16)}`;

  /** Saves a fresh Anthropic key pointed at the simulator; returns the key. */
  async function saveAnthropicKey(anthropic: Locator): Promise<string> {
    const key = `sk-ant-test-e2e-${randomTail(16)}`;
    await unfoldAdvanced(anthropic);
    await textField(anthropic, 'Base URL').fill(sim.url);
    await textField(anthropic, 'API key').fill(key);
    await saveAndWaitForKey(anthropic, key);
    return key;
  }

  beforeAll(async () => {
    // Bedrock's endpoint overrides are settings; the role's source credentials come from the
    // default chain, i.e. the sandbox's ~/.aws/credentials (HOME is the sandbox's).
    ({ sim, editor, browser } = await startEditorWithSimulator({
      editor: (sim) => ({
        settings: { 'byok.bedrock': { region: 'us-east-1', runtimeEndpoint: sim.url, controlEndpoint: sim.url, stsEndpoint: sim.url } },
      }),
      beforeBrowser: (editor) => {
        mkdirSync(path.join(editor.dirs.home, '.aws'), { recursive: true });
        writeFileSync(
          path.join(editor.dirs.home, '.aws', 'credentials'),
          `[default]\naws_access_key_id = ${AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n`,
        );
      },
    }));
    page = await openModelsPage(browser.page);
  });

  afterAll(() => stopEditorWithSimulator({ sim, editor, browser }));

  it('OpenAI against the simulator: "Verified" with the models to choose from', async () => {
    const openai = await openProvider(page, 'OpenAI');
    expect(await textOf(statusOf(openai))).toMatch(/^Not verified yet/);
    // A first visit (issue 13 items 6 and 14): where to get a key before anything failed; no Remove
    // where nothing is stored, no "not stored on this machine" notice for settings nobody synced.
    expect(await openai.getByRole('link', { name: 'Get a key at platform.openai.com' }).count()).toBe(1);
    expect(await button(openai, 'Remove').count()).toBe(0);
    expect(await textOf(page.locator('body'))).not.toContain('not stored on this machine');
    await unfoldAdvanced(openai);
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await textField(openai, 'API key').fill(openaiKey);
    await saveAndWaitForKey(openai, openaiKey);
    const status = await verifyAndWait(openai, /^Verified/);
    // One status line; the latency and what each stage proved are behind "Details".
    expect(status).toMatch(/^Verified · \d+ models$/);
    await openai.getByText('Details', { exact: true }).click();
    await expect.poll(() => textOf(openai)).toMatch(/Checked .* in \d+ ms/);
    await expect.poll(() => openai.getByRole('checkbox').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The real SDK called the simulator with the stored key.
    const listing = sim.requests.filter((r) => r.provider === 'openai' && r.method === 'GET' && r.path === '/v1/models');
    expect(listing.at(-1)?.headers.authorization).toBe(`Bearer ${openaiKey}`);
  });

  it('a rejected replacement key shows how to fix it and keeps the stored key', async () => {
    const openai = await openProvider(page, 'OpenAI');
    const badKey = `sk-test-sim-invalid_key-${randomTail(12)}`;
    await textField(openai, 'API key').fill(badKey);
    await button(openai, 'Verify and save').click();
    // The status names the problem and the region says how to fix it (where to get a key).
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 45_000 }).toMatch(/^Invalid key/);
    expect(await textOf(openai)).toMatch(/API key/);
    expect(await textOf(openai)).not.toContain(badKey);
    expect(sim.requests.some((r) => r.provider === 'openai' && r.headers.authorization === `Bearer ${badKey}`)).toBe(true);
    // Failed verification never replaces the stored key.
    expect(await textOf(openai)).toContain(`ends with ${openaiKey.slice(-4)}`);
    expect(await textOf(openai)).not.toContain(`ends with ${badKey.slice(-4)}`);
    await textField(openai, 'API key').fill('');
  });

  it('Bedrock in IAM role mode shows the external ID to put in the trust policy, and verifies', async () => {
    const bedrock = await openProvider(page, 'AWS Bedrock');
    await chooseAuthentication(bedrock, 'IAM role');
    await textField(bedrock, 'Role ARN').fill(ROLE_ARN);
    // Saving the role ARN generates the external ID the user puts into the role's trust policy.
    await button(bedrock, 'Save without verifying').click();
    const externalIdField = textField(bedrock, 'External ID');
    await expect.poll(() => valueOf(externalIdField), { timeout: 15_000 }).toMatch(/\S{8,}/);
    const externalId = await valueOf(externalIdField);
    await verifyAndWait(bedrock, /^Verified/);
    // AssumeRole carried that external ID, signed with the default chain's key.
    const assumeRole = sim.requests.filter((r) => r.provider === 'aws' && /AssumeRole/.test(r.body + r.query));
    expect(assumeRole.length).toBeGreaterThan(0);
    expect(decodeURIComponent(assumeRole.at(-1)!.body + assumeRole.at(-1)!.query)).toContain(externalId);
    expect(String(assumeRole.at(-1)!.headers.authorization)).toContain(`Credential=${AWS_ACCESS_KEY_ID}/`);
  });

  it('an OpenAI-compatible endpoint (a local Ollama, no key) is added by name; its address without /v1 is fixed in one click and verifies', async () => {
    await button(page, 'Add OpenAI-compatible endpoint').click();
    const form = page.getByRole('region', { name: 'New OpenAI-compatible endpoint' });
    await textField(form, 'Name').fill('Local Ollama');
    // What most Ollama users paste first: the server's address, without /v1 (issue 13, item 5).
    await textField(form, 'Base URL').fill(`${sim.url}/ollama`);
    await button(form, 'Add endpoint').click();
    await providerRegion(page, 'Local Ollama').waitFor({ state: 'visible', timeout: 15_000 });
    const ollama = await openProvider(page, 'Local Ollama');
    const failed = await verifyAndWait(ollama, /^Wrong base URL/);
    expect(failed).toContain(`There is no model list at ${sim.url}/ollama. The server’s API answers at ${sim.url}/ollama/v1: use that as the base URL.`);
    expect(failed).not.toContain('does not know the model');
    await button(ollama, `Use ${sim.url}/ollama/v1 and verify`).click();
    await expect.poll(() => textOf(statusOf(ollama)), { timeout: 45_000 }).toMatch(/^Verified/);
    await expect.poll(() => valueOf(textField(ollama, 'Base URL')), { timeout: 10_000 }).toBe(`${sim.url}/ollama/v1`);
    await expect.poll(() => ollama.getByRole('checkbox', { name: 'llama3.2:latest' }).count(), { timeout: 10_000 }).toBe(1);
  });

  it('"Verify all" verifies every configured provider', async () => {
    const anthropic = await openProvider(page, 'Anthropic');
    await saveAnthropicKey(anthropic);
    expect(await textOf(statusOf(anthropic))).toMatch(/^Not verified yet/);
    const gemini = await openProvider(page, 'Google Gemini');
    const geminiKey = `AIza-e2e-${randomTail(24)}`;
    await unfoldAdvanced(gemini);
    await textField(gemini, 'Base URL').fill(sim.url);
    await textField(gemini, 'API key').fill(geminiKey);
    await saveAndWaitForKey(gemini, geminiKey);

    const before = sim.requests.length;
    await button(page, 'Verify all').click();
    // One line sums the run up (and goes away after a few seconds when all is well).
    await expect
      .poll(() => textOf(page.getByRole('status').filter({ hasText: 'Verify all:' }).first()), { timeout: 60_000 })
      .toBe('Verify all: all 5 configured providers verified.');
    for (const name of ['OpenAI', 'Anthropic', 'Google Gemini', 'AWS Bedrock', 'Local Ollama']) {
      try {
        await expect.poll(() => textOf(statusOf(providerRegion(page, name))), { timeout: 60_000, message: `${name} after Verify all` }).toMatch(/^Verified/);
      } catch (err) {
        // Say what happened, so a failure tells a click that went nowhere from a verification that did not finish.
        const askedSoFar = [...new Set(sim.requests.slice(before).map((r) => `${r.provider} ${r.method} ${r.path} ${r.scenario}`))];
        const statuses = await Promise.all(['OpenAI', 'Anthropic', 'Google Gemini', 'AWS Bedrock', 'Local Ollama'].map(async (n) => `${n}: ${await textOf(statusOf(providerRegion(page, n)))}`));
        throw new Error(`${(err as Error).message}\nrequests since Verify all: ${askedSoFar.join('; ') || 'none'}\nstatuses: ${statuses.join(' | ')}`);
      }
    }
    const asked = new Set(sim.requests.slice(before).map((r) => r.provider));
    expect([...asked].sort()).toEqual(expect.arrayContaining(['anthropic', 'aws', 'compatible', 'gemini', 'openai']));
    // Providers nobody configured are left alone.
    expect(await textOf(statusOf(providerRegion(page, 'Azure OpenAI')))).toMatch(/^Not verified yet/);
    expect(asked.has('azure')).toBe(false);
  });

  it('"Test" on a Gemini model (verified by Verify all) says it is reachable and that quota was not checked: nothing was generated', async () => {
    const gemini = await openProvider(page, 'Google Gemini');
    const row = gemini.locator('tr[data-model="gemini-2.5-flash"]');
    const before = sim.requests.length;
    await row.getByRole('button', { name: /^Test / }).click();
    await expect.poll(() => textOf(row), { timeout: 45_000 }).toContain('generation quota not checked');
    expect(await textOf(row)).not.toMatch(/answered/i);
    // The free token count, not a generation (issue 13 item 9).
    const calls = sim.requests.slice(before).filter((r) => r.provider === 'gemini');
    // (The Test lists the models first, as a Verify does.)
    expect(calls.filter((r) => r.path.endsWith('gemini-2.5-flash:countTokens'))).toHaveLength(1);
    expect(calls.filter((r) => /generateContent/i.test(r.path))).toEqual([]);
  });

  it('a settings.json with a syntax error: Save says the settings could not be written and why, and keeps the stored key', async () => {
    const anthropic = await openProvider(page, 'Anthropic');
    const storedKey = await saveAnthropicKey(anthropic);

    const settingsFile = path.join(editor.dirs.userData, 'User', 'settings.json');
    const original = readFileSync(settingsFile, 'utf8');
    // A missing comma, as when settings.json is edited by hand.
    writeFileSync(settingsFile, original.replace(/\}\s*$/, ',\n  "editor.fontSize": 14\n  "editor.tabSize": 2\n}\n'));
    try {
      const refusedKey = `sk-ant-test-e2e-${randomTail(16)}`;
      await textField(anthropic, 'API key').fill(refusedKey);
      await button(anthropic, 'Save without verifying').click();
      await expect.poll(() => textOf(anthropic), { timeout: 15_000 }).toContain('Your user settings could not be written, so nothing was saved.');
      // The editor's own reason says what to do.
      expect(await textOf(anthropic)).toMatch(/Unable to write into user settings.*correct errors/);
      expect(await textOf(anthropic)).toContain(`ends with ${storedKey.slice(-4)}`);
    } finally {
      writeFileSync(settingsFile, original);
    }
  });

  it('the Settings editor links a provider\'s settings to the Models page', async () => {
    const workbench = browser.page;
    // Close the Models tab with its close button, so that only the link can bring the page back.
    const modelsTab = workbench.getByRole('tab', { name: /^BYOK Models/ });
    await modelsTab.hover();
    await modelsTab.getByRole('button', { name: /^Close/ }).click();
    await expect.poll(() => workbench.locator('iframe.webview').count()).toBe(0);
    await runCommand(workbench, 'Preferences: Open User Settings');
    // The settings search box has the focus when the editor opens.
    const link = workbench.locator('.setting-item-markdown a', { hasText: 'Models page' }).first();
    await expect
      .poll(
        async () => {
          if (await link.isVisible()) return true;
          await workbench.keyboard.press('ControlOrMeta+A');
          await workbench.keyboard.insertText('byok.anthropic');
          return false;
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(true);
    await link.click();
    const models = await waitForModelsPage(workbench);
    await expect.poll(async () => textOf(await openProvider(models, 'Anthropic'))).toContain('API key');
  });

  it('"Test" on a model makes the tiny real call: a key without credit lists models but fails there, on that model\'s row', async () => {
    const openai = await openProvider(page, 'OpenAI');
    const quotaKey = `sk-test-sim-quota_exhausted-${randomTail(12)}`;
    await textField(openai, 'API key').fill(quotaKey);
    // Listing models works with a key that has no credit left…
    await verifyAndWait(openai, /^Verified/);
    const before = sim.requests.length;
    await openai.getByRole('button', { name: 'Test gpt-4o-mini with a tiny request' }).click();
    // …a call to a model does not: that model's row says so with the fix (issue 13 item 4), and the
    // provider stays verified with its other models.
    const row = openai.getByRole('row').filter({ has: page.getByRole('checkbox', { name: 'gpt-4o-mini', exact: true }) });
    await expect.poll(() => textOf(row), { timeout: 45_000 }).toMatch(/✗ Quota exhausted: .*(credit|billing)/i);
    expect(await textOf(statusOf(openai))).toMatch(/^Verified · \d+ models/);
    const calls = sim.requests.slice(before).filter((r) => r.provider === 'openai' && r.path === '/v1/chat/completions');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toContain('gpt-4o-mini');
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${quotaKey}`);
  });

  // Every update from the editor (here: Azure's own slow Verify ending while the user works in
  // its section) used to rebuild the open section: the caret jumped and a click whose button was
  // replaced between press and release did nothing. What did not change now stays as it is.
  describe('an update arriving while the user works in the section', () => {
    let azure: Locator;
    /** Starts a Verify of Azure that the simulator answers after a few seconds; returns once it shows "Verifying". */
    async function slowVerify(): Promise<void> {
      sim.setOverride('azure', { latencyMs: 2_500 });
      await button(azure, 'Verify and save').click();
      await expect.poll(() => textOf(statusOf(azure)), { timeout: 15_000 }).toMatch(/^Verifying/);
    }
    async function verified(): Promise<void> {
      await expect.poll(() => textOf(statusOf(azure)), { timeout: 45_000 }).toMatch(/^Verified · 1 deployment/);
      sim.setOverride('azure', undefined);
    }

    afterAll(() => sim.setOverride('azure', undefined));

    it('(Azure with an API key and one deployment, verified)', async () => {
      azure = await openProvider(page, 'Azure OpenAI');
      await textField(azure, 'Endpoint').fill(sim.url);
      await textField(azure, 'Deployment').fill('prod-reasoner');
      await textField(azure, 'API key').fill(`azkey-e2e-updates-${randomTail(16)}`);
      await button(azure, 'Verify and save').click();
      await verified();
    });

    it('keeps the caret where the user put it in the field being typed in', async () => {
      await slowVerify();
      const endpoint = textField(azure, 'Endpoint');
      await endpoint.click();
      await endpoint.press('Home');
      for (let i = 0; i < 'http://'.length; i++) await endpoint.press('ArrowRight');
      await verified();
      // The caret is where it was (the field was not replaced), and typing goes on from there.
      const caret = () => endpoint.evaluate((el) => {
        const input = el instanceof HTMLInputElement ? el : el.shadowRoot?.querySelector('input');
        return [input?.selectionStart, input?.selectionEnd];
      });
      expect(await caret()).toEqual(['http://'.length, 'http://'.length]);
      await endpoint.pressSequentially('my-');
      expect(await valueOf(endpoint)).toBe(sim.url.replace('http://', 'http://my-'));
      await endpoint.fill(sim.url);
    });

    /** [selectionStart, selectionEnd] of the input inside a field. */
    const caretOf = (field: Locator) =>
      field.evaluate((el) => {
        const input = el instanceof HTMLInputElement ? el : el.shadowRoot?.querySelector('input');
        return [input?.selectionStart, input?.selectionEnd];
      });

    it('keeps the caret in a field whose message changed as the user typed, when the update arrives', async () => {
      await slowVerify();
      const endpoint = textField(azure, 'Endpoint');
      await endpoint.click();
      await endpoint.press('Home');
      for (let i = 0; i < 'http://'.length; i++) await endpoint.press('ArrowRight');
      // "http://m127.0.0.1:…" is no URL (a host name ending in a number must be an IPv4 address): the field says so at once.
      await endpoint.pressSequentially('m');
      await expect.poll(() => azure.getByText('Endpoint is not a valid URL', { exact: false }).count(), { timeout: 5_000 }).toBe(1);
      await verified();
      expect(await caretOf(endpoint)).toEqual(['http://m'.length, 'http://m'.length]);
      await endpoint.pressSequentially('y-');
      expect(await valueOf(endpoint)).toBe(sim.url.replace('http://', 'http://my-'));
      await endpoint.fill(sim.url);
    });

    it('keeps the caret in a deployment name being typed (its Remove button names it as typed)', async () => {
      await slowVerify();
      const deployment = textField(azure, 'Deployment');
      await deployment.click();
      await deployment.press('Home');
      for (let i = 0; i < 'prod-'.length; i++) await deployment.press('ArrowRight');
      await deployment.pressSequentially('x');
      expect(await azure.getByRole('button', { name: 'Remove deployment prod-xreasoner' }).count()).toBe(1);
      await verified();
      expect(await caretOf(deployment)).toEqual(['prod-x'.length, 'prod-x'.length]);
      await deployment.pressSequentially('y');
      expect(await valueOf(deployment)).toBe('prod-xyreasoner');
      await deployment.fill('prod-reasoner');
    });

    it('does not lose a click pressed before the update and released after it', async () => {
      await textField(azure, 'Endpoint').fill(sim.url);
      await slowVerify();
      const group = azure.getByRole('radiogroup', { name: 'Authentication' });
      const box = await group.getByText('Microsoft Entra ID', { exact: true }).boundingBox();
      expect(box).not.toBeNull();
      await browser.page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
      await browser.page.mouse.down();
      await verified();
      await browser.page.mouse.up();
      // The choice took: the form now asks for the Entra ID fields instead of an API key.
      await expect.poll(() => textField(azure, 'Tenant ID').count(), { timeout: 5_000 }).toBe(1);
      expect(await textField(azure, 'API key').count()).toBe(0);
      await chooseAuthentication(azure, 'API key');
    });

    it('shown again after another tab, shows what changed while it was hidden', async () => {
      // The page opened with Azure verified (its HTML carried that state); another tab (the usage view) hides it.
      await runCommand(browser.page, 'BYOK: Show Usage and Costs');
      const modelsTab = browser.page.getByRole('tab', { name: /^BYOK Models/ });
      await expect.poll(() => modelsTab.getAttribute('aria-selected'), { timeout: 15_000 }).toBe('false');
      // Meanwhile the key stops working, found by a check run from the Command Palette.
      sim.setOverride('azure', { scenario: 'invalid_key' });
      await runCommand(browser.page, 'BYOK: Verify All Providers');
      await browser.page.getByText(/providers verified; \d+ failed/).first().waitFor({ timeout: 60_000 });
      await runCommand(browser.page, 'BYOK: Open Models Settings');
      page = await waitForModelsPage(browser.page);
      azure = providerRegion(page, 'Azure OpenAI');
      await expect.poll(() => textOf(statusOf(azure)), { timeout: 45_000 }).toMatch(/^Invalid key/);
      sim.setOverride('azure', undefined);
      await button(azure, 'Verify and save').click();
      await verified();
    });
  });
});
