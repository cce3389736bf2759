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
  hash.update(JSON.stringify(settings ?? null));
  for (const key of Object.keys(secrets).sort()) {
    hash.update('\0' + key + '\0');
    hash.update(secrets[key] ?? '');
  }
  return hash.digest('hex').slice(0, 24);
}
