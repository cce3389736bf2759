import { z } from 'zod';
import { urlField } from '../fields';
import type { ProviderDefinition } from '../types';

export const anthropicSettingsSchema = z.object({
  baseUrl: urlField('Base URL').default('https://api.anthropic.com'),
});
export type AnthropicSettings = z.infer<typeof anthropicSettingsSchema>;

export const anthropicDefinition: ProviderDefinition<typeof anthropicSettingsSchema> = {
  kind: 'anthropic',
  displayName: 'Anthropic',
  vendor: 'byok-anthropic',
  settingsSchema: anthropicSettingsSchema,
  secretFields: [{ id: 'apiKey', label: 'API key', requiredFor: () => true }],
  endpointOf: (s) => s.baseUrl,
  loadRuntime: () => import('./runtime').then((m) => m.anthropicRuntime),
};
