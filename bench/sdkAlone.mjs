// The floor for a cold first verification: the provider's official SDK, loaded from node_modules
// in a fresh process with nothing of ours, making the same calls our verification makes (the
// request lists in the comments are what the simulator records for our Verify). Prints one JSON
// line like `nodeFigures.mjs cold`: total, the raw replay of the same requests, and the difference.
//   node bench/sdkAlone.mjs <simUrl> <providerId>
import { createRequire } from 'node:module';
import { clearSimRequests, replayRaw, simRequests } from './extensionInNode.mjs';
import { simulatorProfiles, simulatorRouteOf } from '../test/simulator/profiles.mjs';

const require = createRequire(import.meta.url);
const [simUrl, id] = process.argv.slice(2);
const { settings, secrets } = simulatorProfiles(simUrl)[id];

const calls = {
  // GET /v1/models
  openai: async () => {
    const { default: OpenAI } = require('openai');
    await new OpenAI({ apiKey: secrets.apiKey, baseURL: settings.baseUrl, maxRetries: 0 }).models.list();
  },
  // GET /v1/models?limit=1000
  anthropic: async () => {
    const { default: Anthropic } = require('@anthropic-ai/sdk');
    await new Anthropic({ apiKey: secrets.apiKey, baseURL: settings.baseUrl, maxRetries: 0 }).models.list({ limit: 1000 });
  },
  // GET /v1beta/models?pageSize=1000
  gemini: async () => {
    const { GoogleGenAI } = require('@google/genai');
    const client = new GoogleGenAI({ apiKey: secrets.apiKey, httpOptions: { baseUrl: settings.baseUrl } });
    await client.models.list({ config: { pageSize: 1000 } });
  },
  // GET /openai/models, then a 1-token chat completion on the deployment
  azure: async () => {
    const { AzureOpenAI } = require('openai');
    const client = new AzureOpenAI({ endpoint: settings.endpoint, apiKey: secrets.apiKey, apiVersion: settings.apiVersion, maxRetries: 0 });
    await client.models.list();
    const deployment = settings.deployments[0].name;
    await client.chat.completions.create({ model: deployment, messages: [{ role: 'user', content: 'Reply with OK.' }], max_tokens: 1 });
  },
  // STS GetCallerIdentity together with ListFoundationModels + ListInferenceProfiles
  bedrock: async () => {
    const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
    const { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand } = require('@aws-sdk/client-bedrock');
    const credentials = { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey };
    const common = { region: settings.region, credentials, maxAttempts: 1 };
    const sts = new STSClient({ ...common, endpoint: settings.stsEndpoint });
    const control = new BedrockClient({ ...common, endpoint: settings.controlEndpoint });
    await Promise.all([
      sts.send(new GetCallerIdentityCommand({})),
      Promise.all([
        control.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' })),
        control.send(new ListInferenceProfilesCommand({ maxResults: 100, typeEquals: 'SYSTEM_DEFINED' })),
      ]),
    ]);
  },
  // GET /ollama/v1/models
  'compatible.sandbox-ollama': async () => {
    const { default: OpenAI } = require('openai');
    await new OpenAI({ apiKey: 'none', baseURL: settings.baseUrl, maxRetries: 0 }).models.list();
  },
};

async function main() {
  await clearSimRequests(simUrl);
  const started = performance.now();
  await calls[id]();
  const totalMs = performance.now() - started;
  const recorded = (await simRequests(simUrl)).filter((r) => r.provider === simulatorRouteOf[id]);
  const networkMs = await replayRaw(simUrl, recorded, { fresh: true });
  return { id, totalMs, networkMs, requests: recorded.map((r) => `${r.method} ${r.path}`), beyondNetworkMs: totalMs - networkMs };
}

main()
  .then((figures) => {
    process.stdout.write(JSON.stringify(figures) + '\n');
    process.exit(0);
  })
  .catch((err) => {
    process.stderr.write(`sdk-alone ${id} failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
