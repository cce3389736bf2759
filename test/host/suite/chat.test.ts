import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allRoutes } from '../../simulator/routes';
import { startSimulator, type Simulator } from '../../simulator/server';
import { test } from './runner';
import { extensionServices } from './services';

const VENDORS = ['byok-openai', 'byok-anthropic', 'byok-gemini', 'byok-azure', 'byok-bedrock', 'byok-compatible'];
const MODEL = 'gpt-4o-mini';

let sim: Simulator | undefined;
const simulator = async () => (sim ??= await startSimulator({ routes: allRoutes }));

async function textOf(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const chunk of response.text) text += chunk;
  return text;
}

test('all six vendors are contributed, and none offers a model before anything is verified', async () => {
  const contributed = (vscode.extensions.getExtension('byok-models.byok-models')?.packageJSON.contributes.languageModelChatProviders ?? []) as { vendor: string }[];
  assert.deepEqual(contributed.map((p) => p.vendor).sort(), [...VENDORS].sort());
  for (const vendor of VENDORS) assert.deepEqual(await vscode.lm.selectChatModels({ vendor }), [], `${vendor} offers nothing yet`);
});

test('OpenAI against the simulator: verified + enabled model is offered and streams the answer', async () => {
  const { store, verifier } = await extensionServices();
  const { url } = await simulator();
  assert.deepEqual(await store.save('openai', { baseUrl: `${url}/v1` }, { apiKey: 'sk-hosttest-valid-0001' }), { ok: true });
  const result = await verifier.verify('openai');
  assert.equal(result?.ok, true, `verification failed: ${JSON.stringify(result?.error)}`);
  assert.ok(result!.models.some((m) => m.id === MODEL), `the verified models include ${MODEL}`);
  // Verified but nothing enabled: still nothing in the picker.
  assert.deepEqual(await vscode.lm.selectChatModels({ vendor: 'byok-openai' }), []);

  await store.setEnabledModels('openai', [MODEL]);
  const models = await vscode.lm.selectChatModels({ vendor: 'byok-openai' });
  assert.deepEqual(models.map((m) => m.id), [`openai/${MODEL}`]);
  for (const vendor of VENDORS.filter((v) => v !== 'byok-openai')) assert.deepEqual(await vscode.lm.selectChatModels({ vendor }), []);

  const response = await models[0]!.sendRequest([vscode.LanguageModelChatMessage.User('Say hi to the host test')], {}, new vscode.CancellationTokenSource().token);
  assert.equal(await textOf(response), 'Hello from the simulator! You said: Say hi to the host test.');
}, 60_000);

test('an answer reports its token usage for the chat\'s context-window meter (a `usage` data part, as Copilot Chat reads it)', async () => {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'byok-openai' });
  assert.ok(model, 'the model from the previous test is offered');
  const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Count my tokens')], {}, new vscode.CancellationTokenSource().token);
  const DataPart = (vscode as unknown as { LanguageModelDataPart?: new (...args: never[]) => { mimeType: string; data: Uint8Array } }).LanguageModelDataPart;
  assert.ok(DataPart, 'VS Code 1.139 has LanguageModelDataPart');
  const usage: unknown[] = [];
  for await (const part of response.stream) {
    if (part instanceof DataPart && part.mimeType === 'usage') usage.push(JSON.parse(new TextDecoder().decode(part.data)));
  }
  assert.equal(usage.length, 1, 'one usage report per answer');
  const report = usage[0] as { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  assert.ok(report.prompt_tokens > 0 && report.completion_tokens > 0, JSON.stringify(report));
  assert.equal(report.total_tokens, report.prompt_tokens + report.completion_tokens);
}, 60_000);

test('a 401 during chat marks OpenAI as needing verification and its models leave the picker', async () => {
  const { store } = await extensionServices();
  const server = await simulator();
  const [model] = await vscode.lm.selectChatModels({ vendor: 'byok-openai' });
  assert.ok(model, 'the model from the previous test is offered');
  server.setOverride('openai', { scenario: 'invalid_key' });
  let failure = '';
  try {
    // The error may surface from sendRequest itself or while streaming.
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('This key was revoked')], {}, new vscode.CancellationTokenSource().token);
    await textOf(response);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    server.setOverride('openai', undefined);
  }
  assert.match(failure, /key/i, 'the chat sees an invalid-key error');
  assert.ok(!failure.includes('sk-hosttest'), 'the error does not echo the key');
  const last = store.lastResult('openai');
  assert.equal(last?.ok, false);
  assert.equal(last?.error?.kind, 'invalid_key');
  assert.deepEqual(await vscode.lm.selectChatModels({ vendor: 'byok-openai' }), []);
}, 60_000);

for (const { id, vendor, key, answer } of [
  { id: 'anthropic', vendor: 'byok-anthropic', key: 'sk-ant-hosttest-valid-0001', answer: /^Hello from the Anthropic simulator \(.+\)\. You said: Hi from the host test/ },
  { id: 'gemini', vendor: 'byok-gemini', key: 'AIzaHostTestValidKey0001', answer: /^Hello from the Gemini simulator \(.+\)\. You said: Hi from the host test/ },
] as const) {
  test(`${vendor}: a verified, enabled model is offered under its own vendor and answers`, async () => {
    const { store, verifier } = await extensionServices();
    const { url } = await simulator();
    assert.deepEqual(await store.save(id, { baseUrl: url }, { apiKey: key }), { ok: true });
    const result = await verifier.verify(id);
    assert.equal(result?.ok, true, `verification failed: ${JSON.stringify(result?.error)}`);
    const model = result!.models[0]!;
    await store.setEnabledModels(id, [model.id]);
    try {
      const models = await vscode.lm.selectChatModels({ vendor });
      assert.deepEqual(models.map((m) => m.id), [`${id}/${model.id}`]);
      const response = await models[0]!.sendRequest([vscode.LanguageModelChatMessage.User('Hi from the host test')], {}, new vscode.CancellationTokenSource().token);
      assert.match(await textOf(response), answer);
    } finally {
      await store.remove(id);
      await store.setEnabledModels(id, []);
    }
    assert.deepEqual(await vscode.lm.selectChatModels({ vendor }), [], 'removed provider offers nothing');
  }, 60_000);
}

test('cleanup: removing OpenAI deletes its key', async () => {
  const { store, context } = await extensionServices();
  await store.remove('openai');
  assert.equal(await context.secrets.get('byok/openai/apiKey'), undefined);
  await store.setEnabledModels('openai', []);
  await sim?.close();
  sim = undefined;
});
