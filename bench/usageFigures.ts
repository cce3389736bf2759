// Usage and cost figures (run by bench/run.mjs in its own process, with tsx):
//  - recording one answer: pricing it from the loaded catalogue and appending its ledger line,
//    against the floor of the same two jobs done by the libraries alone (the price catalogue's
//    own lookup of the model, and appending a line of the same length to a file), alternately;
//  - the usage view's data from a ledger of 100,000 answers, in a window that has not read it yet
//    (the daily sums an earlier read left, plus the journal since; firstReadMs: that earlier read),
//    against the floor of reading the same file and JSON.parse-ing its lines, alternately;
//  - the ledger on disk after those 100,000 answers are compacted.
//   node --import tsx bench/usageFigures.ts
import { calcPrice } from '@pydantic/genai-prices';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cataloguePrice } from '../src/core/costs/catalogue';
import { answerRow, UsageLedger } from '../src/core/costs/ledger';
import { priceAnswer, pricedModel } from '../src/core/costs/prices';
import { summarizeUsage } from '../src/core/costs/usageSummary';
import { elapsedSince } from './slowdown.mjs';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
async function main(): Promise<void> {
const dir = mkdtempSync(path.join(tmpdir(), 'byok-bench-usage-'));
try {
  const ledger = new UsageLedger(path.join(dir, 'record'));
  const model = pricedModel('anthropic', {}, 'claude-sonnet-4-5');
  const usage = { inputTokens: 12_000, cacheReadTokens: 8_000, outputTokens: 600 };
  const lineOfLength = `\n${JSON.stringify(answerRow({ time: new Date(), provider: 'anthropic', model: 'claude-sonnet-4-5', workspace: 'shop', usage, cost: { usd: 0.01, source: 'catalogue' } }))}\n`;
  const catalogueUsage = { input_tokens: usage.inputTokens, cache_read_tokens: usage.cacheReadTokens, cache_write_tokens: 0, output_tokens: usage.outputTokens };
  const times: number[] = [];
  const floorTimes: number[] = [];
  const plainFile = path.join(dir, 'plain.jsonl');
  for (let i = 0; i < 2_000; i++) {
    let started = performance.now();
    const now = new Date();
    ledger.append({ time: now, provider: 'anthropic', model: 'claude-sonnet-4-5', workspace: 'shop', usage, cost: priceAnswer(usage, model, {}, cataloguePrice, now) });
    times.push(elapsedSince(started));
    // The floor: the catalogue prices the answer itself (its own lookup by provider and model),
    // and a line of the same length is appended to a file.
    started = performance.now();
    const floorPrice = calcPrice(catalogueUsage, 'claude-sonnet-4-5', { providerId: 'anthropic', timestamp: new Date() });
    appendFileSync(plainFile, lineOfLength);
    if (!floorPrice) throw new Error('the catalogue has no price for claude-sonnet-4-5');
    floorTimes.push(performance.now() - started);
  }
  const recordMs = median(times.slice(100));
  const recordRatio = median(times.slice(100).map((ms, i) => ms / floorTimes[i + 100]!));

  // 100,000 answers over the last 90 days (all kept as answers: the view's worst case).
  const big = path.join(dir, 'big');
  const now = Date.now();
  const models = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash', 'o4-mini'];
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const row = answerRow({ time: new Date(now - (i % 90) * 86_400_000 - i), provider: 'openai', model: models[i % models.length]!, workspace: `project-${i % 7}`, usage, cost: { usd: 0.01, source: 'catalogue' } });
    lines.push(`\n${JSON.stringify(row)}\n`);
  }
  new UsageLedger(big).appendRows([]);
  writeFileSync(path.join(big, 'usage.jsonl'), lines.join(''));
  const journalBytes = statSync(path.join(big, 'usage.jsonl')).size;
  // The first read of this ledger parses every answer and leaves daily sums for the windows after
  // it (compaction leaves them too); each run below is a window opening the view for the first time.
  let started = performance.now();
  await new UsageLedger(big).dailySums();
  const firstReadMs = performance.now() - started;
  const viewRuns: number[] = [];
  const parseRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    summarizeUsage(await new UsageLedger(big).dailySums(), new Date());
    viewRuns.push(elapsedSince(started));
    started = performance.now();
    const parsed = readFileSync(path.join(big, 'usage.jsonl'), 'utf8').split('\n').filter((line) => line).map((line) => JSON.parse(line) as unknown);
    if (parsed.length !== 100_000) throw new Error(`parsed ${parsed.length} lines`);
    parseRuns.push(performance.now() - started);
  }
  // Compaction keeps the newest answers of the recent window (at most 40,000); older ones become daily sums.
  await new UsageLedger(big).compact(new Date());
  const compactedBytes = statSync(path.join(big, 'usage-compacted.jsonl')).size;
  console.log(JSON.stringify({ recordMs, floorMs: median(floorTimes.slice(100)), recordRatio, viewRuns, parseRuns, usageViewDataMs: median(viewRuns), firstReadMs, journalBytes, compactedBytes }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
}

void main();
