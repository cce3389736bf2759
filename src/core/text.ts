import * as z from './zodMini';

/**
 * A user-facing sentence produced by core, which cannot call `vscode.l10n`.
 * `message` is the English template (also the l10n key); `{0}`, `{1}` are filled from `args`.
 * The host localizes it with `vscode.l10n.t(message, ...args)`.
 */
export const LocalizableTextSchema = z.object({
  message: z.string(),
  args: z._default(z.array(z.union([z.string(), z.number()])), []),
});
export type LocalizableText = z.infer<typeof LocalizableTextSchema>;

export function text(message: string, ...args: (string | number)[]): LocalizableText {
  return { message, args };
}

/** Fills `{n}` placeholders; used for English output and by the host after lookup. */
export function formatTemplate(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

export function formatText(t: LocalizableText): string {
  return formatTemplate(t.message, t.args);
}
