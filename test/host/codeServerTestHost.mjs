#!/usr/bin/env node
// The "VS Code executable" that @vscode/test-electron's runTests launches: it turns the usual
// --extensionDevelopmentPath=/--extensionTestsPath= arguments into code-server's test payload URL
// and drives the workbench in Chromium (playwright-core). The extension host reports the result
// through window.codeAutomationExit(code) (code-server runs with enable-smoke-test-driver); that
// code becomes this process's exit code. code-server itself is started by runElectron.mjs, which
// passes its address in BYOK_TEST_HOST_ORIGIN (and the sandbox paths) through the environment.
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const flag = (name) => args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: start this through test/host/runElectron.mjs`);
  return value;
};

const origin = env('BYOK_TEST_HOST_ORIGIN');
const workspace = env('BYOK_TEST_HOST_WORKSPACE');
const profileDir = env('BYOK_TEST_HOST_BROWSER_PROFILE');
const chromiumPath = env('BYOK_TEST_HOST_CHROMIUM');
const timeoutMs = Number(process.env.BYOK_TEST_HOST_TIMEOUT_MS ?? 300_000);
const [testsPath] = flag('extensionTestsPath');
const developmentPaths = flag('extensionDevelopmentPath');
if (!testsPath || developmentPaths.length === 0) throw new Error('expected --extensionTestsPath= and --extensionDevelopmentPath=');

// The browser reads the paths from the payload; the same paths as server flags do nothing.
const remote = (p) => `vscode-remote://${new URL(origin).host}${path.resolve(p)}`;
const payload = [
  ...developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
  ['extensionTestsPath', remote(testsPath)],
];
const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  env: process.env,
});
let exitCode = 1;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const exited = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
  });
  // Extension-host console output is forwarded to the page console among the workbench's own
  // messages; the suite marks its lines (suite/runner.ts OUTPUT_MARKER).
  page.on('console', (message) => {
    const text = message.text();
    if (process.env.BYOK_TEST_HOST_DEBUG) process.stderr.write(`[page] ${text}\n`);
    for (const line of text.split('\n')) {
      const at = line.indexOf('[byok-host] ');
      if (at >= 0) process.stdout.write(`${line.slice(at + '[byok-host] '.length)}\n`);
    }
  });
  await page.goto(url);
  exitCode = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs))]);
  if (exitCode === 'timeout') {
    process.stderr.write(`The extension tests did not report an exit code within ${timeoutMs} ms\n`);
    exitCode = 1;
  }
} finally {
  await context.close();
}
process.exit(exitCode);
