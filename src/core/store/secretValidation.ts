import { parseExtraHeaders } from '../providers/compatible/definition';
import { guessKeyOwner, secretField } from '../providers/fields';
import type { ProviderDefinition, SecretField } from '../providers/types';
import { text } from '../text';

/** The key's prefix says it is another vendor's, and it would go to this provider's own host. */
export const FOREIGN_KEY = text("API key belongs to another provider (its prefix says so). Paste this provider's key, or set the Base URL of the gateway it is for.");

/** The settings a provider has before the user changes any: its own host as the base URL. */
export function officialSettings(def: ProviderDefinition): Record<string, unknown> {
  const parsed = def.settingsSchema.safeParse({});
  return parsed.success ? (parsed.data as Record<string, unknown>) : {};
}

/**
 * Validates a secret value as typed into the page; extra headers must be "Name: value" lines.
 * `baseUrl`: where the key would go; another vendor's key is refused only on the provider's own host.
 */
export function validateSecret(spec: SecretField, value: string, baseUrl?: unknown, officialBaseUrl?: unknown): { value: string } | { error: string } {
  if (spec.id === 'extraHeaders') {
    const parsed = parseExtraHeaders(value);
    return 'error' in parsed ? parsed : { value: value.trim() };
  }
  const parsed = secretField(spec.label).safeParse(value);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? `${spec.label} is invalid.` };
  if (spec.shape && !spec.shape.pattern.test(parsed.data)) return { error: spec.shape.message };
  const owner = guessKeyOwner(parsed.data);
  if (spec.keyOwner && owner && owner !== spec.keyOwner && baseUrl === officialBaseUrl) return { error: FOREIGN_KEY.message };
  return { value: parsed.data };
}

/**
 * The secret fields of a Save or Verify, validated: what to write (`null`: delete the field);
 * the message of each invalid or unknown field goes into `fieldErrors`.
 */
export function validateSecrets(def: ProviderDefinition, input: Record<string, string | null>, baseUrl: unknown, fieldErrors: Record<string, string>): [string, string | null][] {
  const writes: [string, string | null][] = [];
  for (const [field, value] of Object.entries(input)) {
    const spec = def.secretFields.find((f) => f.id === field);
    if (!spec) fieldErrors[field] = 'Unknown secret field.';
    else if (value === null) writes.push([field, null]);
    else {
      const checked = validateSecret(spec, value, baseUrl, officialSettings(def).baseUrl);
      if ('error' in checked) fieldErrors[field] = checked.error;
      else writes.push([field, checked.value]);
    }
  }
  return writes;
}
