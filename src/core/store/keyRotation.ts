import { kindOfId, type ProviderId } from '../providers/kinds';
import { providerDefinitions } from '../providers/registry';

/**
 * The secret a rotation replaces: the provider's first key its settings require (the API key;
 * Bedrock's secret access key, with its access key ID beside it; Azure Entra's client secret).
 */
export function rotatedSecretField(id: ProviderId, settings: unknown): string {
  const def = providerDefinitions[kindOfId(id)];
  const raw = settings ?? {};
  const parsed = def.settingsSchema.safeParse(raw);
  const required = def.secretFields.filter((f) => f.id !== 'accessKeyId' && f.requiredFor(parsed.success ? parsed.data : raw));
  return (required[0] ?? def.secretFields[0]!).id;
}
