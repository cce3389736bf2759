// A bench process stands for VS Code's extension host, which has loaded these of Node's built-in
// modules before any extension runs (its own imports, and the proxy support that patches http,
// https, tls and net at start: out/vs/workbench/api/node/extensionHostProcess.js in code-server
// 4.139). An extension's or an SDK's first use of them costs nothing there, so here they are
// loaded before anything is measured, for our figures and their SDK-alone floors alike.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
for (const name of ['assert', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'stream', 'string_decoder', 'tls', 'url', 'util', 'zlib']) {
  require(`node:${name}`);
}
