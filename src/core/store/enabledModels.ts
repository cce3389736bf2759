import type { ProviderId } from '../providers/kinds';
import type { OrderedWrites } from './orderedWrites';

/** The `byok.enabledModels` setting: per provider, the models the user enabled for chat (synced). */
const ENABLED_KEY = 'enabledModels';

export class EnabledModels {
  constructor(private readonly settings: OrderedWrites) {}

  of(id: ProviderId): string[] {
    const map = this.settings.get<Record<string, unknown>>(ENABLED_KEY);
    const list = map?.[id];
    return Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string') : [];
  }

  async set(id: ProviderId, models: string[]): Promise<void> {
    await this.settings.modify<Record<string, unknown>>(ENABLED_KEY, (current) => {
      const map = { ...current };
      if (models.length) map[id] = [...new Set(models)];
      else delete map[id];
      return Object.keys(map).length ? map : undefined;
    });
  }
}
