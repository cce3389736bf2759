import OpenAI from 'openai';
import { sameOriginFetch } from '../../net/sameOriginFetch';

export interface OpenAIClientOptions {
  baseURL: string;
  /** Omitted or empty: no Authorization header at all (local servers such as Ollama). */
  apiKey?: string;
  organization?: string;
  project?: string;
  /** Sent with every request; a user's own Authorization header here wins over the key. */
  headers?: Record<string, string>;
  /** Per-attempt timeout in ms (the SDK default is 10 minutes). */
  timeoutMs?: number;
  /** Defaults to `sameOriginFetch`: the key never follows a redirect to another host. */
  fetch?: typeof globalThis.fetch;
}

/**
 * Header names the SDK adds from OPENAI_CUSTOM_HEADERS (it offers no switch), mapped to null
 * so a user's shell cannot change what the extension sends. A null also removes the SDK's own
 * header of that name, so callers set the headers they need after this. `keep` names headers
 * the SDK computes per request (an Entra token) that a null would remove and nothing could restore.
 */
export function customHeadersFromEnvRemoved(keep: readonly string[] = []): Record<string, null> {
  const raw = process.env.OPENAI_CUSTOM_HEADERS;
  if (!raw) return {};
  const kept = new Set(keep.map((name) => name.toLowerCase()));
  // Parsed like the SDK does: one `Name: value` per line, lines without a colon ignored.
  const names = raw.split('\n').flatMap((line) => {
    const colon = line.indexOf(':');
    const name = colon >= 0 ? line.slice(0, colon).trim() : '';
    return name && !kept.has(name.toLowerCase()) ? [name] : [];
  });
  return Object.fromEntries(names.map((name) => [name, null]));
}

/**
 * An `openai` client with every option explicit, so environment variables (OPENAI_BASE_URL,
 * OPENAI_ORG_ID, OPENAI_PROJECT_ID, OPENAI_CUSTOM_HEADERS…) cannot change where requests go or what they carry,
 * and with retries off: a verification must report the first answer, and the SDK's retry
 * sleep ignores abort signals.
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  const keyless = !options.apiKey;
  return new OpenAI({
    // The SDK refuses to start without a key; a keyless client gets a placeholder that the
    // `Authorization: null` default header below removes from every request.
    apiKey: options.apiKey || 'no-key',
    baseURL: options.baseURL,
    organization: options.organization ?? null,
    project: options.project ?? null,
    maxRetries: 0,
    timeout: options.timeoutMs,
    // OPENAI_LOG=debug would print requests to the extension host's console.
    logLevel: 'off',
    // Auth, organization and project again as headers: they then beat the same names in
    // OPENAI_CUSTOM_HEADERS (nulled above); a keyless client sends no Authorization at all.
    defaultHeaders: {
      ...customHeadersFromEnvRemoved(),
      Authorization: keyless ? null : `Bearer ${options.apiKey}`,
      ...(options.organization ? { 'OpenAI-Organization': options.organization } : {}),
      ...(options.project ? { 'OpenAI-Project': options.project } : {}),
      ...options.headers,
    },
    fetch: options.fetch ?? sameOriginFetch,
  });
}
