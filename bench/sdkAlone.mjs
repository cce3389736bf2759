// The floor for a cold first verification: the provider's official SDK in a fresh process with
// nothing of ours, making the same calls our verification makes (bench/sdkCalls.mjs). The bench
// runs it bundled (bench/sdkAloneBundle.mjs); run as is, the SDKs load from node_modules. Prints one
// JSON line like `nodeFigures.mjs cold`: total, the raw replay of the same requests, and the difference.
//   node <bundled sdkAlone.mjs> <simUrl> <providerId>
import './extensionHostBuiltins.mjs';
import { clearSimRequests, replayRaw, simRequests } from './simulatorReplay.mjs';
import { simulatorProfiles, simulatorRouteOf } from '../test/simulator/profiles.mjs';
import { sdkCallFor } from './sdkCalls.mjs';

const [simUrl, id] = process.argv.slice(2);
const call = sdkCallFor(id, simulatorProfiles(simUrl)[id]);

async function main() {
  await clearSimRequests(simUrl);
  const started = performance.now();
  await call();
  const totalMs = performance.now() - started;
  const recorded = (await simRequests(simUrl)).filter((r) => r.provider === simulatorRouteOf[id]);
  const networkMs = await replayRaw(simUrl, recorded, { fresh: true });
  return { id, totalMs, networkMs, requests: recorded.map((r) => `${r.method} ${r.path}`), beyondNetworkMs: totalMs - networkMs };
}

main()
  .then((figures) => {
    process.stdout.write(JSON.stringify(figures) + '\n');
    process.exit(0);
  })
  .catch((err) => {
    process.stderr.write(`sdk-alone ${id} failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
