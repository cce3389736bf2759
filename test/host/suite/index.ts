// Host-layer tests inside the real extension host (code-server's VS Code 1.139), started by
// test/host/runElectron.mjs through @vscode/test-electron's runTests. `run()` is the usual contract.
import './extension.test';
import './chat.test';
import { runAll } from './runner';

export function run(): Promise<void> {
  return runAll();
}
