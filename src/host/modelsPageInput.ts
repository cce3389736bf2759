import { ProviderIdSchema, type ProviderId } from '../core/providers/kinds';
import { VALUE_TOO_LONG } from '../core/store/fieldErrors';
import type * as z from '../core/zodMini';
import type { ToHost } from '../protocol/messages';

/**
 * A Save or Verify refused only because values are longer than any key or setting (a paste
 * accident): the fields to mark, so the page says where instead of a page-wide "rejected".
 */
export function tooLongFields(raw: unknown, error: z.core.$ZodError): { providerId: ProviderId; fieldErrors: Record<string, string> } | undefined {
  const message = raw as { type?: unknown; providerId?: unknown };
  if ((message?.type !== 'save' && message?.type !== 'verify') || !ProviderIdSchema.safeParse(message.providerId).success) return undefined;
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const [group, field] = issue.path;
    if (issue.code !== 'too_big' || (group !== 'secrets' && group !== 'settings') || typeof field !== 'string') return undefined;
    fieldErrors[field] = VALUE_TOO_LONG.message;
  }
  return Object.keys(fieldErrors).length ? { providerId: message.providerId as ProviderId, fieldErrors } : undefined;
}

/** Values typed into secret fields of a message, to be kept out of any text shown or logged. */
export function secretsIn(message: ToHost): string[] {
  if (message.type === 'setFallbackKey') return [message.value];
  return 'secrets' in message ? Object.values(message.secrets) : [];
}

/** An empty secret field means "keep the stored one", so only typed values are written. */
export function typedSecrets(secrets: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== ''));
}
