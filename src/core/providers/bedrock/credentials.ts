import { createHash } from 'node:crypto';
import { AssumeRoleCommand, GetCallerIdentityCommand, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { CallContext } from '../types';
import type { Proven } from '../../verify/result';
import { stsClient } from './clients';
import type { BedrockSettings } from './definition';

/** Session name AWS shows in CloudTrail for calls made by this extension in role mode. */
export const ROLE_SESSION_NAME = 'byok-models';
const ROLE_SESSION_SECONDS = 3600;

/** Where the credentials that sign requests (or call AssumeRole) come from. */
export type CredentialOrigin = 'accessKeys' | 'profile' | 'defaultChain';

export function originOf(s: BedrockSettings): CredentialOrigin {
  if (s.authMode === 'accessKeys') return 'accessKeys';
  if (s.authMode === 'profile') return 'profile';
  return s.roleSource;
}

/** Thrown when a setting the mode needs is missing (the store normally prevents it). */
export class BedrockConfigurationError extends Error {
  override readonly name = 'BedrockConfigurationError';
}

/** The credential-provider package is large and only profile/default-chain users need it. */
function loadedOnFirstUse(create: () => Promise<AwsCredentialIdentityProvider>): AwsCredentialIdentityProvider {
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (options) => (await (provider ??= create()))(options);
}

/**
 * The user's own credentials. Access keys are used as given; a profile (SSO, role profiles and
 * credential_process included) through `fromIni`; the environment and instance roles only when
 * the user chose the default chain. `ignoreCache` so a fresh `aws sso login` is seen without
 * restarting the editor. A role profile's AssumeRole goes through our STS client (region, STS
 * endpoint, one attempt); the inner SSO clients get no region or endpoint from us, because theirs
 * come from the profile's sso_region.
 */
export function sourceProvider(s: BedrockSettings, secrets: CallContext['secrets'], timeoutMs: number): AwsCredentialIdentityProvider {
  const origin = originOf(s);
  if (origin === 'accessKeys') {
    const { accessKeyId, secretAccessKey, sessionToken } = secrets;
    if (!accessKeyId || !secretAccessKey) throw new BedrockConfigurationError('Access key ID and secret access key are required.');
    return async () => ({ accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined });
  }
  const roleAssumer = async (source: AwsCredentialIdentity, params: AssumeRoleCommandInput) => {
    const c = (await stsClient(s, source, timeoutMs).send(new AssumeRoleCommand(params))).Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new UnexpectedStsAnswer('AssumeRole answered without credentials; the endpoint does not look like STS.');
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
  const init = { ignoreCache: true, roleAssumer, clientConfig: { maxAttempts: 1 } };
  if (origin === 'profile') {
    if (!s.profile) throw new BedrockConfigurationError('Profile is required.');
    const profile = s.profile;
    return loadedOnFirstUse(async () => (await import('@aws-sdk/credential-providers')).fromIni({ ...init, profile }));
  }
  return loadedOnFirstUse(async () => (await import('@aws-sdk/credential-providers')).fromNodeProviderChain({ ...init, profile: s.profile }));
}

/** Resolves a provider, bounded by the call's timeout and signal (providers take no signal themselves). */
export async function resolveCredentials(provider: AwsCredentialIdentityProvider, ctx: Pick<CallContext, 'signal' | 'timeoutMs'>): Promise<AwsCredentialIdentity> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      provider(),
      new Promise<never>((_, reject) => {
        const timeout = new Error(`Loading AWS credentials took longer than ${ctx.timeoutMs} ms`);
        timeout.name = 'TimeoutError';
        timer = setTimeout(() => reject(timeout), ctx.timeoutMs);
        onAbort = () => reject(ctx.signal.reason);
        if (ctx.signal.aborted) onAbort();
        else ctx.signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) ctx.signal.removeEventListener('abort', onAbort);
  }
}

/** A 200 from STS without the fields every real answer has. */
export class UnexpectedStsAnswer extends Error {
  override readonly name = 'UnexpectedStsAnswer';
}

export interface AssumedRole {
  credentials: AwsCredentialIdentity & { expiration?: Date };
  arn: string;
}

/** STS AssumeRole with the extension's generated External ID, called eagerly so a refusal is reported as such. */
export async function assumeRole(s: BedrockSettings, source: AwsCredentialIdentity, ctx: Pick<CallContext, 'signal' | 'timeoutMs' | 'inProcessFetch'>): Promise<AssumedRole> {
  if (!s.roleArn) throw new BedrockConfigurationError('Role ARN is required.');
  if (!s.externalId) throw new BedrockConfigurationError('No External ID has been generated for this role yet. Save the settings to create one.');
  const out = await stsClient(s, source, ctx.timeoutMs, ctx.inProcessFetch).send(
    new AssumeRoleCommand({ RoleArn: s.roleArn, RoleSessionName: ROLE_SESSION_NAME, ExternalId: s.externalId, DurationSeconds: ROLE_SESSION_SECONDS }),
    { abortSignal: ctx.signal },
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new UnexpectedStsAnswer('AssumeRole answered without credentials; the endpoint does not look like STS.');
  return {
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
    arn: out.AssumedRoleUser?.Arn ?? '',
  };
}

export async function callerIdentity(s: BedrockSettings, credentials: AwsCredentialIdentity, ctx: Pick<CallContext, 'signal' | 'timeoutMs' | 'inProcessFetch'>) {
  const out = await stsClient(s, credentials, ctx.timeoutMs, ctx.inProcessFetch).send(new GetCallerIdentityCommand({}), { abortSignal: ctx.signal });
  // The XML parser turns an HTML page (a proxy, a wrong endpoint) into an empty result: not a proof.
  if (!out.Arn || !out.Account) throw new UnexpectedStsAnswer('STS answered without an identity; the endpoint does not look like STS.');
  return { arn: out.Arn, account: out.Account, userId: out.UserId ?? '' };
}

/**
 * Credentials for chat and token counting. Assumed-role credentials are reused until five minutes
 * before they expire, so a chat turn does not cost an AssumeRole call; the cache key covers
 * everything that decides them (including a hash of the secret, never the secret itself).
 */
export class SigningCredentials {
  private readonly cache = new Map<string, AssumedRole['credentials']>();

  async forCall(s: BedrockSettings, ctx: CallContext): Promise<AwsCredentialIdentity> {
    const source = await resolveCredentials(sourceProvider(s, ctx.secrets, ctx.timeoutMs), ctx);
    if (s.authMode !== 'role') return source;
    const key = createHash('sha256')
      .update(JSON.stringify([s.region, s.roleArn, s.externalId, s.stsEndpoint, source.accessKeyId, source.secretAccessKey, source.sessionToken]))
      .digest('hex');
    const cached = this.cache.get(key);
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000)) return cached;
    const assumed = await assumeRole(s, source, ctx);
    if (this.cache.size > 16) this.cache.clear();
    this.cache.set(key, assumed.credentials);
    return assumed.credentials;
  }
}

/**
 * When temporary credentials expire and who renews them: an SSO session only by `aws sso login`;
 * an assumed role (ours, or a role profile's) and credential_process are fetched again by the AWS
 * SDK providers on the next call after they expire. Access keys with a pasted session token carry
 * no expiry the extension can read.
 */
export function credentialExpiry(credentials: AwsCredentialIdentity & { $source?: Record<string, unknown> }, assumedByUs: boolean): Pick<Proven, 'credentialsExpireAt' | 'credentialsRenewal'> {
  const expiration = credentials.expiration;
  if (!expiration || Number.isNaN(expiration.getTime())) return {};
  const source = credentials.$source ?? {};
  const sso = !assumedByUs && ('CREDENTIALS_PROFILE_SSO' in source || 'CREDENTIALS_PROFILE_SSO_LEGACY' in source || 'CREDENTIALS_SSO' in source || 'CREDENTIALS_SSO_LEGACY' in source);
  return { credentialsExpireAt: expiration.toISOString(), credentialsRenewal: sso ? 'sso_login' : 'automatic' };
}

/** Every secret value a call may echo: the stored ones and any temporary credentials. */
export function secretValues(ctx: CallContext, ...extra: (AwsCredentialIdentity | undefined)[]): string[] {
  const out = Object.values(ctx.secrets).filter((v): v is string => !!v);
  for (const c of extra) {
    if (c?.secretAccessKey) out.push(c.secretAccessKey);
    if (c?.sessionToken) out.push(c.sessionToken);
  }
  return out;
}
