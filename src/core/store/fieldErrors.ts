import type { z } from 'zod/mini';
import { text } from '../text';

/** A value far longer than any key or setting: a paste accident (the page marks the field). */
export const VALUE_TOO_LONG = text('This is far longer than any key or setting; paste the value alone.');

/** Field errors for the page: the first message per field path ("deployments.0.name"); `_` for the whole form. */
export function issuesToFieldErrors(error: z.core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join('.') || '_'] ??= issue.message;
  return out;
}
