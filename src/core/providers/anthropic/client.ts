import Anthropic from '@anthropic-ai/sdk';
import { anthropicSettingsSchema, type AnthropicSettings } from './definition';

/** Reads the validated settings again (cheap) so a runtime call never trusts an unparsed object. */
export function anthropicSettings(settings: unknown): AnthropicSettings | undefined {
  const parsed = anthropicSettingsSchema.safeParse(settings ?? {});
  return parsed.success ? parsed.data : undefined;
}

/**
 * Header names the SDK would take from `ANTHROPIC_CUSTOM_HEADERS` (it always merges that variable,
 * after our own auth header). Each is set to null so a user's shell cannot replace the key we send.
 */
function unsetEnvironmentHeaders(): Record<string, null> {
  const raw = process.env['ANTHROPIC_CUSTOM_HEADERS'];
  if (!raw) return {};
  const names: Record<string, null> = {};
  for (const line of raw.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) names[line.slice(0, colon).trim()] = null;
  }
  return names;
}

/**
 * A client with every option explicit: the key and base URL come only from our settings,
 * retries are off (a check must report the first answer), and the environment is not consulted
 * (passing `apiKey` stops the SDK reading ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN / profiles).
 */
export function createAnthropicClient(settings: AnthropicSettings, apiKey: string, timeoutMs: number): Anthropic {
  return new Anthropic({
    apiKey,
    authToken: null,
    baseURL: settings.baseUrl,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
    defaultHeaders: unsetEnvironmentHeaders(),
  });
}
