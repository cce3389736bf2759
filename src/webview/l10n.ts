import { formatTemplate } from '../core/text';

/** The page's strings: English templates looked up in the bundle the host sent with `init`. */
let bundle: Record<string, string> = {};

export function setBundle(next: Record<string, string>): void {
  bundle = next;
}

/** Localizes a literal English template; `node scripts/l10n-strings.mjs` extracts the literals. */
export function t(message: string, ...args: (string | number)[]): string {
  return lookup(message, args);
}

/** Localizes a template that is not a literal here (core's labels, hints, validation messages). */
export function lookup(message: string, args: readonly (string | number)[] = []): string {
  return formatTemplate(bundle[message] ?? message, args);
}
