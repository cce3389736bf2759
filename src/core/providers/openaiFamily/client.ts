import OpenAI from 'openai';

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
  fetch?: typeof globalThis.fetch;
}

/**
 * An `openai` client with every option explicit, so environment variables (OPENAI_BASE_URL,
 * OPENAI_ORG_ID, OPENAI_PROJECT_ID…) cannot change where requests go or what they carry,
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
    defaultHeaders: { ...(keyless ? { Authorization: null } : {}), ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
