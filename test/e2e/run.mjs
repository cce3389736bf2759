#!/usr/bin/env node
// `npm run test:e2e [-- <vitest filters>]`: the real-editor suites (test/e2e/*.e2e.test.ts) against
// the packaged .vsix. Installs the tools when missing; packages the extension when the .vsix is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupRealEditor } from '../../scripts/setup-real-editor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
setupRealEditor();
if (!existsSync(path.join(root, 'byok-models.vsix'))) {
  const packaged = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
  if (packaged.status !== 0) process.exit(packaged.status ?? 1);
}
const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const result = spawnSync(vitest, ['run', '--config', 'test/e2e/vitest.e2e.config.mts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
