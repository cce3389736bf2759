#!/usr/bin/env node
// `npm test`: every ring in order — typecheck, build, unit, integration, package (and its contents), real-editor
// tools, host tests, E2E in the newest editor, the smoke journey in the older ones. Streams each step's output, then prints a summary; exits non-zero
// if any step failed or could not run. `node scripts/test-all.mjs unit e2e` runs only the named steps.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EDITORS, smokeEditors } from './setup-real-editor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'byok-test-all-'));
const vitestJson = (name) => ['--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reportDir, `${name}.json`)}`];

const editorNames = (editors) => editors.map((e) => `code-server ${e.codeServer} = VS Code ${e.vscode}`).join(', ');
/** @type {{name: string, command: string[], needs?: string[], requiresFile?: string, vitest?: string, editors?: string}[]} */
const steps = [
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'] },
  { name: 'build', command: ['npm', 'run', 'build'] },
  { name: 'unit', command: ['npx', 'vitest', 'run', '--project', 'unit', ...vitestJson('unit')], vitest: 'unit' },
  { name: 'integration', command: ['npx', 'vitest', 'run', '--project', 'integration', ...vitestJson('integration')], vitest: 'integration' },
  { name: 'package', command: ['npm', 'run', 'package'], needs: ['build'] },
  { name: 'package-contents', command: ['node', 'scripts/check-package.mjs'], needs: ['package'] },
  { name: 'setup-real-editor', command: ['node', 'scripts/setup-real-editor.mjs', '--all'] },
  { name: 'host', command: ['npm', 'run', 'test:electron'], needs: ['package', 'setup-real-editor'], requiresFile: 'test/host/runElectron.mjs' },
  { name: 'e2e', command: ['node', 'test/e2e/run.mjs', ...vitestJson('e2e')], needs: ['package', 'setup-real-editor'], vitest: 'e2e', editors: editorNames(EDITORS.slice(0, 1)) },
  // About 80 s per editor (measured on 2 cores).
  { name: 'e2e-editors', command: ['node', 'test/e2e/run.mjs', '--editors', ...vitestJson('e2e-editors')], needs: ['package', 'setup-real-editor'], vitest: 'e2e-editors', editors: editorNames(smokeEditors('all')) },
];

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const tee = (target) => (chunk) => {
      target.write(chunk);
      output += chunk.toString();
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Test counts from vitest's JSON report, a plain "N passed, N failed" line, or mocha-style "N passing / N failing" lines. */
function countTests(step, output) {
  const report = step.vitest && path.join(reportDir, `${step.vitest}.json`);
  if (report && existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    // A file that fails to load has no failed test; the step's exit code still fails it.
    return { passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0 };
  }
  const plain = [...output.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].at(-1);
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  const passing = /(\d+) passing/.exec(output);
  const failing = /(\d+) failing/.exec(output);
  if (passing || failing) return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
  return undefined;
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !steps.some((s) => s.name === name));
if (unknown.length) {
  process.stderr.write(`unknown step(s): ${unknown.join(', ')}; steps are ${steps.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
const results = [];
const started = Date.now();
for (const step of steps.filter((s) => !only.length || only.includes(s.name))) {
  // A prerequisite that was skipped by name counts as done (the developer ran it before).
  const blockedBy = (step.needs ?? []).filter((n) => results.some((r) => r.name === n && r.status !== 'ok'));
  if (blockedBy.length) {
    results.push({ name: step.name, status: 'NOT RUN', detail: `needs ${blockedBy.join(', ')}`, seconds: 0 });
    continue;
  }
  if (step.requiresFile && !existsSync(path.join(root, step.requiresFile))) {
    results.push({ name: step.name, status: 'NOT RUN', detail: `${step.requiresFile} does not exist`, seconds: 0 });
    continue;
  }
  process.stdout.write(`\n===== ${step.name}: ${step.command.join(' ')}\n`);
  const t0 = Date.now();
  const { code, output } = await run(step.command);
  const counts = countTests(step, output);
  const ok = code === 0 && (!counts || counts.failed === 0);
  results.push({ name: step.name, status: ok ? 'ok' : 'FAILED', detail: ok ? '' : `exit code ${code}`, counts, seconds: (Date.now() - t0) / 1000, editors: step.editors });
}
rmSync(reportDir, { recursive: true, force: true });

let passed = 0;
let failed = 0;
process.stdout.write('\n===== summary\n');
for (const r of results) {
  const counts = r.counts ?? (r.status === 'ok' ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
  passed += counts.passed;
  failed += counts.failed === 0 && r.status !== 'ok' ? 1 : counts.failed;
  const line = `${r.name.padEnd(18)} ${r.status.padEnd(8)} ${counts.passed} passed, ${counts.failed} failed`;
  process.stdout.write(`${line}  (${r.seconds.toFixed(0)} s)${r.detail ? `  ${r.detail}` : ''}${r.editors ? `  [${r.editors}]` : ''}\n`);
}
const failedSteps = results.filter((r) => r.status !== 'ok').length;
process.stdout.write(`${results.length - failedSteps} of ${results.length} steps ok in ${((Date.now() - started) / 1000).toFixed(0)} s${failedSteps ? '; FAILED' : ''}\n`);
// CI reads this exact closing line.
process.stdout.write(`overall: ${passed} passed, ${failed} failed\n`);
process.exit(failedSteps ? 1 : 0);
