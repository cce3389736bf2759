import { createHash } from 'node:crypto';
import type { Secrets } from '../providers/types';

/**
 * Identifies one configuration (settings + secret values) without revealing the secrets:
 * a verification result is only shown for the configuration it was made with.
 */
export function configFingerprint(kind: string, settings: unknown, secrets: Secrets): string {
  const hash = createHash('sha256');
  hash.update(kind);
  hash.update('\0');
  hash.update(JSON.stringify(settings ?? null, sortedKeys));
  for (const key of Object.keys(secrets).sort()) {
    hash.update('\0' + key + '\0');
    hash.update(secrets[key] ?? '');
  }
  return hash.digest('hex').slice(0, 24);
}

/** Settings written in another key order (edited in settings.json) are the same configuration. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
