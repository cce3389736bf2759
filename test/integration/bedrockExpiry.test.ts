import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamWithFallback } from '../../src/core/chat/keyFallback';
import { refusedInChatText } from '../../src/core/chat/refusedKey';
import { formatText } from '../../src/core/text';
import type { ChatEvent } from '../../src/core/chat/types';
import { bedrockRuntime } from '../../src/core/providers/bedrock/runtime';
import type { Secrets } from '../../src/core/providers/types';
import { trustRoleWithExternalId } from '../simulator/aws/keys';
import { bedrockCtx, DEV_KEYS, ROLE_ARN, scenarioKeys } from './bedrockHarness';
import { useSimulator } from './simulatorFixture';

const sim = useSimulator();
let dir: string;
const savedEnv = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
const EXPIRES = new Date(Date.now() + 45 * 60_000);

beforeAll(() => {
  // A profile whose credentials come from credential_process with an expiry, as SSO helpers and
  // vault tools hand them out; the AWS SDK runs the process again for every new provider.
  dir = mkdtempSync(path.join(tmpdir(), 'byok-aws-expiry-'));
  const processScript = path.join(dir, 'creds.mjs');
  writeFileSync(
    processScript,
    `console.log(JSON.stringify({ Version: 1, AccessKeyId: '${DEV_KEYS.accessKeyId}', SecretAccessKey: '${DEV_KEYS.secretAccessKey}', Expiration: '${EXPIRES.toISOString()}' }));\n`,
  );
  chmodSync(processScript, 0o755);
  writeFileSync(path.join(dir, 'config'), `[profile vault]\nregion = us-east-1\ncredential_process = ${process.execPath} ${processScript}\n`);
  writeFileSync(path.join(dir, 'credentials'), '');
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  Object.assign(process.env, savedEnv);
});

describe('temporary AWS credentials', () => {
  it('Verify reports when credentials from a profile expire, renewed by the AWS SDK on their own', async () => {
    const result = await bedrockRuntime.verify(bedrockCtx(sim, {}, { authMode: 'profile', profile: 'vault' }));
    expect(result.error).toBeUndefined();
    expect(result.proven.credentialsExpireAt).toBe(EXPIRES.toISOString());
    expect(result.proven.credentialsRenewal).toBe('automatic');
  });

  it('an assumed role reports its session end; the extension assumes the role again before it ends', async () => {
    const externalId = 'byok-00000000000000000000000000expiry';
    trustRoleWithExternalId(ROLE_ARN, externalId);
    const result = await bedrockRuntime.verify(bedrockCtx(sim, DEV_KEYS, { authMode: 'role', roleSource: 'accessKeys', roleArn: ROLE_ARN, externalId }));
    expect(result.error).toBeUndefined();
    const ends = Date.parse(result.proven.credentialsExpireAt!);
    // STS grants the hour the extension asks for.
    expect(ends - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(result.proven.credentialsRenewal).toBe('automatic');
  });

  it('access keys with an expired session token: chat ends with "credentials expired", and no fallback key hides it', async () => {
    const expired: Secrets = { ...scenarioKeys('expired_token'), sessionToken: 'FwoGZXIvYXdzEXPIREDsessionToken' };
    const fallback: Secrets = { ...DEV_KEYS };
    const ctx = bedrockCtx(sim, expired);
    const handedOver: string[] = [];
    const events: ChatEvent[] = [];
    const open = (secrets: Secrets) => bedrockRuntime.streamChat({ ...ctx, secrets }, { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }, undefined);
    for await (const event of streamWithFallback(open, expired, fallback, (e) => handedOver.push(e.kind))) events.push(event);
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', error: { kind: 'credentials_expired' } });
    // The chat answer says they expired and how to renew them, not a raw error.
    if (last?.type !== 'error') throw new Error('no error event');
    expect(refusedInChatText('AWS Bedrock', last.error).map(formatText).join(' ')).toBe(
      'AWS Bedrock: The temporary credentials (session token) have expired. Get new ones (after aws sso login --profile …, aws configure export-credentials --profile … prints them) and paste all three with Rotate key, or use a named profile so they refresh on their own.',
    );
    expect(handedOver).toEqual([]);
    const runtimeCalls = sim.requests.filter((r) => r.provider === 'aws' && r.path.startsWith('/model/'));
    expect(runtimeCalls).toHaveLength(1);
  });
});
