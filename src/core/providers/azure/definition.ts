import * as z from '../../zodMini';
import { optionalIdentifier, optionalText, urlField } from '../fields';
import type { ProviderDefinition } from '../types';
import { chatVendors } from '../chatVendors';
import { normaliseAzureEndpoint } from './endpoint';

export const azureDeploymentSchema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Deployment is required.'),
      z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Deployment may contain only letters, digits, ".", "_" and "-".'),
    ),
  /** Underlying model, when the user knows it (deployment names can hide it). */
  model: optionalText,
});

export const azureSettingsSchema = z.object({
  /** Any shape users paste; normalised by the runtime (resource root, /openai/deployments/…, /openai/v1/). */
  endpoint: urlField('Endpoint'),
  authMode: z._default(z.enum(['apiKey', 'entraId']), 'apiKey'),
  apiVersion: z._default(
    z
      .string()
      .check(z.trim(), z.regex(/^\d{4}-\d{2}-\d{2}(-preview)?$|^v1$/, 'API version must look like 2024-10-21 or 2025-04-01-preview.')),
    '2024-10-21',
  ),
  deployments: z.array(azureDeploymentSchema).check(z.minLength(1, 'Add at least one deployment.')),
  /** Entra ID with a service principal; without a client id the default Azure credential chain (az login, managed identity) is used. */
  tenantId: optionalIdentifier({ message: 'Tenant ID may contain only letters, digits, ".", "_" and "-" (a GUID or contoso.onmicrosoft.com).' }),
  clientId: optionalIdentifier({ message: 'Client ID may contain only letters, digits, ".", "_" and "-" (the application GUID).' }),
  /** Entra ID authority override (sovereign clouds, or a local identity endpoint). */
  authorityHost: z.optional(urlField('Authority host')),
});
export type AzureSettings = z.infer<typeof azureSettingsSchema>;

export const azureDefinition: ProviderDefinition<typeof azureSettingsSchema> = {
  kind: 'azure',
  displayName: 'Azure OpenAI',
  vendor: chatVendors.azure,
  settingsSchema: azureSettingsSchema,
  secretFields: [
    { id: 'apiKey', label: 'API key', requiredFor: (s) => (s as AzureSettings).authMode === 'apiKey' },
    {
      id: 'clientSecret',
      label: 'Client secret',
      requiredFor: (s) => (s as AzureSettings).authMode === 'entraId' && !!(s as AzureSettings).clientId,
    },
  ],
  // Bound to the resource, not to the pasted shape: the root URL and a full request URL of the
  // same resource are one endpoint. Entra ID sends its secret to the authority, so that counts too.
  endpointOf: (s) => {
    const normalised = normaliseAzureEndpoint(s.endpoint);
    const resource = normalised.ok ? normalised.endpoint.resourceBase : s.endpoint;
    return s.authMode === 'entraId' && s.authorityHost ? `${resource} ${s.authorityHost}` : resource;
  },
  loadRuntime: () => import('./runtime').then((m) => m.azureRuntime),
};
