import * as z from '../core/zodMini';

/**
 * The Models page's offer of a model for the chat's small tasks (part of `ToHostSchema`/`ToPageSchema`
 * in messages.ts; see core/chat/utilityModels.ts).
 */

const text = z.string().check(z.maxLength(512));

export const UtilityToHostSchemas = [
  /** "Use <model> for small tasks": the host writes the chat's missing utility settings with this model. */
  z.object({ type: z.literal('setUtilityModels'), vendor: text, id: text }),
] as const;

export const UtilityModelsViewSchema = z.object({
  type: z.literal('utilityModels'),
  /** Undefined: nothing to offer (the editor has no utility models, or they are set). */
  offer: z.optional(
    z.object({
      missing: z.array(z.enum(['utilityModel', 'utilitySmallModel'])),
      suggestion: z.object({ vendor: text, id: text, modelId: text, name: text, providerName: text }),
    }),
  ),
  /** After the user's choice: the model now used for small tasks. */
  applied: z.optional(z.object({ name: text, providerName: text })),
});
export type UtilityModelsView = z.infer<typeof UtilityModelsViewSchema>;
