import type { OrderedWrites } from './orderedWrites';
import type { SecretStoragePort } from './ports';

/** Secret fields being moved into place, per provider: a restart finishes the move. */
const SECRET_MOVES_KEY = 'byok.secretMoves';
/** Staged in place of a value: the move deletes the field (real secrets are never empty). */
const DELETED = '';

/** Where the new values wait: Verify's pending area, or Save's own while several fields change. */
export type StagingArea = 'pending' | 'saving';

interface SecretMove {
  from: StagingArea;
  fields: string[];
}

export function workingSecretKey(id: string, field: string): string {
  return `byok/${id}/${field}`;
}

export function stagedSecretKey(id: string, field: string, area: StagingArea): string {
  return area === 'pending' ? `byok/${id}/pending/${field}` : `byok/${id}/saving/${field}`;
}

/**
 * Replaces several secret fields of a provider so that a host killed at any point leaves all the
 * old values or all the new ones, never a mix (an access key id of one pair with the secret of
 * another): the new values wait in a staging area, a marker in globalState says the move has
 * begun, then each field moves into place. A marked move left half done is finished on start.
 */
export class SecretMoves {
  /** A move a killed host left half done, finished before anything reads or writes secrets; the providers it was for. */
  readonly recovery: Promise<string[]>;

  constructor(
    private readonly secrets: SecretStoragePort,
    private readonly state: OrderedWrites,
  ) {
    this.recovery = this.finishInterrupted();
  }

  /** Stages a value for `save`'s own area (null: the move deletes the field). */
  stage(id: string, field: string, value: string | null): PromiseLike<void> {
    return this.secrets.store(stagedSecretKey(id, field, 'saving'), value ?? DELETED);
  }

  async move(id: string, from: StagingArea, fields: string[]): Promise<void> {
    if (fields.length === 0) return;
    // One field cannot mix with another: no marker needed.
    if (fields.length > 1) await this.state.modify<Record<string, SecretMove>>(SECRET_MOVES_KEY, (moves) => ({ ...moves, [id]: { from, fields } }));
    await this.finish(id, { from, fields });
  }

  private async finish(id: string, move: SecretMove): Promise<void> {
    for (const field of move.fields) {
      const staged = stagedSecretKey(id, field, move.from);
      const value = await this.secrets.get(staged);
      // Gone from the staging area: this field was moved before the host stopped.
      if (value === undefined) continue;
      if (value === DELETED) await this.secrets.delete(workingSecretKey(id, field));
      else await this.secrets.store(workingSecretKey(id, field), value);
      await this.secrets.delete(staged);
    }
    if (this.state.get<Record<string, SecretMove>>(SECRET_MOVES_KEY)?.[id] === undefined) return;
    await this.state.modify<Record<string, SecretMove>>(SECRET_MOVES_KEY, (moves) => {
      if (!moves?.[id]) return moves;
      const rest = { ...moves };
      delete rest[id];
      return rest;
    });
  }

  private async finishInterrupted(): Promise<string[]> {
    const moves = Object.entries(this.state.get<Record<string, SecretMove>>(SECRET_MOVES_KEY) ?? {});
    for (const [id, move] of moves) await this.finish(id, move);
    return moves.map(([id]) => id);
  }
}
