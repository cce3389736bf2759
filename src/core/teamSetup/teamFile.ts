import { ProviderKindSchema, type ProviderKind } from '../providers/kinds';
import { providerDefinitions } from '../providers/registry';
import { text, type LocalizableText } from '../text';
import * as z from '../zodMini';
import { secretLikePaths } from './secretShapes';

/**
 * The team file (`.vscode/byok-team.json`, an administrator's path, or an exported configuration):
 * which providers to set up and how, without any secret. Each member adds their own keys.
 * The same format is what "Export configuration" writes and "Import configuration" reads.
 */

export const TEAM_FILE_VERSION = 1;

const modelIds = z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(512))).check(z.maxLength(500));
const headerName = z.string().check(z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Header names may contain only letters, digits and - (for example X-Team-Id).'));
/** Per provider: its own settings fields (checked by the provider's schema), plus these. */
const entryExtras = {
  /** Models to put into the chat model picker once the provider verified. */
  models: z.optional(modelIds),
  /** Written by Export: which keys a member has to add (secret field ids); informative on import. */
  keysNeeded: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(10))),
};
const providerEntry = z.record(z.string(), z.unknown());

const TeamFileSchema = z.strictObject({
  $schema: z.optional(z.string().check(z.maxLength(2048))),
  version: z.literal(TEAM_FILE_VERSION),
  /** What the page calls the setup ("This workspace recommends a team setup: Acme platform"). */
  name: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  /** Only these provider kinds are used; the others are shown as disabled by the team setup. */
  allowedProviders: z.optional(z.array(ProviderKindSchema).check(z.maxLength(6))),
  /** Why (shown next to each disabled provider). */
  allowedReason: z.optional(z.string().check(z.trim(), z.maxLength(300))),
  providers: z._default(
    z.strictObject({
      openai: z.optional(providerEntry),
      anthropic: z.optional(providerEntry),
      gemini: z.optional(providerEntry),
      azure: z.optional(providerEntry),
      bedrock: z.optional(providerEntry),
      compatible: z.optional(z.array(providerEntry).check(z.maxLength(50))),
    }),
    {},
  ),
});
export type TeamFileJson = z.input<typeof TeamFileSchema>;

/** One provider as the file describes it: only the settings fields it names, already validated. */
export interface TeamProvider {
  kind: ProviderKind;
  /** The endpoint's name, for an OpenAI-compatible one (how it is matched to an existing endpoint). */
  name?: string;
  settings: Record<string, unknown>;
  models: string[];
  /** OpenAI-compatible: header names the member fills in (with their own values) under Extra headers. */
  headerNames: string[];
  /** Secret field ids the member has to add (beyond what the provider always requires). */
  keysNeeded: string[];
}

export interface TeamSetup {
  name?: string;
  allowedProviders?: ProviderKind[];
  allowedReason?: string;
  providers: TeamProvider[];
}

export type TeamFileParse = { ok: true; setup: TeamSetup } | { ok: false; reason: LocalizableText };

/** Fields a team file may not set: secrets, and what the extension generates itself. */
const NOT_FROM_FILE = new Set(['externalId']);

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || '(top level)'}: ${issue.message}`;
}

function entryOf(kind: ProviderKind, raw: Record<string, unknown>, at: string): { ok: true; provider: TeamProvider } | { ok: false; reason: LocalizableText } {
  const def = providerDefinitions[kind];
  const shape = (def.settingsSchema as unknown as { shape: Record<string, unknown> }).shape;
  const { models, keysNeeded, headerNames, ...settingsInput } = raw;
  const extras = z.object({ ...entryExtras, headerNames: z.optional(z.array(headerName).check(z.maxLength(20))) }).safeParse({ models, keysNeeded, headerNames });
  if (!extras.success) return { ok: false, reason: text('The team file is not valid: {0}', `${at}.${describeIssue(extras.error.issues[0]!)}`) };
  const unknownKey = extras.data.keysNeeded?.find((id) => !def.secretFields.some((f) => f.id === id));
  if (unknownKey !== undefined) return { ok: false, reason: text('The team file is not valid: {0}', `${at}.keysNeeded: ${def.displayName} has no key named "${unknownKey}"`) };
  if (headerNames !== undefined && kind !== 'compatible') return { ok: false, reason: text('The team file is not valid: {0}', `${at}.headerNames: only OpenAI-compatible endpoints have header names`) };
  const unknown = Object.keys(settingsInput).filter((field) => !(field in shape) || NOT_FROM_FILE.has(field));
  if (unknown.length) return { ok: false, reason: text('The team file is not valid: {0}', `${at}.${unknown[0]}: not a setting of ${def.displayName}`) };
  const parsed = def.settingsSchema.safeParse(settingsInput);
  if (!parsed.success) return { ok: false, reason: text('The team file is not valid: {0}', `${at}.${describeIssue(parsed.error.issues[0]!)}`) };
  // Only the fields the file names: defaults must not overwrite what a member set themselves.
  const data = parsed.data as Record<string, unknown>;
  const settings = Object.fromEntries(Object.keys(settingsInput).filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
  return {
    ok: true,
    provider: { kind, name: kind === 'compatible' ? String(data.name) : undefined, settings, models: extras.data.models ?? [], headerNames: extras.data.headerNames ?? [], keysNeeded: extras.data.keysNeeded ?? [] },
  };
}

/**
 * Reads a team file's text. Refused as a whole (nothing applied) when it is not JSON, not this
 * version, not valid for a provider, or when anything in it looks like a secret.
 */
export function parseTeamFile(source: string): TeamFileParse {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    return { ok: false, reason: text('The team file is not valid JSON.') };
  }
  // Before anything else: a file with a key in it is refused, whatever else is right or wrong.
  const secrets = secretLikePaths(json);
  if (secrets.length) {
    return {
      ok: false,
      reason: text(
        'The team file was refused: it contains something that looks like a secret ({0}). Team files must never hold keys; remove it from the file (and rotate that key if the file was shared). Each member adds their own key on the Models page.',
        secrets.slice(0, 3).join(', '),
      ),
    };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (json && typeof json === 'object' && version !== TEAM_FILE_VERSION) {
    return { ok: false, reason: text('The team file has version {0}; this version of BYOK Models reads version {1}.', String(version ?? 'none'), TEAM_FILE_VERSION) };
  }
  const envelope = TeamFileSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: text('The team file is not valid: {0}', describeIssue(envelope.error.issues[0]!)) };
  const file = envelope.data;
  const providers: TeamProvider[] = [];
  const names = new Set<string>();
  for (const kind of ['openai', 'anthropic', 'gemini', 'azure', 'bedrock'] as const) {
    const raw = file.providers[kind];
    if (!raw) continue;
    const entry = entryOf(kind, raw, `providers.${kind}`);
    if (!entry.ok) return entry;
    providers.push(entry.provider);
  }
  for (const [i, raw] of (file.providers.compatible ?? []).entries()) {
    const entry = entryOf('compatible', raw, `providers.compatible.${i}`);
    if (!entry.ok) return entry;
    const key = entry.provider.name!.toLowerCase();
    if (names.has(key)) return { ok: false, reason: text('The team file is not valid: {0}', `providers.compatible.${i}.name: "${entry.provider.name}" appears twice`) };
    names.add(key);
    providers.push(entry.provider);
  }
  return { ok: true, setup: { name: file.name || undefined, allowedProviders: file.allowedProviders, allowedReason: file.allowedReason || undefined, providers } };
}
