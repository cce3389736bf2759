import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';

export type SimResponse = ServerResponse | Http2ServerResponse;

/**
 * Scenarios a test (or the sandbox) can ask for. Chosen per request from the credential
 * (a key containing `sim-<scenario>`, see `scenarioFromCredential`) or set for a whole provider.
 */
export const SCENARIOS = [
  'valid',
  'invalid_key',
  'no_model_access',
  'quota_exhausted',
  'rate_limited',
  'overloaded',
  'server_error',
  'model_not_found',
  'needs_inference_profile',
  'expired_token',
  'hang',
  'reset',
  /** A 200 whose body stops halfway: the connection is cut after the first bytes of the JSON. */
  'reset_mid_body',
  'malformed_json',
  'html',
  'empty_models',
  /** Azure: the answer streams a few words, then the output content filter cuts it (finish_reason content_filter). */
  'content_filtered',
  /** Requests from a country the provider does not serve (OpenAI 403 unsupported_country_region_territory, Gemini 400 FAILED_PRECONDITION). */
  'region_blocked',
  /** Gemini: the rate-limit error body arrives without a JSON content type (text/plain), as users report. */
  'untyped_error',
  /** A 429 whose wait is stated only in the message text, no Retry-After header (OpenAI "in 20s", Azure "after 2 seconds"). */
  'wait_in_text',
  /** Azure: a 429 that asks to retry after 86400 seconds (a daily token quota of the pricing tier). */
  'daily_quota',
  /** Azure: the deployment's model needs a newer api-version (400 "… enabled only for api versions 2024-12-01-preview and later"). */
  'api_version_too_old',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SimRequest {
  method: string;
  /** Path without query string, URL-decoded segments left as sent. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  httpVersion: '1.1' | '2';
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  /** Arrived through a simulator redirect (path was under `/__sim/redirected`). */
  redirected?: boolean;
}

export interface RecordedRequest {
  provider: string;
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
  httpVersion: '1.1' | '2';
  scenario: Scenario;
  /** True when the client closed the connection before the response ended (cancellation). */
  clientClosedEarly: boolean;
  at: number;
  /** High-resolution wall clock (ms) when the request was read and when its answer ended: which requests a client had in flight together. */
  startedMs: number;
  endedMs?: number;
}

export interface ProviderOverride {
  scenario?: Scenario;
  /** Added before every answer for this provider. */
  latencyMs?: number;
  /** Delay between streamed chunks. */
  chunkDelayMs?: number;
  /**
   * Every answer stops after this many body bytes without ending (0: right after the headers);
   * the connection stays open until the client closes it. A stalled server or proxy.
   */
  stallAfterBytes?: number;
  /**
   * A streamed answer ends cleanly after this many body writes (one event each), without the
   * protocol's end event: a proxy or gateway that closes a stream early.
   */
  endAfterWrites?: number;
  /**
   * Every request not already redirected is answered with a redirect (`redirectStatus`, default 307)
   * to this origin, keeping path and query (under `/__sim/redirected`, which the target strips).
   * The simulator's own `url` gives a same-origin redirect.
   */
  redirectTo?: string;
  redirectStatus?: number;
  /** Only requests whose path contains this are redirected (e.g. a model check, not the key check before it). */
  redirectPathIncludes?: string;
}

export interface SimulatorState {
  /** Scenario for this request: provider-wide override, else the credential's marker, else valid. */
  scenarioFor(provider: string, credential: string | undefined): Scenario;
  override(provider: string): ProviderOverride;
  /** Sleeps unless the response closes first; resolves false when the client went away. */
  sleep(ms: number, res: SimResponse): Promise<boolean>;
  record(provider: string, req: SimRequest, scenario: Scenario, res: SimResponse): RecordedRequest;
}

/**
 * One provider's routes. `handle` returns false when the request is not for this provider,
 * so the dispatcher can try the next module.
 */
export interface RouteModule {
  name: string;
  handle(req: SimRequest, res: SimResponse, sim: SimulatorState): Promise<boolean> | boolean;
}
