import { SCENARIOS, type Scenario } from './types';

/** A credential containing `sim-<scenario>` (e.g. `sk-test-sim-rate_limited-1`) selects that scenario. */
export function scenarioFromCredential(credential: string | undefined): Scenario | undefined {
  if (!credential) return undefined;
  const match = /sim-([a-z_]+)/i.exec(credential);
  if (!match) return undefined;
  const name = match[1]!.toLowerCase() as Scenario;
  return (SCENARIOS as readonly string[]).includes(name) ? name : undefined;
}

/** Writes a JSON answer. */
export function sendJson(res: import('./types').SimResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

export const HTML_PAGE = '<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>';

/**
 * Applies the scenarios that look the same for every provider: hang, reset, malformed JSON, an HTML page.
 * Returns true when it answered.
 */
export async function answerTransportScenario(
  scenario: Scenario,
  res: import('./types').SimResponse,
  sim: import('./types').SimulatorState,
): Promise<boolean> {
  switch (scenario) {
    case 'hang':
      // Never answer; the client's timeout or abort must end it.
      await sim.sleep(10 * 60_000, res);
      return true;
    case 'reset': {
      const socket = (res as { socket?: { destroy(): void } | null }).socket;
      const stream = (res as { stream?: { close(code: number): void } }).stream;
      if (stream) stream.close(2 /* INTERNAL_ERROR */);
      else socket?.destroy();
      return true;
    }
    case 'reset_mid_body': {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      (res as import('node:http').ServerResponse).write('{"object":"list","data":[{"id":"gpt-4o","object":"model"},');
      await sim.sleep(50, res);
      const socket = (res as { socket?: { destroy(): void } | null }).socket;
      const stream = (res as { stream?: { close(code: number): void } }).stream;
      if (stream) stream.close(2 /* INTERNAL_ERROR */);
      else socket?.destroy();
      return true;
    }
    case 'malformed_json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"list","data":[{"id":"trunc');
      return true;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML_PAGE);
      return true;
    default:
      return false;
  }
}
