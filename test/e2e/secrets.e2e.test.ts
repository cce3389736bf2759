import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countFiles, defaultVsix, openModelsPage, reloadWindow, searchPageFor, searchTreeFor, startEditorWithSimulator, stopEditorWithSimulator, vsixWithVersion, waitForModelsPage, type Editor, type EditorBrowser, type LeakHit } from './harness';
import type { Simulator } from '../simulator/server';
import { button, openProvider, randomTail, statusOf, textField, textOf, unfoldAdvanced, valueOf } from './modelsPage';

/** The editor restores the open Models tab after a reload: 30 s was too short on a busy 2-core machine (up to 114 s seen). */
const RESTORE_MS = 120_000;

// Issue 2: a saved key survives a reload, the page shows only its last four characters, and the
// key is nowhere on disk or in the page (also after an upgrade of the extension): not in settings, state DBs, logs, or any frame's DOM.
// The canary is also rejected by the simulator, whose error body quotes the whole key (stricter
// than OpenAI, which masks it), so the error path (status line, logs) must redact it too.
describe('a saved API key in the real editor', () => {
  const canary = `sk-canary-sim-invalid_key-${randomTail(20)}`;
  const last4 = canary.slice(-4);
  const organization = `org-e2e-${randomTail(10)}`;
  let sim: Simulator;
  let editor: Editor;
  let browser: EditorBrowser;

  beforeAll(async () => {
    ({ sim, editor, browser } = await startEditorWithSimulator());
  });

  afterAll(() => stopEditorWithSimulator({ sim, editor, browser }));

  const describeHits = (hits: LeakHit[]) => hits.map((h) => `${path.relative(editor.dirs.root, h.where) || h.where} (${h.encoding} @${h.offset}): ${h.context}`);

  it('is saved from the Models page and shown by its last four characters only', async () => {
    const page = await openModelsPage(browser.page);
    const openai = await openProvider(page, 'OpenAI');
    await textField(openai, 'API key').fill(canary);
    await unfoldAdvanced(openai);
    await textField(openai, 'Base URL').fill(`${sim.url}/v1`);
    await textField(openai, 'Organization').fill(organization);
    // A user looks at the form before saving; the browser snapshots page state meanwhile.
    await browser.page.waitForTimeout(3_000);
    // Stored without a check: the canary is a key the provider rejects.
    await button(openai, 'Save without verifying').click();
    await expect.poll(() => textOf(openai), { timeout: 15_000 }).toContain(`ends with ${last4}`);
    expect(await valueOf(textField(openai, 'API key'))).toBe('');
  });

  it('is rejected by the provider without the key showing up in the error', async () => {
    const page = await waitForModelsPage(browser.page);
    const openai = await openProvider(page, 'OpenAI');
    await button(openai, 'Verify and save').click();
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 30_000 }).toMatch(/^Invalid key/);
    // The stored key was sent, and the provider's answer quoted it back.
    expect(sim.requests.some((r) => r.provider === 'openai' && r.headers.authorization === `Bearer ${canary}`)).toBe(true);
    expect(await textOf(openai)).not.toContain(canary);
    expect(await textOf(openai)).toContain(`ends with ${last4}`);
  });

  it('is still stored after the window reloads, and the key field stays empty', async () => {
    await reloadWindow(browser.page);
    // The editor restores the open Models tab by itself (the extension registers a serializer).
    const page = await waitForModelsPage(browser.page, RESTORE_MS);
    const openai = await openProvider(page, 'OpenAI');
    await expect.poll(() => textOf(openai), { timeout: 15_000 }).toContain(`ends with ${last4}`);
    expect(await valueOf(textField(openai, 'API key'))).toBe('');
    expect(await textOf(openai)).not.toContain(canary);
  });

  it('is still stored after a newer version of the extension is installed over it and the window reloads', async () => {
    // An upgrade as the editor does it: the next release installed while it runs, then a reload.
    editor.install(vsixWithVersion(defaultVsix, '0.1.1'));
    await reloadWindow(browser.page);
    const installed = JSON.parse(readFileSync(path.join(editor.dirs.extensions, 'extensions.json'), 'utf8')) as { identifier: { id: string }; version: string }[];
    expect(installed.filter((e) => e.identifier.id === 'byok-models.byok-models').map((e) => e.version)).toEqual(['0.1.1']);
    const page = await waitForModelsPage(browser.page, RESTORE_MS);
    const openai = await openProvider(page, 'OpenAI');
    await expect.poll(() => textOf(openai), { timeout: 15_000 }).toContain(`ends with ${last4}`);
    // The key is still usable, not just listed: Verify sends it again.
    const sent = sim.requests.length;
    await button(openai, 'Verify and save').click();
    await expect
      .poll(() => sim.requests.slice(sent).some((r) => r.provider === 'openai' && r.headers.authorization === `Bearer ${canary}`), { timeout: 30_000 })
      .toBe(true);
    await expect.poll(() => textOf(statusOf(openai)), { timeout: 30_000 }).toMatch(/^Invalid key/);
  });

  it('appears in no frame of the page (DOM, shadow roots, field values)', async () => {
    expect(await searchPageFor(browser.page, canary)).toEqual([]);
    // The search does see the page: the organization typed next to the key is shown back.
    expect((await searchPageFor(browser.page, organization)).length).toBeGreaterThan(0);
  });

  it('appears in no file of the editor: settings, state DBs, logs, extensions, workspace, temp', () => {
    const dirs = [editor.dirs.userData, editor.dirs.extensions, editor.dirs.workspace, editor.dirs.home, editor.dirs.tmp, editor.serverLog];
    expect(dirs.flatMap((dir) => describeHits(searchTreeFor(dir, canary)))).toEqual([]);
    // The search is not vacuous: it reads the profile's files and finds the non-secret setting.
    expect(countFiles(editor.dirs.userData)).toBeGreaterThan(20);
    const orgHits = searchTreeFor(editor.dirs.userData, organization).map((h) => path.basename(h.where));
    expect(orgHits).toContain('settings.json');
    // The extension's own output channel log is among the files searched.
    const logs = readdirSync(path.join(editor.dirs.userData, 'logs'), { recursive: true }).map(String);
    expect(logs.some((file) => path.basename(file) === 'BYOK Models.log')).toBe(true);
  });

  it('is not in plaintext in the browser profile either (SecretStorage encrypts it there)', () => {
    expect(describeHits(searchTreeFor(editor.dirs.browserProfile, canary))).toEqual([]);
  });

  it('appears nowhere after the browser and the editor shut down and flush their state', async () => {
    await browser.close();
    await editor.stop({ removeDir: false });
    expect(describeHits(searchTreeFor(editor.dirs.root, canary))).toEqual([]);
  });
});
