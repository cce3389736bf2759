import type { ProviderId } from '../providers/kinds';
import { NAME_TAKEN, nameTaken } from './endpointNames';
import type { OrderedWrites } from './orderedWrites';

const COMPATIBLE_KEY = 'compatibleEndpoints';

type CompatibleEntry = Record<string, unknown> & { id: string };

/** The OpenAI-compatible endpoints: one list in the `byok.compatibleEndpoints` setting, each entry with its id. */
export class CompatibleEndpointList {
  constructor(private readonly settings: OrderedWrites) {}

  entries(list: unknown = this.settings.get<unknown>(COMPATIBLE_KEY)): CompatibleEntry[] {
    return Array.isArray(list) ? list.filter((e): e is CompatibleEntry => !!e && typeof e === 'object' && typeof e.id === 'string') : [];
  }

  /** An endpoint's settings without its id, or undefined when there is no such endpoint. */
  settingsOf(id: string): Record<string, unknown> | undefined {
    const entry = this.entries().find((e) => e.id === id);
    if (!entry) return undefined;
    const { id: _id, ...rest } = entry;
    return rest;
  }

  nameTaken(name: string, id?: string): boolean {
    return nameTaken(this.entries(), name, id);
  }

  /** Rewrites the list from its value at the time of the write (see OrderedWrites). */
  private change(change: (entries: CompatibleEntry[]) => CompatibleEntry[]): Promise<void> {
    return this.settings.modify<unknown>(COMPATIBLE_KEY, (list) => change(this.entries(list)));
  }

  write(id: string, settings: Record<string, unknown>): Promise<void> {
    const entry = { id, ...settings };
    return this.change((entries) => (entries.some((e) => e.id === id) ? entries.map((e) => (e.id === id ? entry : e)) : [...entries, entry]));
  }

  remove(id: string): Promise<void> {
    return this.change((entries) => entries.filter((e) => e.id !== id));
  }

  /**
   * Creates a new entry with a unique id derived from its name; a name another endpoint already
   * has is refused (a `name` field error, nothing written).
   */
  async add(name: string, baseUrl: string): Promise<{ ok: true; id: ProviderId } | { ok: false; fieldErrors: Record<string, string> }> {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'endpoint';
    let id = '';
    // Checked inside the queued write, so two adds of one name in flight together cannot both pass.
    await this.settings.modify<unknown>(COMPATIBLE_KEY, (list) => {
      const entries = this.entries(list);
      if (nameTaken(entries, name)) return list;
      const ids = new Set(entries.map((e) => e.id));
      id = `compatible.${slug}`;
      for (let n = 2; ids.has(id); n++) id = `compatible.${slug}-${n}`;
      return [...entries, { id, name: name.trim() || slug, baseUrl, models: [] }];
    });
    return id ? { ok: true, id: id as ProviderId } : { ok: false, fieldErrors: { name: NAME_TAKEN.message } };
  }
}
