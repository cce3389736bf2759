#!/usr/bin/env node
// `npm run bench`: builds and packages the extension, starts the provider simulator, measures
// every figure of the performance budget, each timing against a baseline measured alternately in
// the same run (ratios, with their spread), prints a table, writes bench/results.json and the
// README's table, and exits non-zero when a budget is broken.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cpus, loadavg } from 'node:os';
import { repoRoot, writeEmptyBundle } from './extensionInNode.mjs';
import { median } from './simulatorReplay.mjs';
import { bundleSdkAlone } from './sdkAloneBundle.mjs';
import { simulatorProfiles } from '../test/simulator/profiles.mjs';
import { realEditorTools, setupRealEditor } from '../scripts/setup-real-editor.mjs';

const skipBuild = process.argv.includes('--skip-build');
const skipEditor = process.argv.includes('--skip-editor');
const started = Date.now();

/** Progress on stderr, with the seconds since the start: where a run spends its time. */
function log(line) {
  process.stderr.write(`[bench ${Math.round((Date.now() - started) / 1000)} s] ${line}\n`);
}

function runChecked(command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/**
 * The Node the extension really runs on: VS Code 1.139 (code-server 4.139.1) runs extensions on
 * Node 24, the version `scripts/setup-real-editor.mjs` installs. Node 20 loads ES modules
 * noticeably slower, so measuring on it would not be what users get.
 */
function extensionHostNode() {
  const { node } = realEditorTools();
  if (existsSync(node)) return node;
  if (skipEditor) {
    log(`the extension host's Node 24 is not installed (node scripts/setup-real-editor.mjs); measuring with ${process.version}`);
    return process.execPath;
  }
  return setupRealEditor().node;
}
const hostNode = extensionHostNode();
const hostNodeVersion = spawnSync(hostNode, ['--version'], { encoding: 'utf8' }).stdout.trim();

/** Runs one measurement in a fresh extension-host-Node process and returns its JSON line. */
function measure(args, nodeFlags = []) {
  const result = spawnSync(hostNode, [...nodeFlags, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

async function startSimulatorProcess() {
  // One origin per provider (five more ports), as each provider is its own host for a user, and a
  // seventh where the SDK-alone floor of the first Verify after the page opened warms up.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/simulator/main.ts'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, BYOK_SIM_EXTRA_PORTS: '6' } });
  const first = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  const { url, urls } = JSON.parse(first);
  return { url, urls, stop: () => child.kill('SIGTERM') };
}

/**
 * Budgets. Timings are ratios (or differences) against a baseline measured alternately in the
 * same run (A B A B …, the median of the round-by-round ratios), so the machine's speed and load
 * cancel out. The limits sit just above the spread seen on unchanged code on the 2-core machine
 * this was tuned on, so a regression of about 20 % fails (see the README's Performance section).
 * `target` rows show a goal from the issue for information where the budget is the ratio.
 */
// Budgets from runs of unchanged code on quiet 2-core machines and runs with BYOK_BENCH_SLOWDOWN=0.2,
// which must fail (spreads in the closing notes of sessions 8, 9, 11 and 13). Session 13, on a freshly
// set up machine: the cold and recording floors moved to the bundled SDKs and the price catalogue
// (their old floors depended on the file system); budgets chosen from five runs, then 10 of 10 runs
// passed and the slowdown run failed six; an eleventh run measured 1.48 for the cold verification of
// all six, so its budget is 1.5. Cold verification of all six: 1.29-1.48 (1.64 and 1.71 slowed);
// recording: 0.96-0.98 (1.15 slowed); streaming: 1.24-1.32, its budget 1.6 -> 1.45, nearer the spread.
const budget = {
  activationRatio: 3.3,
  coldAllRatio: 1.5,
  preloadedRatio: 0.6,
  warmRatio: 4.2,
  verifyAllRatio: 1.6,
  firstTokenRatio: 1.3,
  streamRatio: 1.45,
  recordRatio: 1.1,
  usageViewRatio: 1.35,
  modelsPageRatio: 2,
};
/** Goals from issue #17 that the bench shows but that are not budgets (see the README for why). */
const targets = { coldWorstRatio: 1.25, pageOpenedRatio: 1.5 };

const rows = [];
/** Runs one group of measurements; when it cannot measure, its figures are reported as failed. */
async function group(label, figureNames, fn) {
  log(label);
  try {
    await fn();
  } catch (err) {
    const reason = String(err?.message ?? err).split('\n').slice(0, 6).join(' | ');
    log(`${label}: could not measure: ${reason}`);
    for (const name of figureNames) rows.push({ name, value: NaN, unit: '', budget: 'measured', pass: false, details: reason });
  }
}
const rounded = (value) => Number(value.toFixed(Math.abs(value) < 10 ? 2 : 1));
/** One line of the table: `ok` decides pass/fail against the budget (undefined: for information). */
function figure(name, value, unit, budgetText, ok, { spread, against, details } = {}) {
  rows.push({ name, value: rounded(value), unit, spread: spread?.map(rounded), against, budget: budgetText, pass: ok, details });
}
/**
 * A ratio figure: ours ÷ the baseline, with the round-by-round spread and both absolute medians.
 * A `target` (a goal, not a budget) makes it a line for information.
 */
function ratioFigure(name, comparison, limit, { atLeast = false, unit = 'ms', details, target = false } = {}) {
  const ok = target ? undefined : atLeast ? comparison.ratio >= limit : comparison.ratio <= limit;
  figure(name, comparison.ratio, '×', `${target ? 'target ' : ''}${atLeast ? '≥' : '≤'} ${limit}`, ok, {
    spread: comparison.spread,
    against: `${rounded(comparison.ours)} vs ${rounded(comparison.floor)} ${unit}`,
    details,
  });
}

/** Runs ours and the baseline alternately, `rounds` times (A B A B …). */
function alternately(rounds, ours, floor) {
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    a.push(ours(i));
    b.push(floor(i));
  }
  return { ours: a, floor: b };
}
/** Median of the round-by-round ratios, their spread (min–max) and both medians. */
function compare(ours, floor) {
  const ratios = ours.map((value, i) => value / floor[i]);
  return { ratio: median(ratios), spread: [Math.min(...ratios), Math.max(...ratios)], ours: median(ours), floor: median(floor) };
}

/** Keeps the README's Performance table equal to the latest run (between its bench-table markers). */
function writeReadmeTable(figures, seconds, load) {
  const readme = join(repoRoot, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const cell = (r) => (Number.isNaN(r.value) ? 'not measured' : `${r.value} ${r.unit}`);
  const table = [
    '| figure | measured | spread | ours vs baseline | budget | |',
    '|---|---|---|---|---|---|',
    ...figures.map((r) => `| ${r.name} | ${cell(r)} | ${r.spread ? `${r.spread[0]}–${r.spread[1]}` : ''} | ${r.against ?? ''} | ${r.budget} | ${r.pass === undefined ? 'info' : r.pass ? 'pass' : '**fail**'} |`),
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} in ${seconds} s on ${cpus().length} cores (load average ${load} at the start); extension code on Node ${hostNodeVersion}, as in the editor's extension host.`,
  ].join('\n');
  const updated = text.replace(/<!-- bench-table -->[\s\S]*?<!-- \/bench-table -->/, `<!-- bench-table -->\n${table}\n<!-- /bench-table -->`);
  if (updated !== text) writeFileSync(readme, updated);
}

async function main() {
  const load = loadavg()[0].toFixed(1);
  if (!skipBuild) runChecked('npm', ['run', '--silent', 'package']);
  const sim = await startSimulatorProcess();
  const providerIds = Object.keys(simulatorProfiles(sim.url));
  const nodeFigures = ['bench/nodeFigures.mjs', sim.urls.join(',')];
  const recordingLoads = ['--expose-gc', '--import', './bench/recordModuleLoads.mjs'];
  /** Our cold first Verify per provider, beyond network (median ms), for the preload's figure. */
  let coldBeyondNetwork;
  try {
    await group('activation ÷ an empty bundle of the same size (15 + 15 fresh processes, alternately; memory: 3 more)', ['Activation ÷ empty bundle of the same size (Node)', 'First use after activation: host code loaded and wired (Node)', 'Provider SDK modules loaded at activation', 'Extension memory after activation', 'Extension memory after verifying all six'], async () => {
      const emptyBundle = writeEmptyBundle();
      const firstUse = [];
      const { ours, floor } = alternately(
        15,
        () => {
          const run = measure([...nodeFigures, 'activationOf'], recordingLoads);
          firstUse.push(run.firstUseMs);
          return run.activationMs;
        },
        () => measure([...nodeFigures, 'activationOf', emptyBundle], recordingLoads).activationMs,
      );
      ratioFigure('Activation ÷ empty bundle of the same size (Node)', compare(ours, floor), budget.activationRatio);
      // What activation leaves to the first command, page or chat question: loading dist/host.js and wiring it.
      figure('First use after activation: host code loaded and wired (Node)', median(firstUse), 'ms', 'info', undefined, { spread: [Math.min(...firstUse), Math.max(...firstUse)] });
      const runs = Array.from({ length: 3 }, () => measure([...nodeFigures, 'activation'], recordingLoads));
      const modules = Math.max(...runs.map((a) => a.modulesLoadedAtActivation));
      figure('Provider SDK modules loaded at activation', modules, 'modules', '0', modules === 0, { details: runs[0].modulesLoadedNames });
      const memActivation = median(runs.map((a) => a.memoryAfterActivationMb));
      const memVerify = median(runs.map((a) => a.memoryAfterVerifyAllMb));
      figure('Extension memory after activation', memActivation, 'MB', '≤ +10 MB', memActivation <= 10);
      figure('Extension memory after verifying all six', memVerify, 'MB', '≤ +80 MB', memVerify <= 80);
    });

    await group('cold first verification ÷ the SDK alone, bundled (5 rounds × 6 providers, fresh processes, alternately)', ['Cold first verification ÷ SDK alone, bundled (worst provider)', 'Cold first verification ÷ SDK alone, bundled (six providers together)'], async () => {
      const sdkAlone = await bundleSdkAlone();
      const ours = Object.fromEntries(providerIds.map((id) => [id, []]));
      const sdk = Object.fromEntries(providerIds.map((id) => [id, []]));
      // Five rounds (60 fresh processes, ~10 s): with three, the six-together ratio moved by 0.17
      // from run to run, nearly the 20 % its budget must catch.
      for (let round = 0; round < 5; round++) {
        for (const id of providerIds) {
          ours[id].push(measure([...nodeFigures, 'cold', id]).beyondNetworkMs);
          sdk[id].push(measure([sdkAlone, sim.url, id]).beyondNetworkMs);
        }
      }
      const perProvider = Object.fromEntries(providerIds.map((id) => [id, compare(ours[id], sdk[id])]));
      const worst = providerIds.reduce((a, b) => (perProvider[a].ratio >= perProvider[b].ratio ? a : b));
      const details = Object.fromEntries(providerIds.map((id) => [id, { ratio: rounded(perProvider[id].ratio), oursMs: rounded(perProvider[id].ours), sdkAloneMs: rounded(perProvider[id].floor) }]));
      ratioFigure(`Cold first verification ÷ SDK alone, bundled (worst provider: ${worst})`, perProvider[worst], targets.coldWorstRatio, { details, target: true });
      coldBeyondNetwork = Object.fromEntries(providerIds.map((id) => [id, perProvider[id].ours]));
      const sum = (lists, round) => providerIds.reduce((total, id) => total + lists[id][round], 0);
      const rounds = ours[providerIds[0]].map((_, round) => round);
      ratioFigure('Cold first verification ÷ SDK alone, bundled (six providers together)', compare(rounds.map((r) => sum(ours, r)), rounds.map((r) => sum(sdk, r))), budget.coldAllRatio);
    });

    await group('first Verify after the page opened ÷ warm Verify, and its floor: the SDK alone warmed up on another origin (3 + 3 processes, alternately)', ['Extension memory after opening the Models page (runtimes preloaded)', 'First Verify 1 s after the page opened ÷ warm Verify, beyond network (worst provider)', 'First Verify 1 s after the page opened ÷ warm Verify, beyond network (six providers together)', 'Floor: the SDK alone warmed up on another origin, first call ÷ warm call, beyond network (six providers together)', 'First Verify 1 s after the page opened ÷ cold first Verify (six providers together)'], async () => {
      const { ours: runs, floor: floorRuns } = alternately(
        3,
        () => measure([...nodeFigures, 'pageOpened'], ['--expose-gc']),
        () => measure(['bench/sdkNewOrigin.mjs', sim.urls.join(',')]),
      );
      const memory = median(runs.map((r) => r.memoryAfterPageOpenMb));
      figure('Extension memory after opening the Models page (runtimes preloaded)', memory, 'MB', '≤ +80 MB', memory <= 80);
      const perProvider = Object.fromEntries(
        providerIds.map((id) => [id, compare(runs.map((r) => r.perProvider[id].firstBeyondNetworkMs), runs.map((r) => r.perProvider[id].warmBeyondNetworkMs))]),
      );
      const worst = providerIds.reduce((a, b) => (perProvider[a].ratio >= perProvider[b].ratio ? a : b));
      const details = Object.fromEntries(providerIds.map((id) => [id, { ratio: rounded(perProvider[id].ratio), firstMs: rounded(perProvider[id].ours), warmMs: rounded(perProvider[id].floor) }]));
      ratioFigure(`First Verify 1 s after the page opened ÷ warm Verify, beyond network (worst: ${worst})`, perProvider[worst], targets.pageOpenedRatio, { details, target: true });
      // The worst of six ratios of 2-4 ms figures is mostly noise; the six together steadier.
      const sumOf = (list, side) => list.map((r) => providerIds.reduce((total, id) => total + r.perProvider[id][side], 0));
      ratioFigure('First Verify 1 s after the page opened ÷ warm Verify, beyond network (six providers together)', compare(sumOf(runs, 'firstBeyondNetworkMs'), sumOf(runs, 'warmBeyondNetworkMs')), targets.pageOpenedRatio, { target: true });
      // What no warm-up short of contacting the provider removes: an SDK's first request to a new
      // origin, with everything else warm (README, Performance).
      const floorPerProvider = Object.fromEntries(
        providerIds.map((id) => [id, { firstMs: rounded(median(floorRuns.map((r) => r.perProvider[id].firstBeyondNetworkMs))), warmMs: rounded(median(floorRuns.map((r) => r.perProvider[id].warmBeyondNetworkMs))) }]),
      );
      ratioFigure('Floor: the SDK alone warmed up on another origin, first call ÷ warm call, beyond network (six providers together)', compare(sumOf(floorRuns, 'firstBeyondNetworkMs'), sumOf(floorRuns, 'warmBeyondNetworkMs')), targets.pageOpenedRatio, { details: floorPerProvider, target: true });
      // What the preload buys: the same first Verify without it is the cold one measured above.
      if (coldBeyondNetwork) {
        const first = (id) => median(runs.map((r) => r.perProvider[id].firstBeyondNetworkMs));
        const together = (of) => providerIds.reduce((total, id) => total + of(id), 0);
        const preloaded = together(first);
        const cold = together((id) => coldBeyondNetwork[id]);
        figure('First Verify 1 s after the page opened ÷ cold first Verify (six providers together)', preloaded / cold, '×', `≤ ${budget.preloadedRatio}`, preloaded / cold <= budget.preloadedRatio, {
          against: `${rounded(preloaded)} vs ${rounded(cold)} ms`,
        });
      }
    });

    await group('warm verification ÷ raw HTTP replay (3 processes, 21 alternations each)', ['Warm verification ÷ raw HTTP (worst provider)', 'Warm verification overhead over raw HTTP (worst provider)'], async () => {
      const runs = Array.from({ length: 3 }, () => measure([...nodeFigures, 'overhead']));
      const perProvider = Object.fromEntries(providerIds.map((id) => [id, compare(runs.map((r) => r[id].verifyMs), runs.map((r) => r[id].rawMs))]));
      const worst = providerIds.reduce((a, b) => (perProvider[a].ratio >= perProvider[b].ratio ? a : b));
      const overheads = Object.fromEntries(providerIds.map((id) => [id, rounded(median(runs.map((r) => r[id].overheadMs)))]));
      const worstOverhead = Math.max(...Object.values(overheads));
      const requests = Object.fromEntries(providerIds.map((id) => [id, runs[0][id].requests]));
      ratioFigure(`Warm verification ÷ raw HTTP (worst provider: ${worst})`, perProvider[worst], budget.warmRatio, { details: { ratio: Object.fromEntries(providerIds.map((id) => [id, rounded(perProvider[id].ratio)])), requestsPerVerification: requests } });
      figure('Warm verification overhead over raw HTTP (worst provider)', worstOverhead, 'ms', 'target ≤ 3 ms', undefined, { details: overheads });
    });

    await group('Verify all', ['Verify all six ÷ slowest single (200 ms latency each)'], async () => {
      const all = measure([...nodeFigures, 'verifyAll']);
      figure('Verify all six ÷ slowest single (200 ms latency each)', all.verifyAllRatio, '×', `≤ ${budget.verifyAllRatio}`, all.verifyAllRatio <= budget.verifyAllRatio, {
        against: `${rounded(all.verifyAllMs)} vs ${rounded(all.slowestSingleMs)} ms`,
      });
    });

    await group('chat streaming (adapter and SDK alternately)', ['Chat: time to first token ÷ the SDK directly', 'Chat: answers streamed after their first token ÷ the SDK directly'], async () => {
      const chat = measure(['bench/chatFigures.mjs', sim.url]);
      figure('Chat: time to first token ÷ the SDK directly', chat.firstTokenRatio, '×', `≤ ${budget.firstTokenRatio}`, chat.firstTokenRatio <= budget.firstTokenRatio, {
        against: `${rounded(chat.adapterFirstTokenMs)} vs ${rounded(chat.sdkFirstTokenMs)} ms (${rounded(chat.firstTokenOverheadMs)} ms more; target ≤ 2 ms)`,
      });
      ratioFigure('Chat: answers streamed after their first token ÷ the SDK directly', compare(chat.streamMs, chat.sdkStreamMs), budget.streamRatio, {
        details: { chunks: chat.chunks, chunksPerSecond: Math.round(chat.chunksPerSecond), sdkChunksPerSecond: Math.round(chat.sdkChunksPerSecond) },
      });
    });

    await group('usage and costs', ['Recording an answer (price + ledger line) ÷ the catalogue pricing it + appending a line', 'Usage view data from 100,000 answers ÷ parsing the ledger file', 'Ledger on disk after compacting 100,000 answers'], async () => {
      const usage = measure(['--import', 'tsx', 'bench/usageFigures.ts']);
      figure('Recording an answer (price + ledger line) ÷ the catalogue pricing it + appending a line', usage.recordRatio, '×', `≤ ${budget.recordRatio}`, usage.recordRatio <= budget.recordRatio, {
        against: `${rounded(usage.recordMs)} vs ${rounded(usage.floorMs)} ms`,
      });
      ratioFigure('Usage view data from 100,000 answers ÷ parsing the ledger file', compare(usage.viewRuns, usage.parseRuns), budget.usageViewRatio);
      figure('Ledger on disk after compacting 100,000 answers', usage.compactedBytes / 1e6, 'MB', '≤ 12 MB', usage.compactedBytes <= 12e6, { details: { journalBytes: usage.journalBytes } });
    });

    const vsixBytes = statSync(join(repoRoot, 'byok-models.vsix')).size;
    const eagerBytes = statSync(join(repoRoot, 'dist', 'extension.js')).size;
    figure('.vsix size', vsixBytes / 1e6, 'MB', '≤ 3 MB', vsixBytes <= 3e6);
    // The activation shell registers and forwards only (2.8 KB); anything that grows it loads at activation.
    figure('Eager dist/extension.js', eagerBytes / 1024, 'KB', '≤ 8 KB', eagerBytes <= 8 * 1024);
  } finally {
    sim.stop();
  }

  if (!skipEditor) {
    await group('real editor: Models page ÷ a minimal webview, alternately (code-server)', ['Models page: command to interactive ÷ minimal webview (code-server)', 'Activation in the real editor (own mark)'], async () => {
      const editor = measure(['--import', 'tsx', 'bench/editorFigures.ts']);
      ratioFigure('Models page: command to interactive ÷ minimal webview (code-server)', compare(editor.pageRuns, editor.minimalRuns), budget.modelsPageRatio, {
        details: { pageRuns: editor.pageRuns, minimalRuns: editor.minimalRuns, pagePhasesMs: editor.pagePhases, minimalPagePhasesMs: editor.minimalPagePhases },
      });
      figure('Activation in the real editor (own mark)', editor.activationMs, 'ms', 'target ≤ 15 ms', undefined);
    });
  }

  const failed = rows.filter((r) => r.pass === false);
  const width = Math.max(...rows.map((r) => r.name.length));
  const spreadText = (r) => (r.spread ? `${r.spread[0]}–${r.spread[1]}` : '');
  console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(12)}  ${'spread'.padEnd(11)}  ${'budget'.padEnd(14)}  result  ours vs baseline`);
  for (const r of rows) {
    const result = r.pass === undefined ? 'info' : r.pass ? 'pass' : 'FAIL';
    console.log(`${r.name.padEnd(width)}  ${`${r.value} ${r.unit}`.padStart(12)}  ${spreadText(r).padEnd(11)}  ${r.budget.padEnd(14)}  ${result.padEnd(6)}  ${r.against ?? ''}`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const slowed = process.env.BYOK_BENCH_SLOWDOWN ? ` (our code slowed by ${Number(process.env.BYOK_BENCH_SLOWDOWN) * 100} %: BYOK_BENCH_SLOWDOWN)` : '';
  console.log(`\n${rows.filter((r) => r.pass).length} passed, ${failed.length} failed, ${rows.filter((r) => r.pass === undefined).length} for information (${seconds} s, load average ${load} at the start)${slowed}`);
  writeFileSync(
    join(repoRoot, 'bench', 'results.json'),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: hostNodeVersion, cpus: cpus().length, loadAverageAtStart: Number(load), slowdown: Number(process.env.BYOK_BENCH_SLOWDOWN ?? 0), seconds, budget, figures: rows }, null, 2) + '\n',
  );
  // A demonstration run with a deliberate slowdown never becomes the README's table.
  if (!process.env.BYOK_BENCH_SLOWDOWN) writeReadmeTable(rows, seconds, load);
  process.exit(failed.length ? 1 : 0);
}

main().catch((err) => {
  console.error(`[bench] ${err?.stack ?? err}`);
  process.exit(2);
});
