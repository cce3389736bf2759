import type { ProviderId } from '../providers/kinds';
import { configFingerprint } from './fingerprint';
import type { OrderedWrites } from './orderedWrites';
import { ProviderRecords } from './providerRecords';

/** Settings waiting for a successful Verify, per provider (globalState, machine-local: never synced). */
export class StagedSettings {
  private readonly records: ProviderRecords<Record<string, unknown>>;

  constructor(state: OrderedWrites) {
    this.records = new ProviderRecords(state, 'byok.stagedSettings');
  }

  /** Settings a Verify staged and that have not verified yet (undefined: none). */
  get(id: ProviderId): Record<string, unknown> | undefined {
    const staged = this.records.get(id);
    return staged && typeof staged === 'object' ? staged : undefined;
  }

  /** Stages settings for a Verify; settings equal to the working ones stage nothing. */
  async stage(id: ProviderId, settings: Record<string, unknown>, working: Record<string, unknown>): Promise<void> {
    const same = configFingerprint(id, settings, {}) === configFingerprint(id, working, {});
    await this.records.set(id, same ? undefined : settings);
  }

  drop(id: ProviderId): Promise<void> {
    return this.records.set(id, undefined);
  }
}
