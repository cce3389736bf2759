import type { SecretStoragePort } from './ports';

/**
 * A provider's optional fallback key, used once when the primary key is rate-limited or out of
 * quota. SecretStorage only (`byok/<provider>/fallback/<field>`), apart from the working secrets:
 * it is not part of the configuration a verification result is about.
 */
export class FallbackKeys {
  constructor(private readonly secrets: SecretStoragePort) {}

  static secretKey(id: string, field: string): string {
    return `byok/${id}/fallback/${field}`;
  }

  get(id: string, field: string): PromiseLike<string | undefined> {
    return this.secrets.get(FallbackKeys.secretKey(id, field));
  }

  set(id: string, field: string, value: string | undefined): PromiseLike<void> {
    const key = FallbackKeys.secretKey(id, field);
    return value === undefined ? this.secrets.delete(key) : this.secrets.store(key, value);
  }
}
