// Chat streaming figures (run by bench/run.mjs in its own process):
//  - time to first token through the shipped OpenAI adapter (dist/providers/openai.js) minus the
//    same through the `openai` SDK used directly, on the same simulator stream;
//  - streams the simulator sends at once, from the first text to the end, through the adapter
//    and through the SDK directly, alternately.
//   node bench/chatFigures.mjs <simUrl>
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distDir } from './extensionInNode.mjs';
import { median, setSimOverride } from './simulatorReplay.mjs';
import { elapsedSince } from './slowdown.mjs';
import { simulatorProfiles } from '../test/simulator/profiles.mjs';

const require = createRequire(import.meta.url);
const [simUrl] = process.argv.slice(2);
const { settings, secrets } = simulatorProfiles(simUrl).openai;
const { openAIRuntime } = await import(pathToFileURL(join(distDir, 'providers', 'openai.mjs')).href);
const OpenAI = require('openai').default ?? require('openai');

function context() {
  return { settings: { organization: undefined, project: undefined, ...settings }, secrets, timeoutMs: 60_000, signal: new AbortController().signal };
}

async function pickModel() {
  const res = await fetch(`${settings.baseUrl}/models`, { headers: { authorization: `Bearer ${secrets.apiKey}` } });
  const { data } = await res.json();
  const model = data.map((m) => m.id).find((id) => /^gpt-4o/.test(id)) ?? data[0]?.id;
  if (!model) throw new Error('the simulator listed no OpenAI models');
  return model;
}

/** Streams through the adapter; returns ms to the first text event and the text event count. */
async function viaAdapter(modelId, prompt) {
  const started = performance.now();
  let first;
  let chunks = 0;
  for await (const event of openAIRuntime.streamChat(context(), { modelId, messages: [{ role: 'user', parts: [{ type: 'text', text: prompt }] }] }, { id: modelId })) {
    if (event.type === 'error') throw new Error(`adapter stream failed: ${event.error.kind} ${event.error.message}`);
    if (event.type !== 'text') continue;
    first ??= elapsedSince(started);
    chunks++;
  }
  return { firstMs: first, chunks, totalMs: elapsedSince(started) };
}

async function viaSdk(client, modelId, prompt) {
  const started = performance.now();
  let first;
  let chunks = 0;
  const stream = await client.chat.completions.create({ model: modelId, messages: [{ role: 'user', content: prompt }], stream: true, stream_options: { include_usage: true } });
  for await (const chunk of stream) {
    if (!chunk.choices[0]?.delta?.content) continue;
    first ??= performance.now() - started;
    chunks++;
  }
  return { firstMs: first, chunks, totalMs: performance.now() - started };
}

async function main() {
  await setSimOverride(simUrl, 'openai', { chunkDelayMs: 0 });
  const modelId = await pickModel();
  const client = new OpenAI({ apiKey: secrets.apiKey, baseURL: settings.baseUrl, organization: null, project: null, maxRetries: 0 });
  const adapter = [];
  const sdk = [];
  for (let i = 0; i < 5; i++) {
    await viaAdapter(modelId, 'warm up');
    await viaSdk(client, modelId, 'warm up');
  }
  for (let i = 0; i < 30; i++) {
    adapter.push((await viaAdapter(modelId, `first token ${i}`)).firstMs);
    sdk.push((await viaSdk(client, modelId, `first token ${i}`)).firstMs);
  }
  const words = Array.from({ length: 30_000 }, (_, i) => `w${i}`).join(' ');
  // One sample is five answers in a row (one answer is a few milliseconds, too short to time alone).
  const streamMs = [];
  const sdkStreamMs = [];
  let chunks = 0;
  for (let i = 0; i < 9; i++) {
    let adapterMs = 0;
    let sdkMs = 0;
    for (let j = 0; j < 5; j++) {
      const run = await viaAdapter(modelId, words);
      chunks = run.chunks;
      adapterMs += run.totalMs - run.firstMs;
      const direct = await viaSdk(client, modelId, words);
      sdkMs += direct.totalMs - direct.firstMs;
    }
    streamMs.push(adapterMs);
    sdkStreamMs.push(sdkMs);
  }
  await setSimOverride(simUrl, 'openai', {});
  return {
    adapterFirstTokenMs: median(adapter),
    sdkFirstTokenMs: median(sdk),
    firstTokenOverheadMs: median(adapter) - median(sdk),
    firstTokenRatio: median(adapter.map((ms, i) => ms / sdk[i])),
    chunks,
    streamMs,
    sdkStreamMs,
    chunksPerSecond: (5 * chunks) / (median(streamMs) / 1000),
    sdkChunksPerSecond: (5 * chunks) / (median(sdkStreamMs) / 1000),
  };
}

main()
  .then((figures) => {
    process.stdout.write(JSON.stringify(figures) + '\n');
    process.exit(0);
  })
  .catch((err) => {
    process.stderr.write(`chat bench failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
