import type { ProviderKind } from '../providers/kinds';
import { providerDefinitions } from '../providers/registry';
import type { Secrets } from '../providers/types';
import type { OrderedWrites } from './orderedWrites';
import { ProviderRecords } from './providerRecords';

/** The endpoint a provider's settings send its key to; undefined when the settings are invalid. */
export function endpointOf(kind: ProviderKind, settings: unknown): string | undefined {
  const parsed = providerDefinitions[kind].settingsSchema.safeParse(settings);
  return parsed.success ? providerDefinitions[kind].endpointOf(parsed.data) : undefined;
}

/**
 * Per provider, the endpoint its stored key was saved or confirmed for (globalState
 * `byok.keyBindings`): a key is not sent to another endpoint until the user confirms.
 */
export class EndpointBindings {
  private readonly records: ProviderRecords<string>;

  constructor(state: OrderedWrites) {
    this.records = new ProviderRecords(state, 'byok.keyBindings');
  }

  bound(id: string): string | undefined {
    return this.records.get(id);
  }

  bind(id: string, endpoint: string | undefined): Promise<void> {
    return this.records.set(id, endpoint);
  }

  /** Some of `secrets` would go to `current`, an endpoint other than the one they were bound to. */
  changed(id: string, secrets: Secrets, current: string | undefined): boolean {
    if (!Object.values(secrets).some((v) => v !== undefined)) return false;
    const bound = this.bound(id);
    return bound !== undefined && current !== undefined && bound !== current;
  }
}
