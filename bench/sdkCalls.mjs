// The calls our Verify makes, made with each provider's official SDK alone (the request lists in
// the comments are what the simulator records for our Verify). The SDKs load inside each call
// (`import()`: bundled, each is a chunk of its own, as our provider runtimes are), so a fresh
// process's first call includes loading them, as our cold Verify does; the clients are built on
// the first call and reused after, as an application using the SDK would.

/** `profile`: one provider's `{ settings, secrets }` from `simulatorProfiles`. */
export function sdkCallFor(id, { settings, secrets }) {
  const clients = {};
  const once = (name, build) => (clients[name] ??= build());
  const calls = {
    // GET /v1/models
    openai: async () => {
      const { default: OpenAI } = await import('openai');
      await once('openai', () => new OpenAI({ apiKey: secrets.apiKey, baseURL: settings.baseUrl, maxRetries: 0 })).models.list();
    },
    // GET /v1/models?limit=1000
    anthropic: async () => {
      const { default: Anthropic } = await import('@anthropic-ai/sdk');
      await once('anthropic', () => new Anthropic({ apiKey: secrets.apiKey, baseURL: settings.baseUrl, maxRetries: 0 })).models.list({ limit: 1000 });
    },
    // GET /v1beta/models?pageSize=1000
    gemini: async () => {
      const { GoogleGenAI } = await import('@google/genai');
      const client = once('gemini', () => new GoogleGenAI({ apiKey: secrets.apiKey, httpOptions: { baseUrl: settings.baseUrl } }));
      await client.models.list({ config: { pageSize: 1000 } });
    },
    // GET /openai/models, then a 1-token chat completion on the deployment
    azure: async () => {
      const { AzureOpenAI } = await import('openai');
      const client = once('azure', () => new AzureOpenAI({ endpoint: settings.endpoint, apiKey: secrets.apiKey, apiVersion: settings.apiVersion, maxRetries: 0 }));
      await client.models.list();
      const deployment = settings.deployments[0].name;
      await client.chat.completions.create({ model: deployment, messages: [{ role: 'user', content: 'Reply with OK.' }], max_tokens: 1 });
    },
    // STS GetCallerIdentity together with ListFoundationModels + ListInferenceProfiles
    bedrock: async () => {
      const [{ STSClient, GetCallerIdentityCommand }, { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand }] = await Promise.all([
        import('@aws-sdk/client-sts'),
        import('@aws-sdk/client-bedrock'),
      ]);
      const credentials = { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey };
      const common = { region: settings.region, credentials, maxAttempts: 1 };
      const sts = once('sts', () => new STSClient({ ...common, endpoint: settings.stsEndpoint }));
      const control = once('bedrock', () => new BedrockClient({ ...common, endpoint: settings.controlEndpoint }));
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
      const { default: OpenAI } = await import('openai');
      await once('compatible', () => new OpenAI({ apiKey: 'none', baseURL: settings.baseUrl, maxRetries: 0 })).models.list();
    },
  };
  if (!calls[id]) throw new Error(`no SDK call for ${id}`);
  return calls[id];
}
