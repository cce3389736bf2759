import Anthropic from '@anthropic-ai/sdk';
import { sameOriginFetch } from '../../net/sameOriginFetch';
import { anthropicSettingsSchema, type AnthropicSettings } from './definition';

/** Reads the validated settings again (cheap) so a runtime call never trusts an unparsed object. */
export function anthropicSettings(settings: unknown): AnthropicSettings | undefined {
  const parsed = anthropicSettingsSchema.safeParse(settings ?? {});
  return parsed.success ? parsed.data : undefined;
}

/**
 * The SDK always merges headers from `ANTHROPIC_CUSTOM_HEADERS`, after (and over) its auth header.
 * Our `defaultHeaders` win over that variable: each name it sets is removed again, except
 * Authorization, which is set back to our key, so a user's shell cannot change what we send.
 */
function overrideEnvironmentHeaders(apiKey: string): Record<string, string | null> {
  const raw = process.env['ANTHROPIC_CUSTOM_HEADERS'];
  if (!raw) return {};
  const headers: Record<string, string | null> = {};
  for (const line of raw.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    headers[name] = name.toLowerCase() === 'authorization' ? `Bearer ${apiKey}` : null;
  }
  return headers;
}

/**
 * A client with every option explicit: the key and base URL come only from our settings,
 * retries are off (a check must report the first answer), and the environment is not consulted
 * (passing `apiKey` stops the SDK reading ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN / profiles).
 */
export function createAnthropicClient(settings: AnthropicSettings, apiKey: string, timeoutMs: number, inProcessFetch?: typeof globalThis.fetch): Anthropic {
  return new Anthropic({
    apiKey,
    authToken: null,
    baseURL: settings.baseUrl,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
    defaultHeaders: overrideEnvironmentHeaders(apiKey),
    // The key never follows a redirect to another host (a warm-up's requests stay in-process).
    fetch: inProcessFetch ?? sameOriginFetch,
  });
}
