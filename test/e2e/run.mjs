#!/usr/bin/env node
// `npm run test:e2e [-- <vitest filters>]`: the real-editor suites (test/e2e/*.e2e.test.ts) against
// the packaged .vsix. Installs the tools when missing; packages the extension when the .vsix is
// missing or older than its sources. `--editors` (`npm run test:e2e:editors`): only the smoke
// journey in the older editors of the matrix (BYOK_E2E_EDITORS, default all of them).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, setupRealEditor, smokeEditors } from '../../scripts/setup-real-editor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let vitestArgs = process.argv.slice(2);
if (vitestArgs.includes('--editors')) {
  process.env.BYOK_E2E_EDITORS ??= 'all';
  vitestArgs = ['test/e2e/editors.e2e.test.ts', ...vitestArgs.filter((arg) => arg !== '--editors')];
}
// The newest editor, and the older ones BYOK_E2E_EDITORS asks for (the smoke journey).
setupRealEditor([...new Set([CODE_SERVER_VERSION, ...smokeEditors().map((e) => e.codeServer)])]);

/** Newest modification time of the files that go into the .vsix. */
function newestSource(entries) {
  let newest = 0;
  for (const entry of entries) {
    const full = path.join(root, entry);
    if (!existsSync(full)) continue;
    const stat = statSync(full);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(readdirSync(full).map((n) => path.join(entry, n))) : stat.mtimeMs);
  }
  return newest;
}

const vsix = path.join(root, 'byok-models.vsix');
const sources = ['src', 'l10n', 'media/webview.css', 'package.json', 'package.nls.json', 'package.nls.de.json', 'package.nls.fr.json', 'esbuild.config.mjs', '.vscodeignore', 'README.md'];
if (!existsSync(vsix) || statSync(vsix).mtimeMs < newestSource(sources)) {
  const packaged = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
  if (packaged.status !== 0) process.exit(packaged.status ?? 1);
}
const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const result = spawnSync(vitest, ['run', '--config', 'test/e2e/vitest.e2e.config.mts', ...vitestArgs], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
