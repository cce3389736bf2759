import { randomBytes } from 'node:crypto';
import { SCENARIOS, type Scenario } from '../types';

/**
 * The AWS identities the simulator knows. Every request is re-signed with the secret kept here,
 * so a wrong secret really fails SigV4 like on AWS.
 *
 * Scenario scheme (AWS access key ids are uppercase letters and digits):
 *   - `AKIASIM<SCENARIO>[digits]`, the scenario name upper-cased without underscores,
 *     e.g. `AKIASIMRATELIMITED01` (rate_limited), `AKIASIMNOMODELACCESS` (no_model_access);
 *   - or, like the other providers, an access key id containing `sim-<scenario>`.
 *   Both use the secret `SIM_SECRET`. Credentials issued by AssumeRole inherit the scenario of
 *   the key that assumed the role. `sim.setOverride('aws', …)` beats both.
 */
export const SIM_SECRET = 'simSecretKey/byokEXAMPLE+0123456789abcdef';
export const SIM_ACCOUNT = '123456789012';

export interface KnownIdentity {
  secret: string;
  /** Required session token (temporary credentials), if any. */
  sessionToken?: string;
  arn: string;
  userId: string;
  scenario?: Scenario;
  /** Scenario keys: accepted with or without any session token (as ASIA… temporary keys). */
  anySessionToken?: boolean;
  /** Temporary credentials stop working at this time (ms epoch). */
  expiresAt?: number;
}

const STATIC: Record<string, KnownIdentity> = {
  AKIAIOSFODNN7EXAMPLE: {
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    arn: `arn:aws:iam::${SIM_ACCOUNT}:user/dev`,
    userId: 'AIDACKCEVSQ6C2EXAMPLE',
  },
  // Long-lived session credentials, as pasted from an SSO portal ("Access keys" option).
  ASIAIOSFODNN7SESSION: {
    secret: 'sessionSecretKey/EXAMPLE+abcdefghijklmnop',
    sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENbyokSimulator0123456789',
    arn: `arn:aws:sts::${SIM_ACCOUNT}:assumed-role/AWSReservedSSO_Developer/dev@example.com`,
    userId: 'AROAEXAMPLESSO0000001:dev@example.com',
  },
};

/** Credentials handed out by AssumeRole during this process. */
const issued = new Map<string, KnownIdentity>();

const SCENARIO_BY_COMPACT = new Map(SCENARIOS.map((s) => [s.replace(/_/g, '').toUpperCase(), s]));

function scenarioOfKeyId(accessKeyId: string): Scenario | undefined {
  const marker = /sim-([a-z_]+)/i.exec(accessKeyId);
  if (marker) return (SCENARIOS as readonly string[]).includes(marker[1]!.toLowerCase()) ? (marker[1]!.toLowerCase() as Scenario) : undefined;
  const compact = /^A[KS]IASIM([A-Z]+?)\d*$/.exec(accessKeyId);
  return compact ? SCENARIO_BY_COMPACT.get(compact[1]!) : undefined;
}

export function identityFor(accessKeyId: string): KnownIdentity | undefined {
  const known = STATIC[accessKeyId] ?? issued.get(accessKeyId);
  if (known) return known;
  const scenario = scenarioOfKeyId(accessKeyId);
  if (!scenario && !/^A[KS]IASIM|sim-/i.test(accessKeyId)) return undefined;
  return { secret: SIM_SECRET, arn: `arn:aws:iam::${SIM_ACCOUNT}:user/sim`, userId: 'AIDASIMULATOR0000001', scenario, anySessionToken: true };
}

function randomId(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

export function issueTemporaryCredentials(assumedArn: string, assumedId: string, scenario: Scenario | undefined, durationSeconds: number) {
  const accessKeyId = `ASIA${randomId(16)}`;
  const identity: KnownIdentity = {
    secret: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(96).toString('base64'),
    arn: assumedArn,
    userId: assumedId,
    scenario,
    expiresAt: Date.now() + durationSeconds * 1000,
  };
  issued.set(accessKeyId, identity);
  return { accessKeyId, ...identity };
}

/** Roles with a registered external id accept only that one; others accept any id in the extension's format. */
const trustedExternalIds = new Map<string, string>();

export function trustRoleWithExternalId(roleArn: string, externalId: string): void {
  trustedExternalIds.set(roleArn, externalId);
}

export function externalIdAccepted(roleArn: string, externalId: string | null): boolean {
  if (!externalId) return false;
  const expected = trustedExternalIds.get(roleArn);
  return expected !== undefined ? expected === externalId : /^byok-[0-9a-f]{32}$/.test(externalId);
}
