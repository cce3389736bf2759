import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { text } from '../../text';
import type { CallContext } from '../types';
import { createAzureAuth } from './auth';
import { classifyAzureError, type AzureErrorContext } from './classifyError';
import { createAzureClient } from './client';
import { azureSettingsSchema, type AzureSettings } from './definition';
import { AZURE_PROVIDER_NAME, normaliseAzureEndpoint, type AzureEndpoint } from './endpoint';
import type OpenAI from 'openai';

/** Everything one call needs, resolved from the stored settings and secrets. */
export interface AzureCall {
  settings: AzureSettings;
  endpoint: AzureEndpoint;
  client: OpenAI;
  /** For classifying errors of this call (add step/deployment per request). */
  errors: AzureErrorContext;
}

function invalid(message: string, hint: ReturnType<typeof text>, step = 'settings'): ProviderError {
  return providerError('invalid_configuration', { provider: AZURE_PROVIDER_NAME, step, message, hint });
}

/** Validates settings, normalises the endpoint and sets up auth and the SDK client; failures are values. */
export function prepareAzureCall(ctx: CallContext, timeoutMs: number | undefined): { ok: true; call: AzureCall } | { ok: false; error: ProviderError } {
  const secrets = Object.values(ctx.secrets);
  const raw = (ctx.settings ?? {}) as Partial<AzureSettings>;
  const endpointResult = normaliseAzureEndpoint(String(raw.endpoint ?? ''));
  if (!Array.isArray(raw.deployments) || raw.deployments.length === 0) {
    const suggested = endpointResult.ok ? endpointResult.endpoint.suggestedDeployment : undefined;
    return {
      ok: false,
      error: invalid(
        'No deployment is configured.',
        suggested
          ? text('Add a deployment: the pasted endpoint names {0}. Deployment names are listed in Azure AI Foundry under Deployments.', suggested)
          : text('Add a deployment: copy its name from Azure AI Foundry under Deployments (the deployment name, not the model name).'),
        'deployments',
      ),
    };
  }
  if (!endpointResult.ok) return { ok: false, error: endpointResult.error };
  const parsed = azureSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: invalid(`${issue.path.join('.') || 'settings'}: ${issue.message}`, text('Some settings for Azure OpenAI are invalid. Fix the highlighted fields and Verify again.')) };
  }
  const settings = parsed.data;
  const endpoint = endpointResult.endpoint;
  // The token fetch is always bounded, even for streaming chat whose requests get no timeout.
  const auth = createAzureAuth(settings, ctx.secrets, ctx.signal, ctx.timeoutMs);
  if (!auth.ok) return { ok: false, error: auth.error };
  const errors: AzureErrorContext = {
    secrets,
    signal: ctx.signal,
    apiVersion: settings.apiVersion,
    resourceBase: endpoint.resourceBase,
    authMode: settings.authMode,
    tenantId: settings.tenantId,
  };
  try {
    const client = createAzureClient({ endpoint, apiVersion: settings.apiVersion, auth: auth.auth, timeoutMs, inProcessFetch: ctx.inProcessFetch });
    return { ok: true, call: { settings, endpoint, client, errors } };
  } catch (err) {
    return { ok: false, error: classifyAzureError(err, errors) };
  }
}
