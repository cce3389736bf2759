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

export function simulatorProfiles(simUrl) {
  return {
    openai: { settings: { baseUrl: `${simUrl}/v1` }, secrets: { apiKey: 'sk-sandbox-openai-0000' } },
    anthropic: { settings: { baseUrl: simUrl }, secrets: { apiKey: 'sk-ant-sandbox-0000' } },
    gemini: { settings: { baseUrl: simUrl }, secrets: { apiKey: 'AIza-sandbox-gemini-0000' } },
    azure: {
      settings: { endpoint: simUrl, authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o-mini' }] },
      secrets: { apiKey: 'azure-sandbox-key-0000' },
    },
    bedrock: {
      settings: {
        authMode: 'accessKeys',
        region: 'us-east-1',
        runtimeEndpoint: simUrl,
        controlEndpoint: simUrl,
        stsEndpoint: simUrl,
      },
      // AWS's documented example key pair, which the simulator knows (test/simulator/aws/keys.ts).
      secrets: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    },
    'compatible.sandbox-ollama': {
      settings: { name: 'Sandbox Ollama', baseUrl: `${simUrl}/ollama/v1`, models: [] },
      secrets: {},
    },
  };
}
