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
