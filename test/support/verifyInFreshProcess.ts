// A separate "extension host" for what Node reads only when it starts (NODE_EXTRA_CA_CERTS): the
// editor's network settings from the environment (HTTPS_PROXY), one Verify per provider given as
// JSON [{ id, settings, secrets }], the outcomes printed as JSON.
import { networkRouteFrom, setNetworkRoute } from '../../src/core/net/networkRoute';
import type { ProviderId } from '../../src/core/providers/kinds';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { Verifier } from '../../src/core/verify/verifier';
import { MemoryKeyValue, MemorySecrets } from './memoryPorts';

async function main() {
  const configs = JSON.parse(process.argv[2]!) as { id: ProviderId; settings: Record<string, unknown>; secrets: Record<string, string> }[];
  setNetworkRoute(networkRouteFrom({}, process.env));
  const outcomes = [];
  for (const config of configs) {
    const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
    await store.save(config.id, config.settings, config.secrets);
    const result = await new Verifier({ store, timeoutMs: () => 20_000 }).verify(config.id);
    outcomes.push({ id: config.id, ok: result?.ok, kind: result?.error?.kind });
  }
  process.stdout.write(JSON.stringify(outcomes));
}

void main();
