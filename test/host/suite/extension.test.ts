import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, test } from './runner';
import { extensionServices } from './services';

const modelsTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === 'BYOK Models');

test('the SecretStorage adapter stores, reads and deletes through context.secrets', async () => {
  const { context } = await extensionServices();
  const key = 'byok/host-test/probe';
  await context.secrets.store(key, 'probe-value-1');
  assert.equal(await context.secrets.get(key), 'probe-value-1');
  await context.secrets.store(key, 'probe-value-2');
  assert.equal(await context.secrets.get(key), 'probe-value-2');
  await context.secrets.delete(key);
  assert.equal(await context.secrets.get(key), undefined);
});

test('a saved key lives only in SecretStorage; the page sees present + last4; Remove deletes it', async () => {
  const { context, store } = await extensionServices();
  const canary = 'sk-hosttest-CANARY-7f3a91c2d4e5';
  const saved = await store.save('openai', { baseUrl: 'http://127.0.0.1:9/v1' }, { apiKey: canary });
  assert.deepEqual(saved, { ok: true });
  assert.equal(await context.secrets.get('byok/openai/apiKey'), canary);
  const snapshot = await store.snapshotOf('openai');
  assert.equal(snapshot.secrets.apiKey?.present, true);
  assert.equal(snapshot.secrets.apiKey?.last4, canary.slice(-4));
  assert.ok(!JSON.stringify(snapshot).includes(canary), 'the snapshot for the page must not carry the key');
  const settings = JSON.stringify(vscode.workspace.getConfiguration('byok').inspect('openai')?.globalValue ?? null);
  assert.ok(settings.includes('127.0.0.1:9'), `byok.openai holds the base URL (${settings})`);
  assert.ok(!settings.includes(canary), 'the key must not be in settings');
  await store.remove('openai');
  assert.equal(await context.secrets.get('byok/openai/apiKey'), undefined);
  assert.equal(await store.hasSecret('openai', 'apiKey'), false);
});

test('the commands are registered', async () => {
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['byok.openModels', 'byok.verifyAll', 'byok.useInChat', 'byok.diagnoseModel', 'byok.openUsage']) assert.ok(commands.includes(id), `${id} is registered`);
});

test('byok.openModels opens one panel titled "BYOK Models"; a second call reveals it', async () => {
  await vscode.commands.executeCommand('byok.openModels');
  const [tab] = await eventually(() => (modelsTabs().length === 1 ? modelsTabs() : undefined), 'the Models tab');
  assert.equal(tab!.label, 'BYOK Models');
  // Put something else in front, then ask again: still one panel, and it is the active one.
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext' }), { viewColumn: tab!.group.viewColumn });
  await eventually(() => !modelsTabs()[0]?.isActive, 'another editor in front');
  await vscode.commands.executeCommand('byok.openModels');
  await eventually(() => modelsTabs()[0]?.isActive, 'the Models tab revealed');
  assert.equal(modelsTabs().length, 1);
});

test('closing the Models panel disposes it; opening again creates a fresh one', async () => {
  await vscode.commands.executeCommand('byok.openModels');
  const [tab] = await eventually(() => (modelsTabs().length === 1 ? modelsTabs() : undefined), 'the Models tab');
  await vscode.window.tabGroups.close(tab!);
  await eventually(() => modelsTabs().length === 0, 'the Models tab closed');
  await vscode.commands.executeCommand('byok.openModels');
  await eventually(() => modelsTabs().length === 1, 'the Models tab reopened');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});
