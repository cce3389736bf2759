import type { StatePort } from './ports';

/**
 * One write at a time to a key-value store (globalState, settings). VS Code echoes every
 * globalState write back to the extension host and replaces its whole in-memory copy with the
 * echo, so two read-modify-writes in flight together can undo each other: "Verify all" lost a
 * provider's result that way. A change runs once every earlier one is written, on the value as
 * it is then.
 */
export class OrderedWrites implements StatePort {
  private last: Promise<unknown> = Promise.resolve();

  private constructor(private readonly port: StatePort) {}

  /** The same queue for everything that writes through `port`, however many times it is wrapped. */
  static over(port: StatePort): OrderedWrites {
    return port instanceof OrderedWrites ? port : new OrderedWrites(port);
  }

  get<T>(key: string): T | undefined {
    return this.port.get<T>(key);
  }

  update(key: string, value: unknown): Promise<void> {
    return this.modify(key, () => value);
  }

  /**
   * `change` gets the current value (never mutate it: a Memento hands out its own object) and
   * returns the next one; returning `current` itself writes nothing.
   */
  modify<T>(key: string, change: (current: T | undefined) => unknown): Promise<void> {
    const run = this.last.then(async () => {
      const current = this.port.get<T>(key);
      const next = change(current);
      if (next !== current) await this.port.update(key, next);
    });
    this.last = run.catch(() => undefined);
    return run;
  }
}
