import type { SecretStoragePort, SettingsPort, StatePort } from '../../src/core/store/ports';

/** In-memory stand-ins with the same interface as VS Code's SecretStorage, settings and Memento. */
export class MemorySecrets implements SecretStoragePort {
  readonly map = new Map<string, string>();
  async get(key: string) {
    return this.map.get(key);
  }
  async store(key: string, value: string) {
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
}

export class MemoryKeyValue implements SettingsPort, StatePort {
  readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    const v = this.map.get(key);
    return v === undefined ? undefined : (structuredClone(v) as T);
  }
  async update(key: string, value: unknown) {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, structuredClone(value));
  }
  dump(): string {
    return JSON.stringify([...this.map]);
  }
}

/**
 * Behaves like VS Code's globalState (ExtensionMemento, 1.139) with the timing in the test's hands:
 * a write changes the local copy at once; `flush()` sends the local copy to the editor; `echo()`
 * delivers the oldest sent copy back, which replaces the whole local copy (as the extension host
 * does) and only then resolves the writes it carried.
 */
export class EchoingMemento implements StatePort {
  private value: Record<string, unknown> = {};
  private unsent: (() => void)[] = [];
  private readonly inFlight: { sent: string; done: (() => void)[] }[] = [];

  get<T>(key: string): T | undefined {
    return this.value[key] as T | undefined;
  }

  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) delete this.value[key];
    else this.value[key] = value;
    return new Promise((resolve) => this.unsent.push(resolve));
  }

  flush(): void {
    if (!this.unsent.length) return;
    this.inFlight.push({ sent: JSON.stringify(this.value), done: this.unsent });
    this.unsent = [];
  }

  echo(): void {
    const next = this.inFlight.shift();
    if (!next) return;
    this.value = JSON.parse(next.sent) as Record<string, unknown>;
    next.done.forEach((resolve) => resolve());
  }

  /** Lets the extension's pending promise callbacks run, as between two messages from the editor. */
  static async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Flushes and echoes one write at a time until `work` is done. */
  async deliverUntil<T>(work: Promise<T>): Promise<T> {
    let finished = false;
    void work.finally(() => (finished = true)).catch(() => undefined);
    for (let i = 0; i < 1000 && !finished; i++) {
      await EchoingMemento.settle();
      this.flush();
      this.echo();
    }
    return work;
  }
}
