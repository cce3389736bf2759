import { z } from 'zod';
import { ProviderErrorSchema } from '../errors/errorKind';
import { LocalizableTextSchema } from '../text';

/** What the provider told us about a model; fields it did not report are left out (and marked assumed later). */
export const ModelInfoSchema = z.object({
  /** Id used in requests: model id, Azure deployment name, Bedrock model or inference-profile id. */
  id: z.string().min(1),
  name: z.string().optional(),
  family: z.string().optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  toolCalling: z.boolean().optional(),
  imageInput: z.boolean().optional(),
  /** Bedrock: a base model that can only be invoked through this inference profile id. */
  inferenceProfileId: z.string().optional(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const StageResultSchema = z.object({
  /** Stable id: "key", "models", "identity", "assume_role", "deployment:<name>", "invoke". */
  id: z.string(),
  ok: z.boolean(),
  /** What this stage proved (or tried to prove), for the page. */
  label: LocalizableTextSchema,
  latencyMs: z.number().nonnegative(),
});
export type StageResult = z.infer<typeof StageResultSchema>;

export const ProvenSchema = z.object({
  keyValid: z.boolean().optional(),
  identity: z.string().optional(),
  account: z.string().optional(),
  arn: z.string().optional(),
  modelsVisible: z.number().int().nonnegative().optional(),
  deploymentsReachable: z.array(z.string()).optional(),
  modelInvocable: z.string().optional(),
});
export type Proven = z.infer<typeof ProvenSchema>;

/** What a provider runtime returns from `verify`; the verifier adds timing and identity. */
export const VerifyOutcomeSchema = z.object({
  ok: z.boolean(),
  stages: z.array(StageResultSchema),
  proven: ProvenSchema,
  models: z.array(ModelInfoSchema).default([]),
  error: ProviderErrorSchema.optional(),
});
export type VerifyOutcome = z.infer<typeof VerifyOutcomeSchema>;

/** Persisted (globalState) and shown on the page: never contains a secret. */
export const VerifyResultSchema = VerifyOutcomeSchema.extend({
  providerId: z.string(),
  kind: z.string(),
  latencyMs: z.number().nonnegative(),
  verifiedAt: z.string(),
  /** Fingerprint of the configuration (settings + secret hashes) this result is about. */
  fingerprint: z.string(),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
