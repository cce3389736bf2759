import * as z from './zodMini';

/**
 * A user-facing sentence produced by core, which cannot call `vscode.l10n`.
 * `message` is the English template (also the l10n key); `{0}`, `{1}` are filled from `args`.
 * The host localizes it with `vscode.l10n.t(message, ...args)`.
 * Apart from `text.ts` so provider runtimes, which only build texts, do not load zod.
 */
export const LocalizableTextSchema = z.object({
  message: z.string(),
  args: z._default(z.array(z.union([z.string(), z.number()])), []),
});
export type LocalizableText = z.infer<typeof LocalizableTextSchema>;
