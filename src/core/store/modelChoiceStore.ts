import { ModelChoicesSchema, type ModelChoices } from '../models/modelChoices';
import type { ProviderId } from '../providers/kinds';
import { OrderedWrites } from './orderedWrites';
import type { StatePort } from './ports';

const CHOICES_KEY = 'byok.modelChoices';

/** Per provider: models seen, declined and offered (see `ModelChoices`), in globalState. */
export class ModelChoiceStore {
  private readonly state: OrderedWrites;

  /** Pass the same `OrderedWrites` as the credential store's, so all globalState writes queue together. */
  constructor(state: StatePort) {
    this.state = OrderedWrites.over(state);
  }

  get(id: ProviderId): ModelChoices | undefined {
    const parsed = ModelChoicesSchema.safeParse(this.state.get<Record<string, unknown>>(CHOICES_KEY)?.[id]);
    return parsed.success ? parsed.data : undefined;
  }

  async set(id: ProviderId, choices: ModelChoices | undefined): Promise<void> {
    await this.state.modify<Record<string, unknown>>(CHOICES_KEY, (all) => {
      const next = { ...all };
      if (choices) next[id] = choices;
      else delete next[id];
      return next;
    });
  }
}
