import { z } from 'zod';
import { urlField } from '../fields';
import type { ProviderDefinition } from '../types';

export const geminiSettingsSchema = z.object({
  baseUrl: urlField('Base URL').default('https://generativelanguage.googleapis.com'),
});
export type GeminiSettings = z.infer<typeof geminiSettingsSchema>;

export const geminiDefinition: ProviderDefinition<typeof geminiSettingsSchema> = {
  kind: 'gemini',
  displayName: 'Google Gemini',
  vendor: 'byok-gemini',
  settingsSchema: geminiSettingsSchema,
  secretFields: [{ id: 'apiKey', label: 'API key', requiredFor: () => true }],
  endpointOf: (s) => s.baseUrl,
  loadRuntime: () => import('./runtime').then((m) => m.geminiRuntime),
};
