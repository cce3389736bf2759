import { ProviderIdSchema, ProviderKindSchema } from '../core/providers/kinds';
import { LocalizableTextSchema } from '../core/textSchema';
import * as z from '../core/zodMini';

/**
 * The Models page's team setup, configuration import/export and "Import from environment"
 * messages (part of `ToHostSchema`/`ToPageSchema` in messages.ts). Never a secret: environment
 * keys travel as name and last four characters, and are read again by the host on import.
 */

const short = z.string().check(z.maxLength(300));

export const TeamToHostSchemas = [
  /** "Use it" / "Apply" on the offer; `digest`: the version of the file whose summary the user saw. */
  z.object({ type: z.literal('teamSetupAccept'), digest: z.string().check(z.maxLength(128)) }),
  /** "Not now" (a team file) or "Cancel" (an import). */
  z.object({ type: z.literal('teamSetupDismiss') }),
  z.object({ type: z.literal('exportConfiguration') }),
  z.object({ type: z.literal('importConfiguration') }),
  z.object({ type: z.literal('listEnvironmentKeys') }),
  /** Verify one key from the environment (by its reference); stored only when it verifies. */
  z.object({ type: z.literal('importEnvironmentKey'), ref: short }),
] as const;

export const PlannedChangeSchema = z.object({
  providerId: z.optional(ProviderIdSchema),
  kind: ProviderKindSchema,
  displayName: short,
  action: z.enum(['add', 'update', 'unchanged']),
  fields: z.array(short),
  models: z.array(z.string().check(z.maxLength(512))),
  keysNeeded: z.array(short),
  headerNames: z.array(short),
  keyWaitsForConfirmation: z.boolean(),
});

const DisabledProviderSchema = z.object({ kind: ProviderKindSchema, displayName: short });

export const TeamSetupViewSchema = z.object({
  type: z.literal('teamSetup'),
  /** A file offered for adoption, with what would change. */
  offer: z.optional(
    z.object({
      origin: z.enum(['workspace', 'admin', 'import']),
      name: z.optional(short),
      /** Where the file is (a path, shown so the user knows what they adopt). */
      file: z.string().check(z.maxLength(4096)),
      digest: z.string().check(z.maxLength(128)),
      changes: z.array(PlannedChangeSchema),
      disabled: z.array(DisabledProviderSchema),
      reason: z.optional(short),
    }),
  ),
  /** A file that was refused (a secret in it, another version, invalid), with why. */
  refused: z.optional(z.object({ origin: z.enum(['workspace', 'admin', 'import']), file: z.string().check(z.maxLength(4096)), reason: LocalizableTextSchema })),
  /** Just applied: the providers that still need the member's own key. */
  applied: z.optional(
    z.object({
      keysNeeded: z.array(z.object({ providerId: ProviderIdSchema, displayName: short, keys: z.array(short) })),
      keyWaits: z.array(z.object({ providerId: ProviderIdSchema, displayName: short })),
      failed: z.optional(z.object({ displayName: short, problem: z.string().check(z.maxLength(2048)) })),
    }),
  ),
  /** The adopted team setup allows only some providers: these are disabled, with its reason. */
  disabled: z.array(DisabledProviderSchema),
  disabledReason: z.optional(short),
  teamName: z.optional(short),
});
export type TeamSetupView = z.infer<typeof TeamSetupViewSchema>;

export const EnvironmentKeysViewSchema = z.object({
  type: z.literal('environmentKeys'),
  keys: z.array(
    z.object({
      ref: short,
      providerId: ProviderIdSchema,
      name: short,
      last4: z.optional(z.string().check(z.length(4))),
      endpoint: z.optional(z.string().check(z.maxLength(2048))),
    }),
  ).check(z.maxLength(200)),
});

/** Outcome of Export (a path written) or a page-level message about import/export. */
export const ConfigurationNoticeSchema = z.object({
  type: z.literal('configurationNotice'),
  text: LocalizableTextSchema,
  tone: z.enum(['info', 'error']),
});
