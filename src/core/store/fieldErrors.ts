import type { z } from 'zod/mini';

/** Field errors for the page: the first message per field path ("deployments.0.name"); `_` for the whole form. */
export function issuesToFieldErrors(error: z.core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join('.') || '_'] ??= issue.message;
  return out;
}
