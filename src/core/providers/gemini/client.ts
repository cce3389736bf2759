import { GoogleGenAI } from '@google/genai/web';
import { sameOriginFetch } from '../../net/sameOriginFetch';
import { geminiSettingsSchema, type GeminiSettings } from './definition';

/** The Gemini API version every call uses; the SDK builds `{baseUrl}/{apiVersion}/models/…`. */
export const GEMINI_API_VERSION = 'v1beta';

/** Reads the validated settings again (cheap) so a runtime call never trusts an unparsed object. */
export function geminiSettings(settings: unknown): GeminiSettings | undefined {
  const parsed = geminiSettingsSchema.safeParse(settings ?? {});
  return parsed.success ? parsed.data : undefined;
}

/** Users paste the URL with the version (`…/v1beta`); the SDK adds it itself, so it is taken off. */
export function apiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+(v1beta|v1alpha|v1)\/*$/, '');
}

/**
 * A client with every option explicit, so the user's shell cannot change what is sent:
 * `apiKey` beats GOOGLE_API_KEY/GEMINI_API_KEY, `vertexai: false` beats GOOGLE_GENAI_USE_VERTEXAI
 * (and GOOGLE_GENAI_USE_ENTERPRISE), `baseUrl` beats GOOGLE_GEMINI_BASE_URL. No `retryOptions`:
 * without them the SDK makes exactly one attempt, so a check reports the first answer.
 * `timeoutMs` 0 means no client-side timeout (streaming chat is bounded by the user's cancel).
 */
export function createGeminiClient(settings: GeminiSettings, apiKey: string, timeoutMs: number, inProcessFetch?: typeof globalThis.fetch): GoogleGenAI {
  return new GoogleGenAI({
    apiKey,
    vertexai: false,
    apiVersion: GEMINI_API_VERSION,
    httpOptions: {
      baseUrl: apiRoot(settings.baseUrl),
      apiVersion: GEMINI_API_VERSION,
      // The key (x-goog-api-key) never follows a redirect to another host (a warm-up's requests stay in-process).
      fetch: inProcessFetch ?? sameOriginFetch,
      ...(timeoutMs > 0 ? { timeout: timeoutMs } : {}),
    },
  });
}
