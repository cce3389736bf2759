import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { text, type LocalizableText } from '../../text';
import type { ModelInfo, Proven, StageResult, VerifyOutcome } from '../../verify/result';
import type { CallContext, VerifyOptions } from '../types';
import { controlClient, runtimeClient } from './clients';
import { classifyBedrockError, PROVIDER, type BedrockStep } from './classifyError';
import { assumeRole, callerIdentity, credentialExpiry, originOf, resolveCredentials, secretValues, sourceProvider } from './credentials';
import type { BedrockSettings } from './definition';
import { listModels } from './models';

/**
 * `ProviderRuntime.prepare`: with access keys, the pooled STS and control-plane clients that
 * Verify's identity and listing calls will take, each given the calls it will send; the signal is
 * aborted, so they stop in the request handler, before any connection. Other modes need a network
 * call (profile/SSO, AssumeRole) to know the credentials that key the pool: nothing to prepare.
 */
export async function prepareBedrockClients(ctx: CallContext): Promise<void> {
  const s = ctx.settings as BedrockSettings;
  if (s.authMode !== 'accessKeys' || !ctx.signal.aborted) return;
  try {
    const credentials = await sourceProvider(s, ctx.secrets, ctx.timeoutMs)();
    await Promise.allSettled([callerIdentity(s, credentials, ctx), listModels(controlClient(s, credentials, ctx.timeoutMs), s.region, ctx.signal)]);
  } catch {
    // Incomplete keys: the user's Verify says so.
  }
}

/**
 * Cheapest calls first, each its own stage:
 *   credentials (profile / default chain only) → assume_role (role mode: AssumeRole with the External ID)
 *   → identity (GetCallerIdentity: the keys or the assumed role are accepted)
 *   → models (ListFoundationModels + ListInferenceProfiles)
 *   → invoke (optional: Converse with a 1-token budget on the chosen model).
 */
export async function verifyBedrock(ctx: CallContext, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const s = ctx.settings as BedrockSettings;
  const stages: StageResult[] = [];
  const proven: Proven = {};
  const temporary: AwsCredentialIdentity[] = [];
  const secrets = () => secretValues(ctx, ...temporary);

  /** Runs one step; a failure becomes the outcome's error, named after the step. Recorded by `record`. */
  async function attempt<T>(id: BedrockStep, label: (value: T) => LocalizableText, failedLabel: LocalizableText, run: () => Promise<T>, model?: string) {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const value = await run();
      return { ok: true as const, value, stage: { id, ok: true, label: label(value), latencyMs: latency() } };
    } catch (err) {
      const error = classifyBedrockError(err, { settings: s, step: id, signal: ctx.signal, secrets: secrets(), model });
      return { ok: false as const, error, stage: { id, ok: false, label: failedLabel, latencyMs: latency() } };
    }
  }
  const record = <R extends { stage: StageResult }>(result: R): R => {
    stages.push(result.stage);
    return result;
  };
  const fail = (error: ProviderError): VerifyOutcome => ({ ok: false, stages, proven, models: [], error });

  const origin = originOf(s);
  const loaded = await attempt(
    'credentials',
    () => (origin === 'profile' ? text('Credentials loaded from profile {0}', s.profile ?? '') : text('Credentials found by the default AWS credential chain')),
    text('Load AWS credentials'),
    () => resolveCredentials(sourceProvider(s, ctx.secrets, ctx.timeoutMs), ctx),
  );
  // Access keys need no loading: only show the stage when it proved something.
  if (origin !== 'accessKeys' || !loaded.ok) record(loaded);
  if (!loaded.ok) return fail(loaded.error);
  let credentials = loaded.value;
  temporary.push(credentials);
  Object.assign(proven, credentialExpiry(credentials, false));

  if (s.authMode === 'role') {
    const assumed = record(
      await attempt(
        'assume_role',
        (r) => text('Role assumed with the External ID as {0} (STS AssumeRole)', r.arn),
        text('Assume role {0} with the External ID (STS AssumeRole)', s.roleArn ?? ''),
        () => assumeRole(s, credentials, ctx),
      ),
    );
    if (!assumed.ok) return fail(assumed.error);
    credentials = assumed.value.credentials;
    temporary.push(credentials);
    // The role's own credentials are renewed before they expire (SigningCredentials); the source's SSO session is not.
    if (proven.credentialsRenewal !== 'sso_login') Object.assign(proven, credentialExpiry(credentials, true));
  }

  // Identity and both listings are free read-only calls: sent together, Verify waits one round
  // trip instead of three. The identity's answer is reported first; when it fails, the listing is cancelled.
  const signed = credentials;
  const listingAbort = new AbortController();
  const listingSignal = AbortSignal.any([ctx.signal, listingAbort.signal]);
  const [identity, listing] = await Promise.all([
    attempt(
      'identity',
      (id) => text('Credentials accepted by AWS as {0} (STS GetCallerIdentity)', id.arn),
      text('Check the credentials with AWS (STS GetCallerIdentity)'),
      () => callerIdentity(s, signed, ctx),
    ).then((result) => {
      if (!result.ok) listingAbort.abort();
      return result;
    }),
    attempt(
      'models',
      (l) => text('{0} models usable in {1} (ListFoundationModels, ListInferenceProfiles)', l.models.length, s.region),
      text('List Bedrock models in {0}', s.region),
      () => listModels(controlClient(s, signed, ctx.timeoutMs, ctx.inProcessFetch), s.region, listingSignal),
    ),
  ]);
  record(identity);
  if (!identity.ok) return fail(identity.error);
  Object.assign(proven, { keyValid: true, identity: identity.value.arn, arn: identity.value.arn, account: identity.value.account });
  if (s.authMode === 'role' && !identity.value.arn.includes(':assumed-role/')) {
    return fail(providerError('unexpected_response', { provider: PROVIDER, step: 'identity', message: `Expected an assumed-role identity, got ${identity.value.arn}`, secrets: secrets() }));
  }

  record(listing);
  if (!listing.ok) return fail(listing.error);
  const models = listing.value.models;
  proven.modelsVisible = models.length;
  if (models.length === 0) {
    stages[stages.length - 1]!.ok = false;
    return fail(
      providerError('unexpected_response', {
        provider: PROVIDER,
        step: 'models',
        message: `ListFoundationModels returned no usable text models in ${s.region}.`,
        hint: text('Bedrock lists no chat models in {0}. Bedrock is not offered in every region: choose a region such as us-east-1, us-west-2 or eu-central-1.', s.region),
      }),
    );
  }

  if (options.modelId) {
    const invocationId = invocationIdFor(options.modelId, models);
    const invoked = record(
      await attempt(
        'invoke',
        () => text('{0} answered a 1-token request (Converse)', invocationId),
        text('Call {0} with a 1-token request (Converse)', invocationId),
        () => converseOnce(s, credentials, invocationId, ctx),
        invocationId,
      ),
    );
    if (!invoked.ok) return { ok: false, stages, proven, models, error: invoked.error };
    proven.modelInvocable = invocationId;
  }
  return { ok: true, stages, proven, models };
}

/** A base model that needs an inference profile is invoked through it. */
export function invocationIdFor(modelId: string, models: readonly ModelInfo[] | undefined): string {
  return models?.find((m) => m.id === modelId)?.inferenceProfileId ?? modelId;
}

async function converseOnce(s: BedrockSettings, credentials: AwsCredentialIdentity, modelId: string, ctx: CallContext): Promise<void> {
  const client = await runtimeClient(s, credentials, ctx.timeoutMs);
  const { ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
  try {
    await client.send(
      new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'Reply with OK.' }] }], inferenceConfig: { maxTokens: 1 } }),
      { abortSignal: ctx.signal },
    );
  } finally {
    client.destroy();
  }
}
