/** The slices of the editor's storage APIs the store needs; the host passes VS Code's, tests pass in-memory ones. */
export interface SecretStoragePort {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** User-level (global) `byok.*` settings, so Settings Sync carries them. */
export interface SettingsPort {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** `globalState`: verification results, key bindings, external ids. Never secrets. */
export interface StatePort {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
