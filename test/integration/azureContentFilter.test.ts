import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatRequest } from '../../src/core/chat/types';
import type { ProviderError } from '../../src/core/errors/errorKind';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import { compatibleRuntime } from '../../src/core/providers/compatible/runtime';
import type { CallContext } from '../../src/core/providers/types';
import { formatText } from '../../src/core/text';
import { useSimulator } from './simulatorFixture';
import { collectEvents } from '../support/chatEvents';

/**
 * Azure's output content filter cutting an answer mid-stream (finish_reason "content_filter"),
 * through the real openai SDK clients the runtimes build, against the simulator's Azure routes.
 */
const sim = useSimulator();

const KEY = 'azfilterkey-sim-content_filtered-0123456789';
const PLAIN_KEY = 'azfilterplainkey0123456789abcdef';

function azureCtx(settings: Record<string, unknown> = {}, apiKey = KEY): CallContext {
  return {
    settings: { endpoint: sim.url, authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o' }], ...settings },
    secrets: { apiKey },
    timeoutMs: 5_000,
    signal: new AbortController().signal,
  };
}

const ask = (text: string, modelId = 'gpt-4o'): ChatRequest => ({ modelId, messages: [{ role: 'user', parts: [{ type: 'text', text }] }] });

const texts = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
const errors = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error] : []));
/** The line the chat view shows for an error (host: "{provider}: {message}. {hint}"). */
const shown = (error: ProviderError) => `${error.message}. ${formatText(error.hint)}`;

describe('Azure chat: an answer cut by the output content filter', () => {
  it('keeps the text streamed before the cut, then ends with one error naming the category and what to do', async () => {
    sim.setOverride('azure', { chunkDelayMs: 2 });
    const events = await collectEvents(azureRuntime.streamChat(azureCtx(), ask('the history of medieval sieges'), undefined));

    // The words Azure let through arrive as text, in order, before anything else ends the stream.
    expect(texts(events).join('')).toBe('Here is what I ');
    // The tokens were billed, so usage is still reported; the error comes once, last.
    expect(events.map((e) => e.type)).toEqual(['text', 'text', 'text', 'text', 'usage', 'error']);
    expect(events.find((e) => e.type === 'usage')).toMatchObject({ outputTokens: 4 });
    const error = errors(events)[0]!;
    expect(error).toMatchObject({ kind: 'bad_request', code: 'content_filter', step: 'chat gpt-4o' });
    expect(error.message).toBe('The answer was stopped by Azure OpenAI’s content filter (hate, severity medium)');
    expect(formatText(error.hint)).toBe('Rephrase the request, or adjust the content filter configuration of deployment gpt-4o in Azure AI Foundry.');
    expect(JSON.stringify(error)).not.toContain(KEY);

    // What reached the wire: a streamed request through the classic deployment route.
    const request = sim.requests.find((r) => r.provider === 'azure' && r.method === 'POST');
    expect(request?.path).toBe('/openai/deployments/gpt-4o/chat/completions');
    expect(request?.scenario).toBe('content_filtered');
  });

  it('works the same on the /openai/v1/ surface, with the scenario set for the whole provider', async () => {
    sim.setOverride('azure', { scenario: 'content_filtered' });
    const events = await collectEvents(azureRuntime.streamChat(azureCtx({ endpoint: `${sim.url}/openai/v1/` }, PLAIN_KEY), ask('castles'), undefined));
    expect(texts(events).join('')).toBe('Here is what I ');
    const error = errors(events)[0]!;
    expect(shown(error)).toMatch(/^The answer was stopped by Azure OpenAI’s content filter \(hate, severity medium\)\. Rephrase the request/);
    expect(JSON.stringify(events)).not.toContain(PLAIN_KEY);
    expect(sim.requests.find((r) => r.method === 'POST')?.path).toBe('/openai/v1/chat/completions');
  });

  it('an answer that is not filtered ends without an error', async () => {
    const events = await collectEvents(azureRuntime.streamChat(azureCtx({}, PLAIN_KEY), ask('castles'), undefined));
    expect(texts(events).join('')).toBe('Hello from Azure deployment gpt-4o. You said: castles');
    expect(errors(events)).toEqual([]);
  });

  it('a prompt blocked with 400 yields no text and one error that names the prompt, not the answer', async () => {
    const events = await collectEvents(azureRuntime.streamChat(azureCtx({}, PLAIN_KEY), ask('please trigger content filter'), undefined));
    expect(texts(events)).toEqual([]);
    expect(events).toHaveLength(1);
    const error = errors(events)[0]!;
    expect(error).toMatchObject({ kind: 'bad_request', code: 'content_filter', status: 400 });
    expect(error.message).toMatch(/prompt triggering Azure OpenAI's content management policy/);
    expect(formatText(error.hint)).toMatch(/content filter blocked the prompt.*deployment gpt-4o/);
    expect(JSON.stringify(error)).not.toContain(PLAIN_KEY);
  });
});

describe('OpenAI-compatible endpoint in front of Azure: the same cut is reported once, by the shared stream handling', () => {
  it('names the endpoint and the category, with the generic hint', async () => {
    // A gateway set up as OpenAI-compatible, passing the Azure key as an extra header.
    const ctx: CallContext = {
      settings: { name: 'Company gateway', baseUrl: `${sim.url}/openai/v1`, models: ['gpt-4o'] },
      secrets: { extraHeaders: `api-key: ${KEY}` },
      timeoutMs: 5_000,
      signal: new AbortController().signal,
    };
    const events = await collectEvents(compatibleRuntime.streamChat(ctx, ask('castles'), undefined));
    expect(texts(events).join('')).toBe('Here is what I ');
    expect(errors(events)).toHaveLength(1);
    const error = errors(events)[0]!;
    expect(error).toMatchObject({ kind: 'bad_request', code: 'content_filter' });
    expect(shown(error)).toBe(
      'The answer was stopped by Company gateway’s content filter (hate, severity medium). Rephrase the request and try again. The filter is part of Company gateway; this extension cannot change it.',
    );
    expect(JSON.stringify(events)).not.toContain(KEY);
    expect(sim.requests.find((r) => r.method === 'POST')).toMatchObject({ provider: 'azure', path: '/openai/v1/chat/completions' });
  });
});
