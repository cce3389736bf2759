import * as z from '../zodMini';
import { ProviderErrorSchema } from '../errors/errorKind';
import { LocalizableTextSchema } from '../textSchema';

/** What the provider told us about a model; fields it did not report are left out (and marked assumed later). */
export const ModelInfoSchema = z.object({
  /** Id used in requests: model id, Azure deployment name, Bedrock model or inference-profile id. */
  id: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  family: z.optional(z.string()),
  contextWindow: z.optional(z.number().check(z.int(), z.positive())),
  maxOutputTokens: z.optional(z.number().check(z.int(), z.positive())),
  toolCalling: z.optional(z.boolean()),
  imageInput: z.optional(z.boolean()),
  /** Bedrock: a base model that can only be invoked through this inference profile id. */
  inferenceProfileId: z.optional(z.string()),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const StageResultSchema = z.object({
  /** Stable id: "key", "models", "identity", "assume_role", "deployment:<name>", "invoke". */
  id: z.string(),
  ok: z.boolean(),
  /** What this stage proved (or tried to prove), for the page. */
  label: LocalizableTextSchema,
  latencyMs: z.number().check(z.nonnegative()),
});
export type StageResult = z.infer<typeof StageResultSchema>;

export const ProvenSchema = z.object({
  keyValid: z.optional(z.boolean()),
  identity: z.optional(z.string()),
  account: z.optional(z.string()),
  arn: z.optional(z.string()),
  modelsVisible: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** Listed models that are not for chat (embeddings, audio, image, moderation, legacy completion). */
  modelsLeftOut: z.optional(z.number().check(z.int(), z.nonnegative())),
  deploymentsReachable: z.optional(z.array(z.string())),
  /** A model that generated an answer to a tiny paid request: proves access and quota. */
  modelInvocable: z.optional(z.string()),
  /** A model that accepted a free call (Gemini's countTokens): proves access, not generation quota. */
  modelReachable: z.optional(z.string()),
  /** Temporary credentials (AWS SSO, an assumed role, credential_process): when the ones just used expire. */
  credentialsExpireAt: z.optional(z.string()),
  /** How they are renewed: by `aws sso login` (the user), or by the extension and the AWS SDK on their own. */
  credentialsRenewal: z.optional(z.enum(['sso_login', 'automatic'])),
});
export type Proven = z.infer<typeof ProvenSchema>;

/**
 * The result of one model's or deployment's own check (an Azure deployment's 1-token call, a
 * model's Test): it belongs to that row. A failed row does not fail the provider; its other
 * models stay verified and in chat.
 */
export const ModelResultSchema = z.object({
  ok: z.boolean(),
  label: LocalizableTextSchema,
  error: z.optional(ProviderErrorSchema),
  /** When this row was checked (a model's Test can be newer than the provider's check). */
  checkedAt: z.optional(z.string()),
});
export type ModelResult = z.infer<typeof ModelResultSchema>;

/**
 * What a gateway in front of the providers (OpenRouter, a LiteLLM proxy) keeps as this key's own
 * budget, read at Verify: the gateway enforces it, so its figures are the ones that count.
 */
export const GatewayBudgetSchema = z.object({
  /** "OpenRouter" or "LiteLLM". */
  gateway: z.string(),
  spentUsd: z.optional(z.number()),
  /** Absent when the key has no limit there. */
  limitUsd: z.optional(z.number()),
  remainingUsd: z.optional(z.number()),
  /** ISO time the gateway resets the spend, when it does. */
  resetsAt: z.optional(z.string()),
});
export type GatewayBudget = z.infer<typeof GatewayBudgetSchema>;

/** What a provider runtime returns from `verify`; the verifier adds timing and identity. */
export const VerifyOutcomeSchema = z.object({
  ok: z.boolean(),
  stages: z.array(StageResultSchema),
  proven: ProvenSchema,
  models: z._default(z.array(ModelInfoSchema), []),
  error: z.optional(ProviderErrorSchema),
  /** Per model or deployment id: the row's own check, where it had one. */
  modelResults: z.optional(z.record(z.string(), ModelResultSchema)),
  gatewayBudget: z.optional(GatewayBudgetSchema),
});
export type VerifyOutcome = z.infer<typeof VerifyOutcomeSchema>;

/** Persisted (globalState) and shown on the page: never contains a secret. */
export const VerifyResultSchema = z.extend(VerifyOutcomeSchema, {
  providerId: z.string(),
  kind: z.string(),
  latencyMs: z.number().check(z.nonnegative()),
  verifiedAt: z.string(),
  /** Fingerprint of the configuration (settings + secret hashes) this result is about. */
  fingerprint: z.string(),
  /** The failure came from a chat request (a key that verified before was refused), not from Verify. */
  seenInChat: z.optional(z.boolean()),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
