import * as z from '../../zodMini';
import { urlField } from '../fields';
import type { ProviderDefinition } from '../types';
import { chatVendors } from '../chatVendors';

export const compatibleSettingsSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Name is required.'), z.maxLength(60, 'Name is too long (60 characters at most).')),
  baseUrl: urlField('Base URL'),
  /** Model ids to offer when the server's /models list is empty or incomplete. */
  models: z._default(z.array(z.string().check(z.trim(), z.minLength(1))), []),
});
export type CompatibleSettings = z.infer<typeof compatibleSettingsSchema>;

/**
 * Extra headers are kept in SecretStorage (gateways put keys in them), entered one per line
 * as "Name: value".
 */
export function parseExtraHeaders(input: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const raw of input.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      return { error: 'Each line of Extra headers must look like "Name: value".' };
    }
    const value = line.slice(colon + 1).trim();
    // A control or non-Latin character would make the request fail only once it is sent.
    if (!/^[\x20-\x7E]*$/.test(value)) return { error: 'Extra headers contain invisible or non-Latin characters; type the values again.' };
    headers[name] = value;
  }
  return { headers };
}

export const compatibleDefinition: ProviderDefinition<typeof compatibleSettingsSchema> = {
  kind: 'compatible',
  displayName: 'OpenAI-compatible',
  vendor: chatVendors.compatible,
  settingsSchema: compatibleSettingsSchema,
  secretFields: [
    { id: 'apiKey', label: 'API key', requiredFor: () => false },
    { id: 'extraHeaders', label: 'Extra headers', requiredFor: () => false },
  ],
  endpointOf: (s) => s.baseUrl,
  loadRuntime: () => import('./runtime').then((m) => m.compatibleRuntime),
};
