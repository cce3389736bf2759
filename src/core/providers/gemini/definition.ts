import * as z from '../../zodMini';
import { urlField } from '../fields';
import type { ProviderDefinition } from '../types';
import { chatVendors } from '../chatVendors';

export const geminiSettingsSchema = z.object({
  baseUrl: z._default(urlField('Base URL'), 'https://generativelanguage.googleapis.com'),
});
export type GeminiSettings = z.infer<typeof geminiSettingsSchema>;

export const geminiDefinition: ProviderDefinition<typeof geminiSettingsSchema> = {
  kind: 'gemini',
  displayName: 'Google Gemini',
  vendor: chatVendors.gemini,
  settingsSchema: geminiSettingsSchema,
  secretFields: [{ id: 'apiKey', label: 'API key', requiredFor: () => true, keyOwner: 'gemini' }],
  endpointOf: (s) => s.baseUrl,
  loadRuntime: () => import('./runtime').then((m) => m.geminiRuntime),
};
