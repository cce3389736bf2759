import * as z from '../zodMini';

export const ProviderKindSchema = z.enum(['openai', 'anthropic', 'gemini', 'azure', 'bedrock', 'compatible']);
export type ProviderKind = z.infer<typeof ProviderKindSchema>;

/** Singleton kinds use their kind as id; each OpenAI-compatible endpoint is "compatible.<slug>". */
export const ProviderIdSchema = z
  .string()
  .check(z.regex(/^(openai|anthropic|gemini|azure|bedrock|compatible\.[a-z0-9][a-z0-9-]{0,47})$/, 'Unknown provider id'));
export type ProviderId = z.infer<typeof ProviderIdSchema>;

export function kindOfId(id: ProviderId): ProviderKind {
  return (id.startsWith('compatible.') ? 'compatible' : id) as ProviderKind;
}
