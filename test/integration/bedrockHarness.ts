import { bedrockSettingsSchema, type BedrockSettings } from '../../src/core/providers/bedrock/definition';
import type { CallContext, Secrets } from '../../src/core/providers/types';
import type { Simulator } from '../simulator/server';

/** Test fixtures shared by the Bedrock integration tests (not a test file itself). */
export const DEV_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
export const SESSION_KEYS = {
  accessKeyId: 'ASIAIOSFODNN7SESSION',
  secretAccessKey: 'sessionSecretKey/EXAMPLE+abcdefghijklmnop',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENbyokSimulator0123456789',
};
export const SIM_SECRET = 'simSecretKey/byokEXAMPLE+0123456789abcdef';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockAccess';

/** Settings as the store hands them to the runtime (validated, defaults applied), pointed at the simulator. */
export function bedrockSettings(sim: Simulator, extra: Record<string, unknown> = {}): BedrockSettings {
  return bedrockSettingsSchema.parse({ runtimeEndpoint: sim.url, controlEndpoint: sim.url, stsEndpoint: sim.url, ...extra });
}

export function bedrockCtx(sim: Simulator, secrets: Secrets, extra: Record<string, unknown> = {}, timeoutMs = 5_000, signal = new AbortController().signal): CallContext {
  return { settings: bedrockSettings(sim, extra), secrets, timeoutMs, signal };
}

/** Access keys that select a simulator scenario (see test/simulator/aws/keys.ts). */
export function scenarioKeys(scenario: string) {
  return { accessKeyId: `AKIASIM${scenario.replace(/_/g, '').toUpperCase()}01`, secretAccessKey: SIM_SECRET };
}
