import { defineConfig } from 'vitest/config';

// Provider SDKs read these from the environment; scrub them so a developer's shell cannot change a test's result.
const scrubbedEnv = Object.fromEntries(
  Object.keys(process.env)
    .filter((k) => /^(OPENAI_|ANTHROPIC_|GEMINI_|GOOGLE_API_KEY|AZURE_|AWS_)/.test(k))
    .map((k) => [k, '']),
);

export default defineConfig({
  test: {
    env: { ...scrubbedEnv, AWS_CONFIG_FILE: '/nonexistent/aws-config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 30_000 } },
    ],
  },
});
