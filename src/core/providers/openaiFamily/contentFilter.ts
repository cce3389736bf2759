import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { text, type LocalizableText } from '../../text';

/**
 * A completion cut by a content filter: `finish_reason: "content_filter"`. Azure OpenAI (and
 * gateways in front of it) also annotate choices with `content_filter_results`, e.g.
 * `{"hate":{"filtered":true,"severity":"medium"},"self_harm":{"filtered":false,"severity":"safe"},…}`,
 * which says which category fired.
 */
export const CONTENT_FILTER_FINISH = 'content_filter';

/** One filter that fired, as a user can read it: "hate, severity medium", "custom blocklist my-list". */
export type FilteredCategory = string;

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The filters marked `filtered: true` in Azure's `content_filter_results`, in the order Azure lists them. */
export function filteredCategories(results: unknown): FilteredCategory[] {
  if (!isRecord(results)) return [];
  const out: FilteredCategory[] = [];
  for (const [name, verdict] of Object.entries(results)) {
    if (!isRecord(verdict) || verdict.filtered !== true) continue;
    const label = name.replace(/_/g, ' ');
    if (name === 'custom_blocklists' && Array.isArray(verdict.details)) {
      const ids = verdict.details.flatMap((d) => (isRecord(d) && d.filtered === true && typeof d.id === 'string' ? [d.id] : []));
      out.push(ids.length ? `custom blocklist ${ids.join(', ')}` : 'custom blocklist');
    } else if (typeof verdict.severity === 'string' && verdict.severity !== 'safe') {
      out.push(`${label}, severity ${verdict.severity}`);
    } else {
      out.push(label);
    }
  }
  return out;
}

export interface ContentFilterErrorContext {
  provider: string;
  secrets?: readonly (string | undefined)[];
  step?: string;
  subject?: string;
  /** What to do about it where the provider knows better (Azure: the deployment's filter configuration). */
  hint?: LocalizableText;
}

/** The error that ends a stream the provider's content filter cut; the text streamed before stays with the user. */
export function contentFilterError(categories: readonly FilteredCategory[], c: ContentFilterErrorContext): ProviderError {
  const which = categories.length ? ` (${categories.join('; ')})` : '';
  return providerError('bad_request', {
    provider: c.provider,
    secrets: c.secrets,
    step: c.step,
    subject: c.subject,
    code: CONTENT_FILTER_FINISH,
    message: `The answer was stopped by ${c.provider}’s content filter${which}`,
    hint: c.hint ?? text('Rephrase the request and try again. The filter is part of {0}; this extension cannot change it.', c.provider),
  });
}
