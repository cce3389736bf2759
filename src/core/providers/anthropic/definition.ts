import * as z from '../../zodMini';
import { urlField } from '../fields';
import type { ProviderDefinition } from '../types';
import { chatVendors } from '../chatVendors';

export const anthropicSettingsSchema = z.object({
  baseUrl: z._default(urlField('Base URL'), 'https://api.anthropic.com'),
});
export type AnthropicSettings = z.infer<typeof anthropicSettingsSchema>;

export const anthropicDefinition: ProviderDefinition<typeof anthropicSettingsSchema> = {
  kind: 'anthropic',
  displayName: 'Anthropic',
  vendor: chatVendors.anthropic,
  settingsSchema: anthropicSettingsSchema,
  secretFields: [{ id: 'apiKey', label: 'API key', requiredFor: () => true, keyOwner: 'anthropic' }],
  endpointOf: (s) => s.baseUrl,
  loadRuntime: () => import('./runtime').then((m) => m.anthropicRuntime),
};
