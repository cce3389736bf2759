import type OpenAI from 'openai';
import type { ProviderError } from '../../errors/errorKind';
import { providerError } from '../../errors/providerError';
import { text } from '../../text';
import { createOpenAIClient } from '../openaiFamily';
import type { CallContext } from '../types';
import { parseExtraHeaders, type CompatibleSettings } from './definition';

export interface CompatibleCall {
  settings: CompatibleSettings;
  /** The endpoint's own name, shown in messages ("Ollama", "OpenRouter"…). */
  provider: string;
  secrets: (string | undefined)[];
}

export function compatibleCall(ctx: CallContext): CompatibleCall {
  const settings = ctx.settings as CompatibleSettings;
  // Gateways put keys in extra headers: each value is a secret on its own, not only the whole text.
  const parsed = parseExtraHeaders(ctx.secrets.extraHeaders ?? '');
  const headerValues = 'headers' in parsed ? Object.values(parsed.headers) : [];
  return { settings, provider: settings.name, secrets: [...Object.values(ctx.secrets), ...headerValues] };
}

/** A client for this endpoint: the key only if one is stored (none: no Authorization header), plus the user's extra headers. */
export function compatibleClientFor(ctx: CallContext, call: CompatibleCall, timeoutMs?: number): { client: OpenAI } | { error: ProviderError } {
  const parsed = parseExtraHeaders(ctx.secrets.extraHeaders ?? '');
  if ('error' in parsed) {
    return { error: providerError('invalid_configuration', { provider: call.provider, secrets: call.secrets, message: parsed.error, step: 'Extra headers' }) };
  }
  const client = createOpenAIClient({ apiKey: ctx.secrets.apiKey, baseURL: call.settings.baseUrl, headers: parsed.headers, timeoutMs, fetch: ctx.inProcessFetch });
  return { client };
}

/** A 401 from a server we sent no key to means it needs one, not that a key is wrong. */
export function explainMissingKey(error: ProviderError, ctx: CallContext, call: CompatibleCall): ProviderError {
  if ((error.kind !== 'invalid_key' && error.kind !== 'missing_credentials') || ctx.secrets.apiKey) return error;
  return {
    ...error,
    kind: 'missing_credentials',
    hint: text('{0} requires an API key. Enter it and Verify.', call.provider),
  };
}
