#!/usr/bin/env node
// `npm run reliability`: runs the reliability suites (bad inputs, protocol fuzzing, fault matrix,
// concurrency, chat cancellation, proxies and private CAs, crash safety, two windows), prints one table (suite → cases → passed → what failed),
// writes bench/reliability.json and the README's Reliability table, and exits non-zero on any failure.
// A suite is every test under a top-level `describe('reliability: <suite>')`; a test counts as one
// case unless its meta says more (see test/support/reliabilityFigures.ts).
// The real-editor suites (proxy, crash: code-server + Chromium, 8-10 min, ~2 GB, one at a time under
// the shared lock) are not started here: `--editor` runs them (they write bench/reliability-editor.json),
// and every run adds their last figures to the table with when and where they were measured.
// `--report-only` renders the table from the last run's bench/reliability.json without running anything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RELIABILITY_FILES = ['test/unit/protocolFuzz.test.ts', 'test/integration/reliability/'];

export const EDITOR_FILES = ['test/e2e/proxy.e2e.test.ts', 'test/e2e/crash.e2e.test.ts'];
const resultsFile = path.join(root, 'bench/reliability.json');
const editorFile = path.join(root, 'bench/reliability-editor.json');
const args = process.argv.slice(2);
const reportOnly = args.includes('--report-only') || args.includes('--editor');

let editorRunFailed = false;
if (args.includes('--editor')) {
  for (const file of EDITOR_FILES) {
    const e2e = spawnSync(process.execPath, [path.join(root, 'test/e2e/run.mjs'), file], { cwd: root, stdio: 'inherit', env: { ...process.env, BYOK_RELIABILITY_FIGURES: '1' } });
    editorRunFailed ||= e2e.status !== 0;
  }
}

let date, seconds, rows, figures, unloaded, runFailed;
if (reportOnly) {
  if (!existsSync(resultsFile)) throw new Error('no bench/reliability.json yet: run `npm run reliability` first');
  ({ date, seconds, suites: rows, figures, unloaded } = JSON.parse(readFileSync(resultsFile, 'utf8')));
  runFailed = false;
} else {
  ({ date, seconds, rows, figures, unloaded, runFailed } = runFastSuites());
}

function runFastSuites() {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'byok-reliability-'));
  const report = path.join(reportDir, 'vitest.json');
  const started = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', ...RELIABILITY_FILES, '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const json = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : { testResults: [] };
  rmSync(reportDir, { recursive: true, force: true });
  const { rows, figures, unloaded } = tally(json);
  return { date: new Date().toISOString().slice(0, 10), seconds: Math.round((Date.now() - started) / 1000), rows, figures, unloaded, runFailed: run.status !== 0 };
}

/** Rows (suite → cases → passed → failed) and figures from vitest's JSON report. */
function tally(json) {
  const suites = new Map();
  const figures = [];
  const unloaded = [];
  for (const file of json.testResults) {
    if (!file.assertionResults.length && file.status === 'failed') unloaded.push(path.relative(root, file.name));
    for (const test of file.assertionResults) {
      const title = test.ancestorTitles[0] ?? '';
      if (!title.startsWith('reliability: ')) continue;
      const name = title.slice('reliability: '.length);
      const suite = suites.get(name) ?? { suite: name, cases: 0, passed: 0, failed: [] };
      const meta = test.meta?.reliability ?? {};
      const cases = meta.cases ?? 1;
      const failed = test.status === 'passed' ? (meta.failed ?? 0) : Math.max(meta.failed ?? cases, 1);
      suite.cases += cases;
      suite.passed += cases - failed;
      if (failed) suite.failed.push([...test.ancestorTitles.slice(1), test.title].join(' › '));
      suites.set(name, suite);
      if (meta.figures) figures.push({ suite: name, test: test.title, ...meta.figures });
    }
  }
  return { rows: [...suites.values()], figures, unloaded };
}

/** The real-editor suites' last record (written by the E2E files under BYOK_RELIABILITY_FIGURES), as rows and figures. */
const editor = existsSync(editorFile) ? Object.values(JSON.parse(readFileSync(editorFile, 'utf8'))) : [];
const editorRows = editor.map((e) => ({ suite: e.suite, cases: e.cases, passed: e.passed, failed: e.failed }));
const editorFigures = editor.map((e) => ({ suite: e.suite, test: e.file, ...e.figures, measured: `${e.measured}, ${e.editor}` }));
const allRows = [...rows.filter((r) => !r.suite.startsWith('real editor')), ...editorRows];
const allFigures = [...figures, ...editorFigures];
const failing = allRows.some((r) => r.failed.length) || unloaded.length > 0 || runFailed || editorRunFailed || !rows.length;

const failedText = (r) => (r.failed.length ? `${r.failed.slice(0, 3).join('; ')}${r.failed.length > 3 ? `; and ${r.failed.length - 3} more` : ''}` : '—');
const widths = [22, 8, 8];
process.stdout.write('\n');
process.stdout.write(`${'suite'.padEnd(widths[0])}${'cases'.padStart(widths[1])}${'passed'.padStart(widths[2])}  what failed\n`);
for (const r of allRows) process.stdout.write(`${r.suite.padEnd(widths[0])}${String(r.cases).padStart(widths[1])}${String(r.passed).padStart(widths[2])}  ${failedText(r)}\n`);
for (const file of unloaded) process.stdout.write(`${file}: failed to load (see the output above)\n`);
for (const f of allFigures) process.stdout.write(`${f.suite}: ${f.test}: ${Object.entries(f).filter(([k]) => k !== 'suite' && k !== 'test').map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
process.stdout.write(reportOnly ? `${failing ? 'FAILED' : 'all passed'} (fast suites as run ${date} in ${seconds} s)\n` : `${failing ? 'FAILED' : 'all passed'} in ${seconds} s\n`);

const editorRecord = Object.fromEntries(editor.map((e) => [e.suite, e]));
writeFileSync(resultsFile, JSON.stringify({ date, seconds, node: process.version, suites: rows, figures, unloaded, editor: editorRecord }, null, 2) + '\n');

/** One table per suite that measured something (its figures' names are the columns). */
const figureTables = [...new Set(allFigures.map((f) => f.suite))].flatMap((suite) => {
  const rowsOf = allFigures.filter((f) => f.suite === suite).map(({ suite: _s, test: _t, ...values }) => values);
  const columns = [...new Set(rowsOf.flatMap((r) => Object.keys(r)))];
  return ['', `*${suite}*`, '', `| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rowsOf.map((r) => `| ${columns.map((k) => r[k] ?? '').join(' | ')} |`)];
});
const table = [
  '| suite | cases | passed | what failed |',
  '|---|---|---|---|',
  ...allRows.map((r) => `| ${r.suite} | ${r.cases} | ${r.passed} | ${failedText(r).replace(/\|/g, '\\|')} |`),
  ...figureTables,
  '',
  `Run ${date} in ${seconds} s (\`npm run reliability\`, 2 cores).` +
    (editor.length ? ' The real-editor rows come from `npm run reliability:editor` (code-server and Chromium, run separately: 8–10 minutes and about 2 GB), at the time and in the editor their *measured* column names.' : ''),
].join('\n');
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = readme.replace(/<!-- reliability-table -->[\s\S]*?<!-- \/reliability-table -->/, `<!-- reliability-table -->\n${table}\n<!-- /reliability-table -->`);
if (updated !== readme) writeFileSync(readmePath, updated);
process.exit(failing ? 1 : 0);
