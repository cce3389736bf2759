import type { LocalizableText } from './textSchema';

export type { LocalizableText };

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
