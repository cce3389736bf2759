// Provider configurations that point every provider kind at a running simulator, as a user
// would configure them (base URL / endpoint overrides). Used by the benchmark and the sandbox.
// Keys are sandbox keys: the simulator accepts any key without a `sim-<scenario>` marker.

/** Simulator route names used with `/__sim/override` for each provider id. */
export const simulatorRouteOf = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  azure: 'azure',
  bedrock: 'aws',
  'compatible.sandbox-ollama': 'compatible',
};

/**
 * `origins`: the simulator's URL, or several URLs of it (one per provider, in the order below, reused
 * when fewer): the benchmark gives each provider its own origin, as on a user's machine.
 */
export function simulatorProfiles(origins) {
  const list = Array.isArray(origins) ? origins : [origins];
  const [openai, anthropic, gemini, azure, bedrock, compatible] = [0, 1, 2, 3, 4, 5].map((i) => list[i % list.length]);
  return {
    openai: { settings: { baseUrl: `${openai}/v1` }, secrets: { apiKey: 'sk-sandbox-openai-0000' } },
    anthropic: { settings: { baseUrl: anthropic }, secrets: { apiKey: 'sk-ant-sandbox-0000' } },
    gemini: { settings: { baseUrl: gemini }, secrets: { apiKey: 'AIza-sandbox-gemini-0000' } },
    azure: {
      settings: { endpoint: azure, authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o-mini' }] },
      secrets: { apiKey: 'azure-sandbox-key-0000' },
    },
    bedrock: {
      settings: {
        authMode: 'accessKeys',
        region: 'us-east-1',
        runtimeEndpoint: bedrock,
        controlEndpoint: bedrock,
        stsEndpoint: bedrock,
      },
      // AWS's documented example key pair, which the simulator knows (test/simulator/aws/keys.ts).
      secrets: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    },
    'compatible.sandbox-ollama': {
      settings: { name: 'Sandbox Ollama', baseUrl: `${compatible}/ollama/v1`, models: [] },
      secrets: {},
    },
  };
}
