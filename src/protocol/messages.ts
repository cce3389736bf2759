import * as z from '../core/zodMini';
import { ProviderKindSchema, ProviderIdSchema } from '../core/providers/kinds';
import { ModelUsageSchema } from '../core/costs/modelUsage';
import { VerifyResultSchema } from '../core/verify/result';
import { ErrorFixSchema } from '../core/errors/errorKind';
import { KeyAgeSchema } from '../core/store/keyAges';
import { ConfigurationNoticeSchema, EnvironmentKeysViewSchema, TeamSetupViewSchema, TeamToHostSchemas } from './teamMessages';
import { MonthSpendViewSchema } from './spendMessages';
import { UtilityModelsViewSchema, UtilityToHostSchemas } from './utilityMessages';

/**
 * Every message between the Models page and the host, as zod schemas (types via z.infer).
 * The host parses each inbound message and rejects a malformed one without logging its content.
 * Secrets only ever travel page → host, write-only; host → page carries `{present, last4}`.
 */

/** No provider secret is anywhere near this long; a bigger value is a paste accident or an attack. */
export const MAX_SECRET_LENGTH = 8192;
const MAX_TEXT = 2048;

const fieldId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z][A-Za-z0-9]*$/));
const settingValue = z.union([
  z.string().check(z.maxLength(MAX_TEXT)),
  z.array(z.string().check(z.maxLength(MAX_TEXT))).check(z.maxLength(200)),
  z
    .array(z.object({ name: z.string().check(z.maxLength(MAX_TEXT)), model: z.optional(z.string().check(z.maxLength(MAX_TEXT))) }))
    .check(z.maxLength(200)),
]);
/** Non-secret form values, checked against the provider's own schema by the store. */
export const SettingsInputSchema = z.record(fieldId, settingValue);
/** New secret values as typed; a field that is absent keeps the stored value. */
export const SecretsInputSchema = z.record(fieldId, z.string().check(z.maxLength(MAX_SECRET_LENGTH, 'Secret too long')));

export const ToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('save'), providerId: ProviderIdSchema, settings: SettingsInputSchema, secrets: SecretsInputSchema }),
  /** Verify what the form holds now: new secrets are staged and only committed when they verify. */
  z.object({ type: z.literal('verify'), providerId: ProviderIdSchema, settings: SettingsInputSchema, secrets: SecretsInputSchema }),
  z.object({ type: z.literal('verifyAll') }),
  /** Rotate key: the new key is verified with the working settings and swapped in only if it works. */
  z.object({ type: z.literal('rotateKey'), providerId: ProviderIdSchema, secrets: SecretsInputSchema }),
  /** A fallback key for rate limits and quota: verified first, kept only if it works. */
  z.object({ type: z.literal('setFallbackKey'), providerId: ProviderIdSchema, value: z.string().check(z.maxLength(MAX_SECRET_LENGTH, 'Secret too long')) }),
  z.object({ type: z.literal('removeFallbackKey'), providerId: ProviderIdSchema }),
  /** The rotation checklist is done with. */
  z.object({ type: z.literal('dismissRotation'), providerId: ProviderIdSchema }),
  /** Verify the stored configuration with a tiny real call to one model (stage 2: proves quota and access). */
  z.object({ type: z.literal('testModel'), providerId: ProviderIdSchema, modelId: z.string().check(z.minLength(1), z.maxLength(512)) }),
  z.object({ type: z.literal('cancelVerify'), providerId: ProviderIdSchema }),
  z.object({ type: z.literal('remove'), providerId: ProviderIdSchema }),
  z.object({ type: z.literal('addCompatible'), name: z.string().check(z.maxLength(200)), baseUrl: z.string().check(z.maxLength(MAX_TEXT)) }),
  z.object({ type: z.literal('confirmEndpoint'), providerId: ProviderIdSchema }),
  /** Drop what a Verify staged (settings waiting for a successful check); the working ones stay. */
  z.object({ type: z.literal('revert'), providerId: ProviderIdSchema }),
  /** Apply the correction the last failed check offered (e.g. the base URL with /v1), then verify. */
  z.object({ type: z.literal('applyFix'), providerId: ProviderIdSchema, fix: ErrorFixSchema }),
  z.object({ type: z.literal('setEnabledModels'), providerId: ProviderIdSchema, models: z.array(z.string().check(z.minLength(1), z.maxLength(512))).check(z.maxLength(5000)) }),
  /** From a provider's section: open the chat with one of that provider's models (`modelId`: that one). */
  z.object({ type: z.literal('useInChat'), providerId: z.optional(ProviderIdSchema), modelId: z.optional(z.string().check(z.minLength(1), z.maxLength(512))) }),
  /** "Why isn't my model in the chat picker?" for a provider, and a model when one was named. */
  z.object({ type: z.literal('diagnose'), providerId: ProviderIdSchema, modelId: z.optional(z.string().check(z.minLength(1), z.maxLength(512))) }),
  /** The "new models available" offer: add them to the chat picker, or leave them unticked. */
  z.object({ type: z.literal('addOfferedModels'), providerId: ProviderIdSchema }),
  z.object({ type: z.literal('dismissOfferedModels'), providerId: ProviderIdSchema }),
  /** Copy a non-secret text (external id, trust policy) through the editor's clipboard. */
  z.object({ type: z.literal('copy'), text: z.string().check(z.maxLength(16_384)) }),
  /** The header's link to "BYOK: Show Usage and Costs" (costs and budgets). */
  z.object({ type: z.literal('openUsage') }),
  ...TeamToHostSchemas,
  ...UtilityToHostSchemas,
]);
export type ToHost = z.infer<typeof ToHostSchema>;

/** After a rotation: when, and the automatic tiny test of one enabled model with the new key. */
export const RotationViewSchema = z.object({
  rotatedAt: z.string(),
  modelId: z.optional(z.string()),
  modelTest: z.optional(z.enum(['running', 'ok', 'failed'])),
});
export type RotationView = z.infer<typeof RotationViewSchema>;

export const SecretStatusSchema = z.object({
  present: z.boolean(),
  last4: z.optional(z.string().check(z.length(4))),
});

/** What the page knows about one provider: settings, secret presence, last result. Never a secret. */
export const ProviderViewSchema = z.object({
  id: ProviderIdSchema,
  kind: ProviderKindSchema,
  displayName: z.string(),
  configured: z.boolean(),
  /** The working settings (what chat uses). */
  settings: z.record(z.string(), z.unknown()),
  /** Settings a Verify staged that have not verified yet: the form shows them, chat does not use them. */
  stagedSettings: z.optional(z.record(z.string(), z.unknown())),
  secrets: z.record(z.string(), SecretStatusSchema),
  /** The optional fallback key: presence and last four only. */
  fallbackKey: z.optional(SecretStatusSchema),
  /** When each stored secret was saved and last verified. */
  keyAges: z.optional(z.record(z.string(), KeyAgeSchema)),
  /** The checklist of the last rotation, while the page is open. */
  rotation: z.optional(RotationViewSchema),
  missingOnThisMachine: z.array(z.string()),
  endpointChanged: z.boolean(),
  verifying: z.boolean(),
  /** The last verification of the stored configuration. */
  lastResult: z.optional(z.omit(VerifyResultSchema, { fingerprint: true })),
  /** Settings or a key changed since the last verification (saved without verifying). */
  resultOutdated: z.optional(z.boolean()),
  /** A check of values typed into the form that failed: nothing was stored, `lastResult` still holds. */
  rejectedDraft: z.optional(z.omit(VerifyResultSchema, { fingerprint: true })),
  enabledModels: z.array(z.string()),
  externalId: z.optional(z.string()),
  /** Requests and tokens per model, as the provider reported them in chat. */
  usage: z.optional(z.record(z.string(), ModelUsageSchema)),
  /** Bedrock: profile names found in the AWS config files (names only, never their values). */
  awsProfiles: z.optional(z.array(z.string().check(z.maxLength(256))).check(z.maxLength(200))),
  /** Models the last Verify put into the chat model picker (shown until the user changes the list). */
  modelsJustEnabled: z.optional(z.array(z.string())),
  /** Models that appeared after the first Verify, waiting for the user to add them to chat. */
  modelsOffered: z.optional(z.array(z.string())),
});
export type ProviderView = z.infer<typeof ProviderViewSchema>;

export const FieldErrorsSchema = z.record(z.string(), z.string());

export const ToPageSchema = z.discriminatedUnion('type', [
  /**
   * First answer to `ready`: the l10n bundle (English when absent) and every provider;
   * `editorWithoutChat` names the editor and version when its chat cannot use BYOK models;
   * `chatMissing` says why: no chat model provider API, or no chat view that shows its models.
   */
  z.object({
    type: z.literal('init'),
    l10n: z.record(z.string(), z.string()),
    providers: z.array(ProviderViewSchema),
    editorWithoutChat: z.optional(z.string().check(z.maxLength(200))),
    chatMissing: z.optional(z.enum(['api', 'view'])),
    /** The editor keeps secret storage in the browser (code-server, other web editors). */
    keysInBrowser: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('state'), providers: z.array(ProviderViewSchema) }),
  z.object({ type: z.literal('provider'), provider: ProviderViewSchema }),
  /** Outcome of save/verify/add: field errors to show, or `ok` so the page clears its secret fields. */
  z.object({
    type: z.literal('saved'),
    providerId: z.union([ProviderIdSchema, z.literal('new')]),
    ok: z.boolean(),
    fieldErrors: FieldErrorsSchema,
  }),
  /** Open a provider's section (from a reminder or a refused key in chat); `rotate` unfolds Rotate key. */
  z.object({ type: z.literal('show'), providerId: ProviderIdSchema, rotate: z.boolean() }),
  /** A just-added compatible endpoint, so the page can move focus to it. */
  z.object({ type: z.literal('added'), providerId: ProviderIdSchema }),
  /** A page-wide notice; the page holds the (localized) wording for each code. */
  z.object({
    type: z.literal('notice'),
    code: z.enum(['rejected', 'copied', 'notSaved', 'verifiedAll']),
    /** `notSaved`: the editor's own reason (its settings or secret storage refused a write). */
    detail: z.optional(z.string()),
    /** `verifiedAll`: how many configured providers verified, and the names of those that did not. */
    verified: z.optional(z.number().check(z.int(), z.nonnegative())),
    failed: z.optional(z.array(z.string())),
  }),
  TeamSetupViewSchema,
  UtilityModelsViewSchema,
  MonthSpendViewSchema,
  EnvironmentKeysViewSchema,
  ConfigurationNoticeSchema,
]);
export type ToPage = z.infer<typeof ToPageSchema>;
export type ToPageInput = z.input<typeof ToPageSchema>;
