// One benchmark process (run by bench/run.mjs; each mode in a fresh Node process so "cold"
// really is cold). Prints one JSON line with the measured figures.
//   node --expose-gc bench/nodeFigures.mjs <simUrl[,simUrl…]> activation
//   node bench/nodeFigures.mjs <simUrl> activationOf <bundle>   (the empty bundle: the floor)
//   node --expose-gc bench/nodeFigures.mjs <simUrl> pageOpened
//   node bench/nodeFigures.mjs <simUrl> cold <providerId>
//   node bench/nodeFigures.mjs <simUrl> overhead|verifyAll
import { activateExtension, configure, lazyModulesLoaded } from './extensionInNode.mjs';
import { clearSimRequests, concurrentWaves, firstThenWarmBeyondNetwork, median, replayRaw, setSimOverride, simRequests } from './simulatorReplay.mjs';
import { simulatorProfiles, simulatorRouteOf } from '../test/simulator/profiles.mjs';
import { elapsedSince } from './slowdown.mjs';

// The simulator's origins, comma-separated: each provider gets its own (simulatorProfiles).
const [simUrls, mode, arg] = process.argv.slice(2);
const origins = simUrls.split(',');
const simUrl = origins[0];
const profiles = simulatorProfiles(origins);
const providerIds = Object.keys(profiles);

/** Resident memory after a full GC: what the extension adds to the extension host process. */
function heapMb() {
  globalThis.gc?.();
  return process.memoryUsage().rss / 1e6;
}

async function configureAll(services) {
  for (const id of providerIds) await configure(services, id, profiles[id]);
}

/** Verifies and fails loudly when a provider does not verify: a failed call is not a timing. */
async function verifyOk(services, id) {
  const started = performance.now();
  const result = await services.verifier.verify(id);
  const ms = elapsedSince(started);
  if (!result?.ok) throw new Error(`${id} did not verify: ${JSON.stringify(result?.error ?? result)}`);
  return ms;
}

async function activation() {
  const before = heapMb();
  const { activationMs, services } = activateExtension();
  const lazy = await lazyModulesLoaded();
  if (!globalThis.__loadedModuleUrls) throw new Error('run with --import ./bench/recordModuleLoads.mjs');
  const afterActivation = heapMb();
  await configureAll(services);
  const results = await services.verifier.verifyAll();
  const failed = (results ?? []).filter((r) => !r?.ok).map((r) => r?.providerId);
  if (failed.length) throw new Error(`verify all failed for ${failed.join(', ')}`);
  const afterVerify = heapMb();
  // The detector must see the provider modules verification loaded, or "0 at activation" means nothing.
  const loadedByVerify = await lazyModulesLoaded();
  if (loadedByVerify.length === 0) throw new Error('module-load detector saw no provider module after verifying');
  return {
    activationMs,
    modulesLoadedAtActivation: lazy.length,
    modulesLoadedNames: lazy.slice(0, 5),
    memoryAfterActivationMb: afterActivation - before,
    memoryAfterVerifyAllMb: afterVerify - before,
  };
}

async function cold(id) {
  const { services } = activateExtension();
  await configure(services, id, profiles[id]);
  await clearSimRequests(simUrl);
  const totalMs = await verifyOk(services, id);
  const recorded = (await simRequests(simUrl)).filter((r) => r.provider === simulatorRouteOf[id]);
  const networkMs = await replayRaw(simUrl, recorded, { fresh: true });
  return { id, totalMs, networkMs, requests: recorded.length, beyondNetworkMs: totalMs - networkMs };
}

/** Warm verification time against the raw replay of the same requests, per provider. */
async function overhead() {
  const { services } = activateExtension();
  await configureAll(services);
  const overhead = {};
  for (const id of providerIds) {
    // Warm: connections open and the code paths compiled, as after a few verifications in a session.
    for (let i = 0; i < 10; i++) {
      await clearSimRequests(simUrl);
      await verifyOk(services, id);
      await replayRaw(simUrl, (await simRequests(simUrl)).filter((r) => r.provider === simulatorRouteOf[id]), { fresh: false });
    }
    const verifyTimes = [];
    const rawTimes = [];
    let requests = '';
    for (let i = 0; i < 21; i++) {
      await clearSimRequests(simUrl);
      verifyTimes.push(await verifyOk(services, id));
      const recorded = (await simRequests(simUrl)).filter((r) => r.provider === simulatorRouteOf[id]);
      requests = `${recorded.length} in ${concurrentWaves(recorded).length} wave(s)`;
      rawTimes.push(await replayRaw(simUrl, recorded, { fresh: false }));
    }
    overhead[id] = { requests, verifyMs: median(verifyTimes), rawMs: median(rawTimes), overheadMs: median(verifyTimes) - median(rawTimes) };
  }
  return overhead;
}

/** Verify all with 200 ms latency per provider against the slowest single verification. */
async function verifyAll() {
  const { services } = activateExtension();
  await configureAll(services);
  for (const id of providerIds) await verifyOk(services, id);
  for (const id of providerIds) await setSimOverride(simUrl, simulatorRouteOf[id], { latencyMs: 200 });
  // One pass finds the slowest provider; then it alone and all six together alternate.
  const single = {};
  for (const id of providerIds) single[id] = await verifyOk(services, id);
  const slowestId = providerIds.reduce((a, b) => (single[a] >= single[b] ? a : b));
  const slowestTimes = [];
  const allTimes = [];
  for (let i = 0; i < 3; i++) {
    slowestTimes.push(await verifyOk(services, slowestId));
    const started = performance.now();
    const results = await services.verifier.verifyAll();
    allTimes.push(elapsedSince(started));
    const failed = (results ?? []).filter((r) => !r?.ok);
    if (failed.length) throw new Error(`verify all failed: ${failed.map((r) => r?.providerId).join(', ')}`);
  }
  for (const id of providerIds) await setSimOverride(simUrl, simulatorRouteOf[id], {});
  const slowest = median(slowestTimes);
  return { single, slowestId, verifyAllMs: median(allTimes), slowestSingleMs: slowest, verifyAllRatio: median(allTimes) / slowest };
}

/**
 * The Models page opens (the host preloads the configured providers' runtimes and warms Node's
 * HTTP clients up as the page does after its first render), the user waits one second and clicks Verify: each provider's first
 * Verify, beyond the network, against its warm Verify beyond the network in the same process.
 * Memory is measured after the preload, before any Verify.
 */
async function pageOpened() {
  const before = heapMb();
  const { services } = activateExtension();
  await configureAll(services);
  await services.verifier.preloadConfigured();
  await services.verifier.warmUpConnections();
  const afterPreload = heapMb();
  // The user waits a second, then verifies each provider for the first time.
  const perProvider = await firstThenWarmBeyondNetwork(simUrl, providerIds, simulatorRouteOf, (id) => verifyOk(services, id));
  return { memoryAfterPageOpenMb: afterPreload - before, perProvider };
}

async function activationOf(bundle) {
  const { activationMs, firstUseMs } = activateExtension(bundle);
  return { activationMs, firstUseMs };
}

const modes = { activation, activationOf: () => activationOf(arg), pageOpened, cold: () => cold(arg), overhead, verifyAll };
modes[mode]()
  .then((figures) => {
    process.stdout.write(JSON.stringify(figures) + '\n');
    process.exit(0);
  })
  .catch((err) => {
    process.stderr.write(`bench ${mode} failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
