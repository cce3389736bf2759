import { AggregateAuthenticationError, AuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { OpenAIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyAzureError, type AzureErrorContext } from '../../src/core/providers/azure/classifyError';
import { formatText } from '../../src/core/text';

const ctx: AzureErrorContext = { secrets: [], apiVersion: '2024-10-21', resourceBase: 'https://my-res.openai.azure.com', authMode: 'entraId', step: 'deployment gpt-4o' };

/** The openai SDK wraps a failing token provider like this. */
function fromTokenProvider(cause: Error): Error {
  return new OpenAIError(`Failed to get token from 'apiKey' function: ${cause.message}`, { cause } as never);
}

// Messages as @azure/identity 4.13 words them on a machine without any sign-in.
const environment = new CredentialUnavailableError('EnvironmentCredential is unavailable. No underlying credential could be used.');
const managedIdentityProbe = new CredentialUnavailableError('ManagedIdentityCredential: Network unreachable. Message: network_error: See https://aka.ms/msal.js.errors#network_error for details');
const noCli = new CredentialUnavailableError("Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'.");
const noAzd = new CredentialUnavailableError("Azure Developer CLI couldn't be found.");

function chain(...errors: Error[]): AggregateAuthenticationError {
  return new AggregateAuthenticationError(errors, 'ChainedTokenCredential authentication failed.');
}

describe('classifyAzureError: Entra ID without a sign-in', () => {
  it('DefaultAzureCredential with every credential unavailable -> missing_credentials with the az login hint', () => {
    const error = classifyAzureError(fromTokenProvider(chain(environment, managedIdentityProbe, noCli, noAzd)), ctx);
    expect(error).toMatchObject({ kind: 'missing_credentials', step: 'Entra ID token', code: 'AggregateAuthenticationError', message: 'ChainedTokenCredential authentication failed.' });
    expect(formatText(error.hint)).toBe('No Azure sign-in was found. Run "az login" (or set Client ID, Tenant ID and a client secret), then Verify again.');
  });

  it('one unavailable credential -> missing_credentials too', () => {
    expect(classifyAzureError(fromTokenProvider(noCli), ctx).kind).toBe('missing_credentials');
  });

  it('az login done but the authority is unreachable -> network_unreachable naming the az error', () => {
    const cliOffline = new CredentialUnavailableError(
      "ERROR: HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded with url: /organizations/oauth2/v2.0/token (Caused by NewConnectionError('Failed to establish a new connection: [Errno -3] Temporary failure in name resolution'))",
    );
    const error = classifyAzureError(fromTokenProvider(chain(environment, managedIdentityProbe, cliOffline)), ctx);
    expect(error.kind).toBe('network_unreachable');
    expect(error.message).toMatch(/^ERROR: HTTPSConnectionPool\(host='login\.microsoftonline\.com'/);
  });

  it('a service principal whose authority cannot be reached stays a network error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const msal = new AuthenticationError(400, { error: 'network_error', error_description: 'network_error: Network request failed' }, { cause: refused });
    expect(classifyAzureError(fromTokenProvider(msal), ctx).kind).toBe('network_unreachable');
  });

  it('a refused token (AADSTS) inside the chain is not reported as a missing sign-in', () => {
    const refused = new AuthenticationError(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    const error = classifyAzureError(fromTokenProvider(chain(environment, refused)), ctx);
    expect(error).toMatchObject({ kind: 'invalid_key', code: 'AADSTS7000215' });
  });
});
