import http from 'node:http';
import net from 'node:net';
import { streamWithIdleLimit } from '../../src/core/chat/idleLimit';
import type { ChatEvent } from '../../src/core/chat/types';
import { kindOfId, type ProviderId } from '../../src/core/providers/kinds';
import { providerDefinitions } from '../../src/core/providers/registry';
import { CredentialStore } from '../../src/core/store/credentialStore';
import { Verifier } from '../../src/core/verify/verifier';
import { MemoryKeyValue, MemorySecrets } from '../support/memoryPorts';
import { DEV_KEYS } from './bedrockHarness';

/**
 * One stored configuration per provider (and auth path), pointed at the simulator, for tests that
 * run the same user-visible check on every provider (not a test file itself).
 */
export interface ProviderCase {
  name: string;
  id: ProviderId;
  /** The simulator route whose answers the test redirects or stalls. */
  simProvider: string;
  settings(simUrl: string): Record<string, unknown>;
  /** Fresh secrets per call: Entra credentials (and MSAL's token cache) are kept per secret. */
  secrets(): Record<string, string>;
  chatModel: string;
  /** A path part only the model Test (Verify's stage 2) requests; none where the first call already is the model call (Azure). */
  modelCheckPath?: string;
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
let counter = 0;

export const PROVIDER_CASES: ProviderCase[] = [
  { name: 'OpenAI', id: 'openai', simProvider: 'openai', settings: (url) => ({ baseUrl: `${url}/v1` }), secrets: () => ({ apiKey: 'sk-proj-CANARYopenai0123456789abcdef' }), chatModel: 'gpt-4o-mini', modelCheckPath: '/chat/completions' },
  { name: 'Anthropic', id: 'anthropic', simProvider: 'anthropic', settings: (url) => ({ baseUrl: url }), secrets: () => ({ apiKey: 'sk-ant-api03-CANARYanthropic0123456789' }), chatModel: 'claude-haiku-4-5', modelCheckPath: '/v1/messages' },
  { name: 'Gemini', id: 'gemini', simProvider: 'gemini', settings: (url) => ({ baseUrl: url }), secrets: () => ({ apiKey: 'AIzaSyCANARYgemini0123456789abcdefghij' }), chatModel: 'gemini-2.5-flash', modelCheckPath: ':countTokens' },
  {
    name: 'Azure OpenAI (key)',
    id: 'azure',
    simProvider: 'azure',
    settings: (url) => ({ endpoint: url, deployments: [{ name: 'gpt-4o' }] }),
    secrets: () => ({ apiKey: 'azkeyCANARYazure0123456789abcdef' }),
    chatModel: 'gpt-4o',
  },
  {
    name: 'Azure OpenAI (Entra ID token endpoint)',
    id: 'azure',
    simProvider: 'azure-entra',
    settings: (url) => ({ endpoint: url, authMode: 'entraId', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o' }], tenantId: TENANT, clientId: 'redirect-test-app', authorityHost: url }),
    secrets: () => ({ clientSecret: `Q~CANARYentra${++counter}abcdefghijklmnop` }),
    chatModel: 'gpt-4o',
  },
  {
    name: 'Bedrock',
    id: 'bedrock',
    simProvider: 'aws',
    settings: (url) => ({ authMode: 'accessKeys', region: 'us-west-2', runtimeEndpoint: url, controlEndpoint: url, stsEndpoint: url }),
    secrets: () => ({ ...DEV_KEYS }),
    chatModel: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    modelCheckPath: '/converse',
  },
  {
    name: 'OpenAI-compatible (key and extra header)',
    id: 'compatible.gateway',
    simProvider: 'compatible',
    settings: (url) => ({ name: 'Gateway', baseUrl: `${url}/ollama/v1`, models: [] }),
    secrets: () => ({ apiKey: 'sk-gw-CANARYcompatible0123456789', extraHeaders: 'X-Gateway-Key: gwCANARYheader0123456789' }),
    chatModel: 'llama3.2:latest',
    modelCheckPath: '/chat/completions',
  },
];

/** A store holding this case's configuration, and the verifier a Verify click runs, with the given timeout. */
export async function storedCase(c: ProviderCase, simUrl: string, timeoutMs = 5_000) {
  const store = new CredentialStore(new MemorySecrets(), new MemoryKeyValue(), new MemoryKeyValue());
  const secrets = c.secrets();
  const saved = await store.save(c.id, c.settings(simUrl), secrets);
  if (!saved.ok) throw new Error(`could not store ${c.name}: ${JSON.stringify(saved)}`);
  return { store, secrets, verifier: new Verifier({ store, timeoutMs: () => timeoutMs }) };
}

/** A chat request the way the chat provider sends it: the stored configuration, the lazily loaded runtime, the idle limit. */
export async function chatThroughStore(store: CredentialStore, c: ProviderCase, idleMs = 60_000): Promise<ChatEvent[]> {
  const resolved = await store.resolve(c.id);
  const runtime = await providerDefinitions[kindOfId(c.id)].loadRuntime();
  const request = { modelId: c.chatModel, messages: [{ role: 'user' as const, parts: [{ type: 'text' as const, text: 'Tell me a long story' }] }] };
  const events: ChatEvent[] = [];
  const stream = streamWithIdleLimit((signal) => runtime.streamChat({ settings: resolved.settings, secrets: resolved.secrets, timeoutMs: 600_000, signal }, request, undefined), {
    signal: new AbortController().signal,
    idleMs,
    provider: resolved.displayName,
  });
  for await (const event of stream) events.push(event);
  return events;
}

export interface RecordingServer {
  url: string;
  host: string;
  /** TCP connections it accepted: 0 means nothing at all reached it. */
  connections(): number;
  /** Every request that reached it, with its headers and body. */
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

/** Another origin (another loopback port) that records whatever reaches it and answers 200 `{}`. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordingServer['requests'] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.on('connection', (s) => {
    connections += 1;
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
