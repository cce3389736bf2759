import { describe, expect, it } from 'vitest';
import { azureDefinition, azureSettingsSchema } from '../../src/core/providers/azure/definition';
import { normaliseAzureEndpoint } from '../../src/core/providers/azure/endpoint';

function ok(raw: string) {
  const r = normaliseAzureEndpoint(raw);
  if (!r.ok) throw new Error(`expected ${raw} to normalise, got: ${r.error.message}`);
  return r.endpoint;
}

function rejected(raw: string) {
  const r = normaliseAzureEndpoint(raw);
  if (r.ok) throw new Error(`expected ${raw} to be rejected, got ${r.endpoint.resourceBase}`);
  return r.error;
}

describe('normaliseAzureEndpoint: shapes users paste', () => {
  it.each([
    ['https://my-res.openai.azure.com', 'https://my-res.openai.azure.com'],
    ['https://my-res.openai.azure.com/', 'https://my-res.openai.azure.com'],
    ['  https://my-res.openai.azure.com//  ', 'https://my-res.openai.azure.com'],
    ['my-res.openai.azure.com', 'https://my-res.openai.azure.com'],
    ['https://my-res.openai.azure.com/openai', 'https://my-res.openai.azure.com'],
    ['https://my-res.cognitiveservices.azure.com/', 'https://my-res.cognitiveservices.azure.com'],
    ['https://my-hub.services.ai.azure.com/models', 'https://my-hub.services.ai.azure.com'],
    ['https://my-hub.services.ai.azure.com/api/projects/my-project', 'https://my-hub.services.ai.azure.com'],
    ['https://eastus.api.cognitive.microsoft.com/', 'https://eastus.api.cognitive.microsoft.com'],
    ['https://apim.contoso.com/aoai', 'https://apim.contoso.com/aoai'],
    ['https://apim.contoso.com/team-a/aoai/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21', 'https://apim.contoso.com/team-a/aoai'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/openai/v1/', 'http://localhost:4010'],
  ])('%s -> %s', (raw, base) => {
    expect(ok(raw).resourceBase).toBe(base);
  });

  it('extracts deployment and api-version from a full request URL as suggestions', () => {
    const e = ok('https://my-res.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2025-01-01-preview');
    expect(e).toEqual({
      resourceBase: 'https://my-res.openai.azure.com',
      surface: 'deployments',
      suggestedDeployment: 'gpt-4o-prod',
      suggestedApiVersion: '2025-01-01-preview',
    });
  });

  it('survives a malformed %-escape in a pasted deployment name', () => {
    expect(ok('https://my-res.openai.azure.com/openai/deployments/gpt%E0%A4%A/chat/completions').suggestedDeployment).toBe('gpt%E0%A4%A');
    expect(ok('https://my-res.openai.azure.com/openai/deployments/my%20model/chat/completions').suggestedDeployment).toBe('my model');
  });

  it('recognises the /openai/v1/ surface', () => {
    expect(ok('https://my-res.openai.azure.com/openai/v1/').surface).toBe('v1');
    expect(ok('https://my-res.openai.azure.com/openai/v1/chat/completions').surface).toBe('v1');
    expect(ok('https://my-res.openai.azure.com').surface).toBe('deployments');
  });

  it('keeps a resource root without suggestions when none were pasted', () => {
    expect(ok('https://my-res.openai.azure.com')).toEqual({ resourceBase: 'https://my-res.openai.azure.com', surface: 'deployments' });
  });
});

describe('normaliseAzureEndpoint: rejections name the Endpoint field', () => {
  it.each([
    ['', /Endpoint is empty/],
    ['http://my-res.openai.azure.com', /Endpoint must use https/],
    ['ftp://my-res.openai.azure.com', /Endpoint must start with https/],
    ['https://user:pw@my-res.openai.azure.com', /Endpoint must not contain a user name/],
    ['https://portal.azure.com/#@contoso/resource/x', /Endpoint points at portal\.azure\.com/],
    ['https://ai.azure.com/resource/deployments', /Endpoint points at ai\.azure\.com/],
    ['https://exa mple.com', /Endpoint is not a valid URL/],
  ])('%s', (raw, message) => {
    const error = rejected(raw);
    expect(error.kind).toBe('invalid_configuration');
    expect(error.step).toBe('endpoint');
    expect(error.message).toMatch(message);
    expect(error.hint.message).toMatch(/Keys and Endpoint|user:password/);
  });
});

describe('azureDefinition.endpointOf: what a stored key is bound to', () => {
  const settings = (endpoint: string, extra: Record<string, unknown> = {}) =>
    azureSettingsSchema.parse({ endpoint, deployments: [{ name: 'gpt-4o' }], ...extra });

  it('is the same resource whatever shape of its URL was pasted', () => {
    const root = azureDefinition.endpointOf(settings('https://my-res.openai.azure.com'));
    expect(azureDefinition.endpointOf(settings('https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21'))).toBe(root);
    expect(azureDefinition.endpointOf(settings('https://my-res.openai.azure.com/openai/v1/'))).toBe(root);
    expect(azureDefinition.endpointOf(settings('https://other-res.openai.azure.com'))).not.toBe(root);
  });

  it('includes the Entra authority, where the client secret goes', () => {
    const a = azureDefinition.endpointOf(settings('https://my-res.openai.azure.com', { authMode: 'entraId', authorityHost: 'https://login.microsoftonline.us' }));
    const b = azureDefinition.endpointOf(settings('https://my-res.openai.azure.com', { authMode: 'entraId', authorityHost: 'https://login.example.com' }));
    expect(a).not.toBe(b);
  });
});
