import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM script without types
import { EDITORS as untypedEditors, realEditorTools as untypedTools, smokeEditors as untypedSmokeEditors } from '../../../scripts/setup-real-editor.mjs';

export interface RealEditorTools {
  chromium: string;
  node: string;
  codeServerEntry: string;
  codeServerVersion: string;
  /** The VS Code version that code-server release bundles. */
  vscodeVersion: string;
}
/** The tools for one code-server release of the matrix (`EDITORS` in scripts/setup-real-editor.mjs); default the newest. */
export const realEditorTools = untypedTools as (codeServerVersion?: string) => RealEditorTools;
/** The editor matrix, newest first: each code-server release with the VS Code version it bundles. */
export const editorMatrix = untypedEditors as readonly EditorRelease[];
/** The older editors BYOK_E2E_EDITORS selects for the smoke journey (comma-separated code-server versions, or "all"). */
export const smokeEditors = untypedSmokeEditors as () => EditorRelease[];
export interface EditorRelease {
  codeServer: string;
  /** The VS Code version it bundles. */
  vscode: string;
}

export const repoRoot = path.resolve(__dirname, '../../..');
export const defaultVsix = path.join(repoRoot, 'byok-models.vsix');

export interface StartEditorOptions {
  /** code-server release from the editor matrix (default the newest, 4.139.1 = VS Code 1.139.1). */
  codeServer?: string;
  /** Display language, e.g. `de`. Written to argv.json and passed as `--locale`. */
  locale?: string;
  /** Extra entries for the profile's User/settings.json (merged over the quiet defaults). */
  settings?: Record<string, unknown>;
  /** The packaged extension; defaults to `byok-models.vsix` from `npm run package`. `false` installs nothing. */
  vsix?: string | false;
  /** More extensions to install first, e.g. a language pack fixture. */
  extraVsix?: string[];
  /** More code-server flags, e.g. `['--vscode-option', 'enable-smoke-test-driver']`. */
  extraArgs?: string[];
  /** Extra environment for code-server (and so the extension host). */
  env?: Record<string, string>;
  /** Open the workspace in Restricted Mode (workspace trust on, the folder not trusted, no prompt). */
  untrustedWorkspace?: boolean;
}

export interface SandboxDirs {
  root: string;
  home: string;
  xdgConfig: string;
  xdgData: string;
  tmp: string;
  userData: string;
  extensions: string;
  workspace: string;
  /** Browser profile used by openBrowser() by default. */
  browserProfile: string;
}

export interface Editor {
  /** The code-server release running, and the VS Code version it bundles. */
  tools: RealEditorTools;
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The workbench URL with the workspace folder open. */
  workbenchUrl: string;
  dirs: SandboxDirs;
  /** code-server's own stdout/stderr. */
  serverLog: string;
  env: NodeJS.ProcessEnv;
  /** Installs a .vsix into this editor with its own CLI while it runs (as an upgrade does); reload the window to load it. */
  install(vsix: string): void;
  /** Kills code-server's whole process group; removes the sandbox unless BYOK_E2E_KEEP=1 or removeDir is false. */
  stop(options?: { removeDir?: boolean }): Promise<void>;
}

/** Settings that keep a fresh profile quiet and offline. */
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': true,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function makeSandbox(): SandboxDirs {
  const root = mkdtempSync(path.join(os.tmpdir(), 'byok-e2e-'));
  const dirs: SandboxDirs = {
    root,
    home: path.join(root, 'home'),
    xdgConfig: path.join(root, 'home', '.config'),
    xdgData: path.join(root, 'home', '.local', 'share'),
    tmp: path.join(root, 'tmp'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
    browserProfile: path.join(root, 'browser-profile'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

/** Provider credentials of the developer's shell must not reach the extension host under test. */
function scrubbedEnv(dirs: SandboxDirs, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(OPENAI_|ANTHROPIC_|GEMINI_|GOOGLE_|AZURE_|AWS_|VSCODE_|ELECTRON_|NODE_OPTIONS$|VITEST)/.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    TMPDIR: dirs.tmp,
    AWS_CONFIG_FILE: path.join(dirs.home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dirs.home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

function baseArgs(dirs: SandboxDirs, configFile: string): string[] {
  return ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** Installs a .vsix into the sandbox's extensions dir with the editor's own CLI. */
export function installVsix(tools: RealEditorTools, dirs: SandboxDirs, configFile: string, env: NodeJS.ProcessEnv, vsix: string): void {
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  const result = spawnSync(tools.node, [tools.codeServerEntry, ...baseArgs(dirs, configFile), '--install-extension', vsix, '--force'], {
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`--install-extension ${vsix} failed (exit ${result.status}):\n${output}`);
  }
}

interface LanguagePackEntry {
  hash: string;
  extensions: { extensionIdentifier: { id: string }; version: string }[];
  translations: Record<string, string>;
  label: string;
}

/**
 * The server resolves the display language from <user-data-dir>/languagepacks.json, which it
 * only writes when a language pack is installed through a running editor, not by the
 * `--install-extension` CLI. Writes the same index for the language packs in the extensions dir.
 */
function registerLanguagePacks(dirs: SandboxDirs): void {
  const packs: Record<string, LanguagePackEntry> = {};
  for (const name of readdirSync(dirs.extensions)) {
    const manifestFile = path.join(dirs.extensions, name, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      name: string;
      publisher: string;
      version: string;
      contributes?: { localizations?: { languageId: string; languageName?: string; localizedLanguageName?: string; translations: { id: string; path: string }[] }[] };
    };
    const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
    for (const loc of manifest.contributes?.localizations ?? []) {
      const entry = (packs[loc.languageId] ??= { hash: '', extensions: [], translations: {}, label: loc.localizedLanguageName ?? loc.languageName ?? loc.languageId });
      entry.extensions.push({ extensionIdentifier: { id }, version: manifest.version });
      for (const t of loc.translations) entry.translations[t.id] = path.join(dirs.extensions, name, t.path);
      entry.hash = createHash('md5').update(entry.extensions.map((e) => e.extensionIdentifier.id + e.version).join()).digest('hex');
    }
  }
  if (Object.keys(packs).length) writeFileSync(path.join(dirs.userData, 'languagepacks.json'), JSON.stringify(packs));
}

async function waitForHealthz(origin: string, child: ChildProcess, serverLog: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before answering /healthz; see ${serverLog}`);
    }
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms; see ${serverLog}`);
}

/** Whether this code-server release knows a command-line flag (read from its CLI parser's source). */
function supportsFlag(tools: RealEditorTools, flag: string): boolean {
  return readFileSync(path.join(path.dirname(tools.codeServerEntry), 'cli.js'), 'utf8').includes(`"${flag.replace(/^--/, '')}"`);
}

/**
 * Starts code-server in a fresh sandbox (own HOME/XDG/TMPDIR, profile, extensions dir and
 * workspace folder) with the packaged extension installed. One editor at a time: each peaks at ~2 GB with its browser.
 */
export async function startEditor(options: StartEditorOptions = {}): Promise<Editor> {
  const tools = realEditorTools(options.codeServer);
  for (const file of [tools.node, tools.codeServerEntry]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/setup-real-editor.mjs\``);
  }
  const dirs = makeSandbox();
  const configFile = path.join(dirs.root, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const userDir = path.join(dirs.userData, 'User');
  mkdirSync(userDir, { recursive: true });
  const trust = options.untrustedWorkspace
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' }
    : {};
  writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...options.settings }, null, 2));
  if (options.locale) {
    writeFileSync(path.join(userDir, 'argv.json'), JSON.stringify({ locale: options.locale }));
    writeFileSync(path.join(dirs.userData, 'argv.json'), JSON.stringify({ locale: options.locale }));
  }
  mkdirSync(path.join(dirs.home, '.aws'), { recursive: true });
  const env = scrubbedEnv(dirs, options.env ?? {});

  const vsix = options.vsix === undefined ? defaultVsix : options.vsix;
  for (const extra of options.extraVsix ?? []) installVsix(tools, dirs, configFile, env, extra);
  if (vsix) installVsix(tools, dirs, configFile, env, vsix);
  if (options.locale) registerLanguagePacks(dirs);

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    ...baseArgs(dirs, configFile),
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.untrustedWorkspace ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without it each closed browser session leaves its extension host alive for 3 hours (older releases lack the flag; stop() kills the group anyway).
    ...(supportsFlag(tools, '--reconnection-grace-time') ? ['--reconnection-grace-time', '10'] : []),
    ...(options.locale ? ['--locale', options.locale] : []),
    ...(options.extraArgs ?? []),
    dirs.workspace,
  ];
  const serverLog = path.join(dirs.root, 'code-server.log');
  const logStream = createWriteStream(serverLog);
  // detached => setsid(): its own process group, so stop() can kill the extension host too.
  const child = spawn(tools.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(logStream);
  child.stderr!.pipe(logStream);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop: Editor['stop'] = async ({ removeDir } = {}) => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // group already gone
      }
      // The timer is cleared once the server has exited: left running, it kept a caller's process alive for 10 s.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 10_000)))]);
      clearTimeout(timer);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
        await exited;
      }
    }
    // Extension hosts may outlive the server briefly; they are in the same group.
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // no members left
    }
    logStream.end();
    if (removeDir ?? process.env.BYOK_E2E_KEEP !== '1') rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await waitForHealthz(origin, child, serverLog);
  } catch (error) {
    await stop({ removeDir: false });
    throw error;
  }
  const workbenchUrl = `${origin}/?folder=${encodeURIComponent(dirs.workspace)}`;
  const install = (file: string) => installVsix(tools, dirs, configFile, env, file);
  return { tools, port, origin, workbenchUrl, dirs, serverLog, env, install, stop };
}

/** Packages an extension folder (a test fixture) into a .vsix under os.tmpdir() with vsce, offline. */
export function packageFixture(folder: string): string {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'byok-fixture-')), `${path.basename(folder)}.vsix`);
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--out', out], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0 || !existsSync(out)) throw new Error(`vsce package ${folder} failed:\n${result.stdout}${result.stderr}`);
  return out;
}

/**
 * The same package under another version number (manifest and package.json), as the next
 * release would be: installing it over the current one is an upgrade. Rewritten with Python's
 * zipfile (python3 is among the real-editor tools), into a file under os.tmpdir().
 */
export function vsixWithVersion(vsix: string, version: string): string {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'byok-upgrade-')), `byok-models-${version}.vsix`);
  const rewrite = [
    'import re, sys, zipfile',
    'src, out, version = sys.argv[1:4]',
    'with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:',
    '    for item in zin.infolist():',
    '        data = zin.read(item.filename)',
    '        if item.filename == "extension.vsixmanifest":',
    '            data = re.sub(rb\'(<Identity [^>]*Version=")[^"]+\', lambda m: m.group(1) + version.encode(), data, count=1)',
    '        elif item.filename == "extension/package.json":',
    '            data = re.sub(rb\'("version":\\s*")[^"]+\', lambda m: m.group(1) + version.encode(), data, count=1)',
    '        zout.writestr(item, data)',
  ].join('\n');
  const result = spawnSync('python3', ['-c', rewrite, vsix, out, version], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not rewrite ${vsix} as version ${version}:\n${result.stderr}`);
  return out;
}

/** A German language pack fixture (no workbench translations): with it the editor's display language is German. */
export function germanLanguagePack(): string {
  return packageFixture(path.join(repoRoot, 'test', 'e2e', 'fixtures', 'language-pack-de'));
}
