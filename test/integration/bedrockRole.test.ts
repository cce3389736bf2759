import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bedrockRuntime } from '../../src/core/providers/bedrock/runtime';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { formatText } from '../../src/core/text';
import { trustRoleWithExternalId } from '../simulator/aws/keys';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { bedrockCtx, DEV_KEYS, ROLE_ARN, scenarioKeys } from './bedrockHarness';

let sim: Simulator;
let dir: string;
const savedEnv = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };

beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
  // The user's ~/.aws files, as profile mode reads them (the SDK finds them through these variables).
  dir = mkdtempSync(path.join(tmpdir(), 'byok-aws-'));
  writeFileSync(
    path.join(dir, 'credentials'),
    `[dev]\naws_access_key_id = ${DEV_KEYS.accessKeyId}\naws_secret_access_key = ${DEV_KEYS.secretAccessKey}\n\n` +
      `[stale]\naws_access_key_id = ASIASIMEXPIREDTOKEN1\naws_secret_access_key = ${scenarioKeys('x').secretAccessKey}\naws_session_token = FwoGZXIvYXdzOLDtoken\n`,
  );
  writeFileSync(
    path.join(dir, 'config'),
    `[profile dev]\nregion = eu-west-1\n\n[profile bedrock-role]\nrole_arn = arn:aws:iam::123456789012:role/ProfileRole\nsource_profile = dev\n` +
      `external_id = byok-00112233445566778899aabbccddeeff\nrole_session_name = from-profile\n`,
  );
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  Object.assign(process.env, savedEnv);
});
afterEach(() => sim.reset());

const EXTERNAL_ID = 'byok-0123456789abcdef0123456789abcdef';
const awsRequests = () => sim.requests.filter((r) => r.provider === 'aws');

describe('Bedrock role mode (AssumeRole with the generated External ID)', () => {
  it('assumes the role with the External ID, then proves the assumed-role identity and lists models with its credentials', async () => {
    trustRoleWithExternalId(ROLE_ARN, EXTERNAL_ID);
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS, { authMode: 'role', roleSource: 'accessKeys', roleArn: ROLE_ARN, externalId: EXTERNAL_ID }));

    expect(result.error).toBeUndefined();
    expect(result.stages.map((s) => [s.id, s.ok])).toEqual([['assume_role', true], ['identity', true], ['models', true]]);
    expect(result.proven.arn).toBe('arn:aws:sts::123456789012:assumed-role/BedrockAccess/byok-models');
    expect(formatText(result.stages[0]!.label)).toBe('Role assumed with the External ID as arn:aws:sts::123456789012:assumed-role/BedrockAccess/byok-models (STS AssumeRole)');

    const [assume, identity, list] = awsRequests();
    const form = new URLSearchParams(assume!.body);
    expect(Object.fromEntries(form)).toMatchObject({ Action: 'AssumeRole', RoleArn: ROLE_ARN, RoleSessionName: 'byok-models', ExternalId: EXTERNAL_ID });
    expect(String(assume!.headers.authorization)).toContain(`Credential=${DEV_KEYS.accessKeyId}/`);
    // Everything after AssumeRole is signed with the temporary ASIA… key and its session token.
    for (const r of [identity!, list!]) {
      expect(String(r.headers.authorization)).toMatch(/Credential=ASIA[A-Z0-9]{16}\//);
      expect(r.headers['x-amz-security-token']).toBeTruthy();
    }
  });

  it('a wrong External ID → role_assumption_refused at assume_role, with a hint naming the trust policy and the External ID', async () => {
    trustRoleWithExternalId(ROLE_ARN, EXTERNAL_ID);
    const wrong = 'byok-ffffffffffffffffffffffffffffffff';
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS, { authMode: 'role', roleSource: 'accessKeys', roleArn: ROLE_ARN, externalId: wrong }));

    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'role_assumption_refused', step: 'assume_role', code: 'AccessDenied', status: 403 });
    const hint = formatText(result.error!.hint);
    expect(hint).toContain('Trust relationships');
    expect(hint).toContain(`sts:ExternalId = ${wrong}`);
    expect(hint).toContain('arn:aws:iam::123456789012:user/dev');
    expect(hint).toContain(ROLE_ARN);
    expect(result.stages).toEqual([expect.objectContaining({ id: 'assume_role', ok: false })]);
    expect(JSON.stringify(result)).not.toContain(DEV_KEYS.secretAccessKey);
  });

  it('uses the External ID the credential store generated for the role', async () => {
    const kv = new MemoryKeyValue();
    const store = new CredentialStore(new MemorySecrets(), kv, kv);
    const saved = await store.save(
      'bedrock',
      { authMode: 'role', roleSource: 'accessKeys', roleArn: 'arn:aws:iam::123456789012:role/StoreRole', region: 'us-east-1', runtimeEndpoint: sim.url, controlEndpoint: sim.url, stsEndpoint: sim.url },
      DEV_KEYS,
    );
    expect(saved).toEqual({ ok: true });
    const generated = await store.externalIdFor('arn:aws:iam::123456789012:role/StoreRole');
    trustRoleWithExternalId('arn:aws:iam::123456789012:role/StoreRole', generated);
    const resolved = await store.resolve('bedrock');
    expect(resolved.problem).toBeUndefined();

    const result = await bedrockRuntime.verify({ settings: resolved.settings, secrets: resolved.secrets, timeoutMs: 5_000, signal: new AbortController().signal });
    expect(result.error).toBeUndefined();
    expect(result.proven.arn).toBe('arn:aws:sts::123456789012:assumed-role/StoreRole/byok-models');
    expect(new URLSearchParams(awsRequests()[0]!.body).get('ExternalId')).toBe(generated);
  });

  it('takes the source credentials from a named profile', async () => {
    trustRoleWithExternalId(ROLE_ARN, EXTERNAL_ID);
    const result = await bedrockRuntime.verify(bedrockCtx(sim, {}, { authMode: 'role', roleSource: 'profile', profile: 'dev', roleArn: ROLE_ARN, externalId: EXTERNAL_ID }));
    expect(result.error).toBeUndefined();
    expect(result.stages.map((s) => s.id)).toEqual(['credentials', 'assume_role', 'identity', 'models']);
    expect(formatText(result.stages[0]!.label)).toBe('Credentials loaded from profile dev');
  });

  it('takes the source credentials from the default chain only when the user chose it', async () => {
    trustRoleWithExternalId(ROLE_ARN, EXTERNAL_ID);
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = DEV_KEYS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = DEV_KEYS.secretAccessKey;
    try {
      const result = await bedrockRuntime.verify(bedrockCtx(sim, {}, { authMode: 'role', roleSource: 'defaultChain', roleArn: ROLE_ARN, externalId: EXTERNAL_ID }));
      expect(result.error).toBeUndefined();
      expect(formatText(result.stages[0]!.label)).toBe('Credentials found by the default AWS credential chain');
      expect(String(awsRequests()[0]!.headers.authorization)).toContain(`Credential=${DEV_KEYS.accessKeyId}/`);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id ?? '';
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret ?? '';
    }
  });

  it('a role without an External ID yet is a configuration problem, not a call', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS, { authMode: 'role', roleSource: 'accessKeys', roleArn: ROLE_ARN }));
    expect(result.error).toMatchObject({ kind: 'invalid_configuration', step: 'assume_role' });
    expect(awsRequests()).toHaveLength(0);
  });
});

describe('Bedrock profile mode', () => {
  it('verifies with a profile’s keys', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, {}, { authMode: 'profile', profile: 'dev' }));
    expect(result.error).toBeUndefined();
    expect(result.stages.map((s) => s.id)).toEqual(['credentials', 'identity', 'models']);
    expect(result.proven.arn).toBe('arn:aws:iam::123456789012:user/dev');
  });

  it('a profile with role_arn + external_id assumes the role through the STS endpoint override', async () => {
    trustRoleWithExternalId('arn:aws:iam::123456789012:role/ProfileRole', 'byok-00112233445566778899aabbccddeeff');
    const result = await bedrockRuntime.verify(bedrockCtx(sim, {}, { authMode: 'profile', profile: 'bedrock-role' }));
    expect(result.error).toBeUndefined();
    expect(result.proven.arn).toBe('arn:aws:sts::123456789012:assumed-role/ProfileRole/from-profile');
    // The profile's AssumeRole went through our STS client: the SDK's inner one does not know the endpoint override.
    const [assume] = awsRequests();
    expect(new URLSearchParams(assume!.body).get('ExternalId')).toBe('byok-00112233445566778899aabbccddeeff');
    expect(assume!.headers['amz-sdk-request']).toBe('attempt=1; max=1');
  });

  it('a profile that does not exist → missing_credentials at credentials', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, {}, { authMode: 'profile', profile: 'nope' }));
    expect(result.error).toMatchObject({ kind: 'missing_credentials', step: 'credentials' });
    expect(formatText(result.error!.hint)).toContain('profile nope');
    expect(awsRequests()).toHaveLength(0);
  });

  it('a profile with expired temporary credentials → credentials_expired, hinting at aws sso login', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, {}, { authMode: 'profile', profile: 'stale' }));
    expect(result.error).toMatchObject({ kind: 'credentials_expired', step: 'identity' });
    expect(formatText(result.error!.hint)).toContain('aws sso login --profile stale');
  });
});
