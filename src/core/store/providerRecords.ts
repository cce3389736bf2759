import type { OrderedWrites } from './orderedWrites';

/**
 * One globalState entry holding a record per provider (results, key bindings, staged settings,
 * key ages): read one, write or delete one, through the shared write queue.
 */
export class ProviderRecords<T> {
  constructor(
    private readonly state: OrderedWrites,
    readonly key: string,
  ) {}

  get(id: string): T | undefined {
    return this.state.get<Record<string, T>>(this.key)?.[id];
  }

  all(): Record<string, T> {
    return this.state.get<Record<string, T>>(this.key) ?? {};
  }

  /** `change` gets the provider's current record; undefined deletes it. */
  async change(id: string, change: (current: T | undefined) => T | undefined): Promise<void> {
    await this.state.modify<Record<string, T>>(this.key, (all) => {
      const next = change(all?.[id]);
      if (next === undefined && !all?.[id]) return all;
      const copy = { ...all };
      if (next === undefined) delete copy[id];
      else copy[id] = next;
      return copy;
    });
  }

  set(id: string, value: T | undefined): Promise<void> {
    return this.change(id, () => value);
  }
}
