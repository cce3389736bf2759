import { expect } from 'vitest';
import type { ChatEvent } from '../../../src/core/chat/types';
import { kindOfId, type ProviderId } from '../../../src/core/providers/kinds';
import { providerDefinitions } from '../../../src/core/providers/registry';
import { pageHarness } from '../../support/pageHarness';
import type { Scenario } from '../../simulator/types';

export interface Config {
  name: string;
  id: ProviderId;
  /** The simulator's name for the provider, for provider-wide scenarios. */
  simProvider: string;
  settings(base: string): Record<string, unknown>;
  secrets(): Record<string, string>;
  /** The value that must appear in no text. */
  canary: string;
  chatModel: string;
  /** AWS throttling states no wait (no Retry-After): the hint says to wait a moment instead. */
  statesWait?: false;
  /** Faults Verify cannot see by design (Gemini tests a model with the free countTokens, which has no quota); chat reports them. */
  verifyCannotSee?: Scenario[];
}

let entraCounter = 0;

/**
 * The provider configurations the reliability suites run: each of the six providers, Azure and
 * Bedrock in both auth modes; `settings(base)` points one at the simulator or another server.
 */
export function providerConfigs(simUrl: () => string): Config[] {
  return [
  { name: 'OpenAI', id: 'openai', simProvider: 'openai', settings: (b) => ({ baseUrl: `${b}/v1` }), secrets: () => ({ apiKey: 'sk-proj-FAULTcanary0123456789abcdef' }), canary: 'FAULTcanary0123456789abcdef', chatModel: 'gpt-4o-mini' },
  { name: 'Anthropic', id: 'anthropic', simProvider: 'anthropic', settings: (b) => ({ baseUrl: b }), secrets: () => ({ apiKey: 'sk-ant-api03-FAULTcanary0123456789abcdef' }), canary: 'FAULTcanary0123456789abcdef', chatModel: 'claude-haiku-4-5' },
  { name: 'Gemini', id: 'gemini', simProvider: 'gemini', settings: (b) => ({ baseUrl: b }), secrets: () => ({ apiKey: 'AIzaFAULTcanary0123456789abcdefghij' }), canary: 'FAULTcanary0123456789abcdef', chatModel: 'gemini-2.5-flash', verifyCannotSee: ['quota_exhausted'] },
  { name: 'Azure (key)', id: 'azure', simProvider: 'azure', settings: (b) => ({ endpoint: b, deployments: [{ name: 'gpt-4o' }] }), secrets: () => ({ apiKey: 'FAULTcanary0123456789abcdefAzure' }), canary: 'FAULTcanary0123456789abcdef', chatModel: 'gpt-4o' },
  {
    name: 'Azure (Entra ID)',
    id: 'azure',
    simProvider: 'azure',
    settings: (b) => ({ endpoint: b, authMode: 'entraId', deployments: [{ name: 'gpt-4o' }], tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '3f1c2a4e-app-client-id', authorityHost: b }),
    // A fresh secret per cell: MSAL caches tokens per secret.
    secrets: () => ({ clientSecret: `Q~FAULTcanary0123456789abcdef${++entraCounter}` }),
    canary: 'FAULTcanary0123456789abcdef',
    chatModel: 'gpt-4o',
  },
  {
    name: 'Bedrock (keys)',
    id: 'bedrock',
    simProvider: 'aws',
    settings: (b) => ({ authMode: 'accessKeys', region: 'us-east-1', runtimeEndpoint: b, controlEndpoint: b, stsEndpoint: b }),
    secrets: () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
    canary: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    chatModel: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    statesWait: false,
  },
  {
    name: 'Bedrock (role)',
    id: 'bedrock',
    simProvider: 'aws',
    settings: (b) => ({ authMode: 'role', roleSource: 'accessKeys', roleArn: 'arn:aws:iam::123456789012:role/BedrockAccess', region: 'us-east-1', runtimeEndpoint: b, controlEndpoint: b, stsEndpoint: b }),
    secrets: () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
    canary: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    chatModel: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    statesWait: false,
  },
  {
    name: 'OpenAI-compatible',
    id: 'compatible.gateway',
    simProvider: 'compatible',
    settings: (b) => ({ name: 'Gateway', baseUrl: b === simUrl() ? `${b}/openai-gateway/v1` : `${b}/v1`, models: [] }),
    secrets: () => ({ apiKey: 'gw-FAULTcanary0123456789abcdef' }),
    canary: 'FAULTcanary0123456789abcdef',
    chatModel: 'gpt-4o-mini',
  },
];
}

/** The Models page's host side with `config` saved against `base` (the simulator, or a server in front of it). */
export async function savedProvider(config: Config, base: string, timeoutMs: number) {
  const page = pageHarness({ timeoutMs });
  if (config.id.startsWith('compatible.')) await page.store.addCompatible('Gateway', `${base}/v1`);
  const saved = await page.store.save(config.id, config.settings(base), config.secrets());
  expect(saved).toEqual({ ok: true });
  return page;
}

/** One short chat answer from the stored provider, every event as the chat view would get it. */
export async function chatOnce(page: ReturnType<typeof pageHarness>, config: Config, timeoutMs: number): Promise<ChatEvent[]> {
  const resolved = await page.store.resolve(config.id);
  expect(resolved.problem).toBeUndefined();
  const runtime = await providerDefinitions[kindOfId(config.id)].loadRuntime();
  const events: ChatEvent[] = [];
  const request = { modelId: config.chatModel, messages: [{ role: 'user' as const, parts: [{ type: 'text' as const, text: 'Say hello' }] }] };
  const ctx = { settings: resolved.settings, secrets: resolved.secrets, timeoutMs, signal: AbortSignal.timeout(timeoutMs * 4) };
  for await (const event of runtime.streamChat(ctx, request, undefined)) events.push(event);
  return events;
}
