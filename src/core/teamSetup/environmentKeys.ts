import type { ProviderId } from '../providers/kinds';

/**
 * Keys the editor's environment already has (OPENAI_API_KEY and friends) and the AWS profiles in
 * the shared config files, offered on the Models page one by one. The page only ever gets a
 * variable's name and its last four characters; the value is read again from the environment when
 * the user imports it, and goes through Verify before it is stored.
 */

/** Environment variables read, in the order the page lists them. */
const KEY_VARIABLES: { name: string; providerId: ProviderId }[] = [
  { name: 'OPENAI_API_KEY', providerId: 'openai' },
  { name: 'ANTHROPIC_API_KEY', providerId: 'anthropic' },
  { name: 'GEMINI_API_KEY', providerId: 'gemini' },
  { name: 'GOOGLE_API_KEY', providerId: 'gemini' },
  { name: 'AZURE_OPENAI_API_KEY', providerId: 'azure' },
];
const AZURE_ENDPOINT = 'AZURE_OPENAI_ENDPOINT';

export interface EnvironmentCandidate {
  /** `env:OPENAI_API_KEY` or `aws:<profile>`: what the page sends back to import it. */
  ref: string;
  providerId: ProviderId;
  /** The variable's or profile's name, as shown. */
  name: string;
  /** Last four characters of a key long enough that this reveals little. */
  last4?: string;
  /** Azure: the endpoint from AZURE_OPENAI_ENDPOINT (not a secret). */
  endpoint?: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export function environmentCandidates(env: Environment, awsProfiles: readonly string[]): EnvironmentCandidate[] {
  const keys = KEY_VARIABLES.flatMap(({ name, providerId }) => {
    const value = env[name]?.trim();
    if (!value) return [];
    const endpoint = providerId === 'azure' ? env[AZURE_ENDPOINT]?.trim() || undefined : undefined;
    return [{ ref: `env:${name}`, providerId, name, last4: value.length >= 12 ? value.slice(-4) : undefined, endpoint }];
  });
  const profiles = awsProfiles.map((profile) => ({ ref: `aws:${profile}`, providerId: 'bedrock' as ProviderId, name: profile }));
  return [...keys, ...profiles];
}

/** What a Verify of the imported key gets: the form's settings and the secret, as if typed. */
export interface EnvironmentImport {
  providerId: ProviderId;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

/**
 * The Verify input for one candidate: the provider's current settings with what the environment
 * adds (Azure's endpoint, Bedrock's profile), and the key. Undefined when it is no longer there.
 */
export function environmentImport(ref: string, env: Environment, awsProfiles: readonly string[], currentSettings: (id: ProviderId) => Record<string, unknown>): EnvironmentImport | undefined {
  const candidate = environmentCandidates(env, awsProfiles).find((c) => c.ref === ref);
  if (!candidate) return undefined;
  const settings = { ...currentSettings(candidate.providerId) };
  if (ref.startsWith('aws:')) return { providerId: 'bedrock', settings: { ...settings, authMode: 'profile', profile: candidate.name }, secrets: {} };
  if (candidate.endpoint) settings.endpoint = candidate.endpoint;
  return { providerId: candidate.providerId, settings, secrets: { apiKey: env[candidate.name]!.trim() } };
}
