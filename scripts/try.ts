// `npm run try`: an offline sandbox. Builds and packages the extension, starts the provider
// simulator and a code-server (VS Code in the browser) with the extension installed and every
// provider pre-configured against the simulator, then prints the address to open.
// Nothing here talks to a real provider; to use real keys, install the .vsix into your own VS Code.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startEditor, startSimulatorProcess } from '../test/e2e/harness';
// @ts-expect-error plain ESM script without types
import { setupRealEditor } from './setup-real-editor.mjs';

interface Profile {
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

function step(message: string): void {
  process.stderr.write(`[try] ${message}\n`);
}

/** The `byok.*` user settings a user would write to point each provider at the simulator. */
function sandboxSettings(profiles: Record<string, Profile>): Record<string, unknown> {
  const settings: Record<string, unknown> = { 'window.title': '[BYOK sandbox: simulated providers] ${rootName}' };
  const compatible: Record<string, unknown>[] = [];
  for (const [id, profile] of Object.entries(profiles)) {
    if (id.startsWith('compatible.')) compatible.push({ id, ...profile.settings });
    else settings[`byok.${id}`] = profile.settings;
  }
  settings['byok.compatibleEndpoints'] = compatible;
  return settings;
}

async function main(): Promise<void> {
  step('building and packaging the extension');
  if (spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) process.exit(1);
  step('checking the real-editor tools: Chromium (apt), Node 24 and code-server (npm), installed once');
  setupRealEditor();
  const sim = await startSimulatorProcess();
  const { simulatorProfiles } = await import('../test/simulator/profiles.mjs');
  const profiles = simulatorProfiles(sim.url) as Record<string, Profile>;
  const editor = await startEditor({ settings: sandboxSettings(profiles) });
  writeFileSync(
    path.join(editor.dirs.workspace, 'SANDBOX.md'),
    [
      '# BYOK Models sandbox',
      '',
      `Every provider points at the provider simulator on ${sim.url}; no real provider is contacted.`,
      '',
      '1. Press F1 and run **BYOK: Open Models Settings**.',
      '2. Type any key into a provider (for example `sk-sandbox-1`), then **Save** and **Verify**.',
      '   AWS Bedrock checks real SigV4 signatures: use AWS\'s documented example pair',
      '   `AKIAIOSFODNN7EXAMPLE` / `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`.',
      '3. Keys containing `sim-invalid_key`, `sim-rate_limited`, `sim-quota_exhausted`, `sim-overloaded`, `sim-hang`',
      '   or `sim-html` make the simulator answer with that failure, so you can see each error and its fix.',
      '4. Enable models, click **Use in chat**, and chat with the simulated model.',
      '',
      'Stop the sandbox with Ctrl+C in the terminal; its profile is deleted then.',
      '',
    ].join('\n'),
  );
  process.stdout.write(
    [
      '',
      `BYOK Models sandbox is running (simulated providers at ${sim.url}).`,
      `Open: ${editor.workbenchUrl}`,
      'Then F1 > "BYOK: Open Models Settings". Any key works (e.g. sk-sandbox-1); keys containing',
      'sim-invalid_key, sim-rate_limited, sim-hang, ... simulate failures. AWS Bedrock checks SigV4:',
      'use AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY (SANDBOX.md in the workspace says more).',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await editor.stop();
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`[try] ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
