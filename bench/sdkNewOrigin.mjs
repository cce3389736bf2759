// The floor for "first Verify after the page opened ÷ warm Verify": each provider's official SDK
// alone, with nothing of ours, made warm the best way that does not contact the provider: the
// same calls, five times each, against another origin (the simulator's last one). After a second
// of idle, each provider's first call to its own origin, beyond the network, against its warm
// calls, in the sequence nodeFigures.mjs pageOpened uses. What remains of the first call is the
// cost of a first request to a new origin (the HTTP client's pool and connection for that host).
//   node bench/sdkNewOrigin.mjs <simUrl,…>   (seven origins: one per provider, then the warm-up's)
import './extensionHostBuiltins.mjs';
import { firstThenWarmBeyondNetwork } from './simulatorReplay.mjs';
import { simulatorProfiles, simulatorRouteOf } from '../test/simulator/profiles.mjs';
import { sdkCallFor } from './sdkCalls.mjs';

const origins = process.argv[2].split(',');
if (origins.length < 7) throw new Error('sdkNewOrigin needs seven simulator origins');
const own = simulatorProfiles(origins.slice(0, 6));
const elsewhere = simulatorProfiles(origins[6]);
const ids = Object.keys(own);

async function main() {
  for (const id of ids) {
    const call = sdkCallFor(id, elsewhere[id]);
    for (let i = 0; i < 5; i++) await call();
  }
  const calls = Object.fromEntries(ids.map((id) => [id, sdkCallFor(id, own[id])]));
  const perProvider = await firstThenWarmBeyondNetwork(origins[0], ids, simulatorRouteOf, async (id) => {
    const started = performance.now();
    await calls[id]();
    return performance.now() - started;
  });
  return { perProvider };
}

main()
  .then((figures) => {
    process.stdout.write(JSON.stringify(figures) + '\n');
    process.exit(0);
  })
  .catch((err) => {
    process.stderr.write(`sdk-new-origin failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
