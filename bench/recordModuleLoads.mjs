// Preloaded with `node --import ./bench/recordModuleLoads.mjs`: collects the URLs reported by
// bench/moduleLoadHooks.mjs into globalThis.__loadedModuleUrls.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
globalThis.__loadedModuleUrls = [];
port1.on('message', (url) => globalThis.__loadedModuleUrls.push(url));
port1.unref();
register('./moduleLoadHooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
