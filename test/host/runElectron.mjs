#!/usr/bin/env node
// `npm run test:electron`: the host-layer suite (test/host/suite) inside the real extension host,
// through @vscode/test-electron's runTests. VS Code desktop cannot be downloaded here, so
// `vscodeExecutablePath` is codeServerTestHost.mjs, which opens code-server's workbench with the
// test payload in Chromium. Assumes `npm run build` has written dist/ (the extension under test);
// bundles only the test suite (dist-test/). Recipe: /work/shared/realeditor.md, last section.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { require as tsxRequire } from 'tsx/cjs/api';
import { setupRealEditor, realEditorTools } from '../../scripts/setup-real-editor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
if (!existsSync(path.join(root, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: run `npm run build` first');
  process.exit(1);
}
setupRealEditor();

const testsEntry = path.join(root, 'dist-test', 'host', 'index.js');
await build({
  entryPoints: [path.join(root, 'test', 'host', 'suite', 'index.ts')],
  outfile: testsEntry,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode'],
  // Dependencies resolve from the repo's node_modules at run time (dist-test/ sits in the repo).
  packages: 'external',
  logLevel: 'warning',
});

/** @type {typeof import('../e2e/harness/editor')} */
const harness = tsxRequire('../e2e/harness/editor.ts', import.meta.url);
const editor = await harness.startEditor({ vsix: false, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
let failed = true;
try {
  await runTests({
    vscodeExecutablePath: path.join(root, 'test', 'host', 'codeServerTestHost.mjs'),
    extensionDevelopmentPath: root,
    extensionTestsPath: testsEntry,
    reuseMachineInstall: true, // no --user-data-dir of its own: code-server's sandbox is the profile
    extensionTestsEnv: {
      ...editor.env,
      BYOK_TEST_HOST_ORIGIN: editor.origin,
      BYOK_TEST_HOST_WORKSPACE: editor.dirs.workspace,
      BYOK_TEST_HOST_BROWSER_PROFILE: editor.dirs.browserProfile,
      BYOK_TEST_HOST_CHROMIUM: realEditorTools().chromium,
    },
  });
  failed = false;
} catch (error) {
  console.error(`Host tests failed: ${error instanceof Error ? error.message : error}`);
} finally {
  await editor.stop({ removeDir: failed ? false : undefined });
  if (failed) console.error(`code-server log kept: ${editor.serverLog}`);
}
process.exit(failed ? 1 : 0);
