import { randomBytes, randomUUID } from 'node:crypto';
import { prepare } from '../server';
import { answerTransportScenario, sendJson } from '../scenario';
import type { SimRequest, SimResponse, SimulatorState } from '../types';

/**
 * A fake Microsoft Entra ID (v2.0) authority for the client-credentials flow that
 * `ClientSecretCredential` (via MSAL) runs: the OpenID metadata document and the token endpoint.
 * Tokens it mints are remembered so the Azure data-plane routes can accept them as `Bearer`.
 */

export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const OPENID_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const UNKNOWN_TENANT = '00000000-0000-0000-0000-000000000000';

export interface MintedToken {
  tenant: string;
  clientId: string;
  /** The client secret the token was bought with: it carries the `sim-<scenario>` marker onward. */
  clientSecret: string;
  expiresAt: number;
}

/** Tokens minted by this fake authority, per simulator process. */
export const mintedTokens = new Map<string, MintedToken>();

export function isEntraRequest(req: SimRequest): boolean {
  return (req.method === 'POST' && TOKEN_PATH.test(req.path)) || (req.method === 'GET' && OPENID_PATH.test(req.path));
}

function aadError(res: SimResponse, status: number, error: string, code: number, description: string): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  sendJson(res, status, {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

/** A JWT-shaped token (unsigned); clients treat access tokens as opaque. */
function fakeAccessToken(tenant: string, clientId: string, expiresAt: number): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = b64({ typ: 'JWT', alg: 'RS256', kid: 'sim' });
  const payload = b64({ aud: 'https://cognitiveservices.azure.com', iss: `https://sts.windows.net/${tenant}/`, tid: tenant, appid: clientId, exp: Math.floor(expiresAt / 1000) });
  return `${header}.${payload}.${randomBytes(24).toString('base64url')}`;
}

export async function handleEntra(req: SimRequest, res: SimResponse, sim: SimulatorState): Promise<void> {
  const openid = OPENID_PATH.exec(req.path);
  if (openid) {
    // MSAL reads the endpoints from here; real Entra only speaks https, and so do its clients.
    const tenant = openid[1]!;
    const origin = `https://${req.headers.host ?? '127.0.0.1'}`;
    const prepared = await prepare('azure-entra', req, res, sim, undefined);
    if (!prepared) return;
    sendJson(res, 200, {
      token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: `${origin}/${tenant}/v2.0`,
      authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
    });
    return;
  }

  const tenant = TOKEN_PATH.exec(req.path)![1]!;
  const form = new URLSearchParams(req.body.toString('utf8'));
  const clientId = form.get('client_id') ?? '';
  const clientSecret = form.get('client_secret') ?? '';
  const prepared = await prepare('azure-entra', req, res, sim, clientSecret);
  if (!prepared) return;
  const { scenario } = prepared;
  if (await answerTransportScenario(scenario, res, sim)) return;

  if (tenant === UNKNOWN_TENANT) {
    return aadError(res, 400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return aadError(res, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.get('grant_type') ?? ''}'.`);
  }
  if (!clientSecret || scenario === 'invalid_key') {
    return aadError(
      res,
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    );
  }
  if (scenario === 'expired_token') {
    return aadError(
      res,
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
  }
  const scope = form.get('scope') ?? '';
  if (!scope.split(' ').includes(COGNITIVE_SERVICES_SCOPE)) {
    return aadError(res, 400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  const expiresIn = 3599;
  const expiresAt = Date.now() + expiresIn * 1000;
  const token = fakeAccessToken(tenant, clientId, expiresAt);
  mintedTokens.set(token, { tenant, clientId, clientSecret, expiresAt });
  sendJson(res, 200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
}
