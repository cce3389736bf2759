import { describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../src/core/errors/errorKind';
import { bedrockRuntime } from '../../src/core/providers/bedrock/runtime';
import { formatText } from '../../src/core/text';
import { SIM_MODELS } from '../simulator/aws/catalog';
import type { Scenario } from '../simulator/types';
import { bedrockCtx, DEV_KEYS, scenarioKeys, SESSION_KEYS } from './bedrockHarness';
import { useSimulator } from './simulatorFixture';

const sim = useSimulator();

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
const awsRequests = () => sim.requests.filter((r) => r.provider === 'aws');

describe('Bedrock verify with access keys', () => {
  it('proves the keys with GetCallerIdentity and lists the chat models with their inference profiles', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS));

    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.stages.map((s) => [s.id, s.ok])).toEqual([['identity', true], ['models', true]]);
    expect(formatText(result.stages[0]!.label)).toBe('Credentials accepted by AWS as arn:aws:iam::123456789012:user/dev (STS GetCallerIdentity)');
    expect(result.proven).toMatchObject({ keyValid: true, arn: 'arn:aws:iam::123456789012:user/dev', account: '123456789012' });

    // Text, streaming, non-legacy models only; profile-only models carry the us. profile.
    const expected = SIM_MODELS.filter((m) => m.outputModalities.includes('TEXT') && m.status === 'ACTIVE' && m.responseStreamingSupported);
    expect(result.models.map((m) => m.id)).toEqual(expected.map((m) => m.modelId));
    expect(result.proven.modelsVisible).toBe(expected.length);
    expect(result.models.find((m) => m.id === HAIKU)).toEqual({ id: HAIKU, name: 'Claude 3 Haiku', family: 'Anthropic', imageInput: true, toolCalling: true });
    // Converse tool use: Claude 3+ and Nova have it, Llama 3.0 does not (3.1 and later do).
    expect(result.models.find((m) => m.id === 'amazon.nova-pro-v1:0')?.toolCalling).toBe(true);
    expect(result.models.find((m) => m.id === 'meta.llama3-8b-instruct-v1:0')?.toolCalling).toBe(false);
    expect(result.models.find((m) => m.id === SONNET4)?.inferenceProfileId).toBe(`us.${SONNET4}`);
    expect(result.models.find((m) => m.id === 'anthropic.claude-sonnet-4-5-20250929-v1:0')?.inferenceProfileId).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(result.models.find((m) => m.id === 'meta.llama3-8b-instruct-v1:0')?.imageInput).toBe(false);

    // Identity and the two listings are sent together: their order on the wire is not fixed.
    const requests = awsRequests();
    expect(requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /foundation-models', 'GET /inference-profiles', 'POST /']);
    expect(requests.find((r) => r.method === 'POST')!.body).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    expect(requests.find((r) => r.path === '/foundation-models')!.query).toBe('byOutputModality=TEXT');
    for (const r of requests) {
      expect(r.headers['amz-sdk-request']).toBe('attempt=1; max=1');
      expect(String(r.headers.authorization)).toContain('Credential=AKIAIOSFODNN7EXAMPLE/');
      expect(String(r.headers.authorization)).toContain('/us-east-1/');
    }
  });

  it('maps profile-only models to the region’s geography (eu-central-1 → eu.)', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS, { region: 'eu-central-1' }));
    expect(result.ok).toBe(true);
    expect(result.models.find((m) => m.id === SONNET4)?.inferenceProfileId).toBe(`eu.${SONNET4}`);
    // Sonnet 4.5 has a global profile and an eu one; the region's own geography wins.
    expect(result.models.find((m) => m.id === 'anthropic.claude-sonnet-4-5-20250929-v1:0')?.inferenceProfileId).toBe('eu.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(String(awsRequests().find((r) => r.method === 'POST')!.headers.authorization)).toContain('/eu-central-1/sts/');
  });

  it('invokes a profile-only model through its inference profile over HTTP/2 when a model check is asked for', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS), { modelId: SONNET4 });
    expect(result.ok).toBe(true);
    expect(result.stages.map((s) => s.id)).toEqual(['identity', 'models', 'invoke']);
    expect(result.proven.modelInvocable).toBe(`us.${SONNET4}`);
    expect(formatText(result.stages[2]!.label)).toBe(`us.${SONNET4} answered a 1-token request (Converse)`);
    const invoke = awsRequests().find((r) => r.path.endsWith('/converse'))!;
    expect(invoke.path).toBe(`/model/${encodeURIComponent(`us.${SONNET4}`)}/converse`);
    expect(invoke.httpVersion).toBe('2');
    expect(JSON.parse(invoke.body).inferenceConfig).toEqual({ maxTokens: 1 });
  });

  it('accepts temporary credentials with a session token', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, SESSION_KEYS));
    expect(result.ok).toBe(true);
    expect(result.proven.arn).toContain(':assumed-role/AWSReservedSSO_Developer/');
    expect(awsRequests().every((r) => r.headers['x-amz-security-token'] === SESSION_KEYS.sessionToken)).toBe(true);
  });

  it('reports a wrong secret as invalid_key (SigV4 SignatureDoesNotMatch), without leaking the secret', async () => {
    const canary = 'CANARYsecret/doNotLeak+0123456789abcdefgh';
    const result = await bedrockRuntime.verify(bedrockCtx(sim, { accessKeyId: DEV_KEYS.accessKeyId, secretAccessKey: canary }));
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'invalid_key', code: 'SignatureDoesNotMatch', status: 403, step: 'identity' });
    expect(formatText(result.error!.hint)).toContain('secret access key does not match');
    expect(result.stages).toEqual([expect.objectContaining({ id: 'identity', ok: false })]);
    expect(JSON.stringify(result)).not.toContain(canary);
    expect(JSON.stringify(result)).not.toContain(canary.slice(0, 12));
  });

  it('reports an unknown access key id as invalid_key (InvalidClientTokenId)', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: DEV_KEYS.secretAccessKey }));
    expect(result.error).toMatchObject({ kind: 'invalid_key', code: 'InvalidClientTokenId', step: 'identity' });
    expect(formatText(result.error!.hint)).toContain('does not recognise this access key ID');
  });

  it('reports an expired session token as credentials_expired', async () => {
    const keys = { accessKeyId: 'ASIASIMEXPIREDTOKEN1', secretAccessKey: scenarioKeys('x').secretAccessKey, sessionToken: 'FwoGZXIvYXdzEXPIREDtoken0123456789' };
    const result = await bedrockRuntime.verify(bedrockCtx(sim, keys));
    expect(result.error).toMatchObject({ kind: 'credentials_expired', code: 'ExpiredToken', step: 'identity' });
    expect(formatText(result.error!.hint)).toContain('session token');
    expect(JSON.stringify(result)).not.toContain(keys.sessionToken);
  });

  it('is not changed by AWS_* variables in the environment', async () => {
    const junk = {
      AWS_ACCESS_KEY_ID: 'AKIAJUNKJUNKJUNKJUNK',
      AWS_SECRET_ACCESS_KEY: 'junk',
      AWS_REGION: 'ap-southeast-2',
      AWS_DEFAULT_REGION: 'ap-southeast-2',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1',
      AWS_BEARER_TOKEN_BEDROCK: 'junk-bearer-token',
      AWS_MAX_ATTEMPTS: '5',
      AWS_PROFILE: 'junk',
    };
    const saved = Object.fromEntries(Object.keys(junk).map((k) => [k, process.env[k]]));
    Object.assign(process.env, junk);
    try {
      const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS), { modelId: HAIKU });
      expect(result.error).toBeUndefined();
      expect(result.proven.arn).toBe('arn:aws:iam::123456789012:user/dev');
      for (const r of awsRequests()) {
        expect(String(r.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\//);
        expect(r.headers['amz-sdk-request']).toBe('attempt=1; max=1');
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe('Bedrock verify: simulator scenarios', () => {
  const cases: [Scenario, ErrorKind, string, RegExp][] = [
    ['invalid_key', 'invalid_key', 'identity', /access key ID/],
    ['expired_token', 'credentials_expired', 'identity', /expired/],
    ['rate_limited', 'rate_limited', 'models', /rate limiting/],
    ['quota_exhausted', 'quota_exhausted', 'models', /Service Quotas/],
    ['overloaded', 'overloaded', 'models', /overloaded/],
    ['server_error', 'server_error', 'models', /internal error/],
    ['empty_models', 'unexpected_response', 'models', /region/],
    ['no_model_access', 'model_access_not_enabled', 'invoke', /Model access/],
    ['model_not_found', 'model_not_found', 'invoke', /region/],
    ['needs_inference_profile', 'needs_inference_profile', 'invoke', /inference profile in us-east-1, for example us\.anthropic\.claude-3-haiku/],
    ['reset', 'network_unreachable', 'identity', /connect/],
  ];
  for (const [scenario, kind, step, hint] of cases) {
    it(`${scenario} → ${kind} at ${step}`, async () => {
      const result = await bedrockRuntime.verify(bedrockCtx(sim, scenarioKeys(scenario)), { modelId: HAIKU });
      expect(result.ok).toBe(false);
      expect(result.error).toMatchObject({ kind, step });
      expect(formatText(result.error!.hint)).toMatch(hint);
      expect(result.stages.at(-1)).toMatchObject({ id: step, ok: false });
      expect(JSON.stringify(result)).not.toContain(scenarioKeys(scenario).secretAccessKey);
    });
  }

  it('a profile id of another geography (or an unknown id) → model_not_found', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS), { modelId: `eu.${SONNET4}` });
    expect(result.error).toMatchObject({ kind: 'model_not_found', step: 'invoke' });
  });

  for (const scenario of ['malformed_json', 'html'] as const) {
    it(`${scenario} → unexpected_response`, async () => {
      sim.setOverride('aws', { scenario });
      const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS));
      expect(result.error).toMatchObject({ kind: 'unexpected_response', step: 'identity' });
    });
  }

  it('a hung endpoint fails as timeout at the call’s deadline', async () => {
    sim.setOverride('aws', { scenario: 'hang' });
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS, {}, 400));
    expect(result.error).toMatchObject({ kind: 'timeout', step: 'identity' });
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
    await new Promise((r) => setTimeout(r, 50));
    expect(awsRequests()[0]!.clientClosedEarly).toBe(true);
  });

  it('a hung runtime call (HTTP/2) is aborted at the deadline too (CountTokens falls back to an estimate)', async () => {
    sim.setOverride('aws', { scenario: 'hang' });
    const count = await bedrockRuntime.countTokens(bedrockCtx(sim, DEV_KEYS, {}, 300), HAIKU, 'How many tokens is this?');
    // Without the deadline the call would hang for the SDK's own timeout (minutes; none for AWS) and the test's 30 s limit fails it.
    expect(count).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    const [request] = awsRequests();
    expect(request).toMatchObject({ path: `/model/${encodeURIComponent(HAIKU)}/count-tokens`, httpVersion: '2', clientClosedEarly: true });
  });

  it('the verifier’s deadline (signal aborted with a TimeoutError reason) is timeout; a user cancel is cancelled', async () => {
    sim.setOverride('aws', { scenario: 'hang' });
    for (const [reasonName, kind] of [['TimeoutError', 'timeout'], ['AbortError', 'cancelled']] as const) {
      const controller = new AbortController();
      const reason = Object.assign(new Error(reasonName === 'TimeoutError' ? 'No answer within 15000 ms' : 'Verification cancelled'), { name: reasonName });
      setTimeout(() => controller.abort(reason), 150);
      const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS, {}, 30_000, controller.signal));
      expect(result.error).toMatchObject({ kind, step: 'identity' });
    }
  });
});
