import * as z from '../../zodMini';
import { optionalIdentifier, secretField, urlField } from '../fields';
import type { ProviderDefinition } from '../types';
import { chatVendors } from '../chatVendors';

export const openAISettingsSchema = z.object({
  baseUrl: z._default(urlField('Base URL'), 'https://api.openai.com/v1'),
  organization: optionalIdentifier({ message: 'Organization ID may contain only letters, digits, ".", "_" and "-" (for example org-abc123).' }),
  project: optionalIdentifier({ message: 'Project ID may contain only letters, digits, ".", "_" and "-" (for example proj_abc123).' }),
});
export type OpenAISettings = z.infer<typeof openAISettingsSchema>;

export const openAIApiKey = secretField('API key');

export const openAIDefinition: ProviderDefinition<typeof openAISettingsSchema> = {
  kind: 'openai',
  displayName: 'OpenAI',
  vendor: chatVendors.openai,
  settingsSchema: openAISettingsSchema,
  secretFields: [{ id: 'apiKey', label: 'API key', requiredFor: () => true, keyOwner: 'openai' }],
  endpointOf: (s) => s.baseUrl,
  loadRuntime: () => import('./runtime').then((m) => m.openAIRuntime),
};
