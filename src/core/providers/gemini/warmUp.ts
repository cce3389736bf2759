import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { geminiSettingsSchema } from './definition';
import { verifyGemini } from './verify';

/** GET /v1beta/models, answered in-process the way the Gemini API answers it: chat models and the other kinds it lists. */
const MODELS: readonly [name: string, methods: readonly string[]][] = [
  ['gemini-2.5-flash', ['generateContent', 'countTokens']],
  ['gemini-2.5-pro', ['generateContent', 'countTokens']],
  ['gemini-2.5-flash-lite', ['generateContent', 'countTokens']],
  ['gemini-2.0-flash', ['generateContent', 'countTokens']],
  ['gemini-flash-latest', ['generateContent', 'countTokens']],
  ['gemma-3-27b-it', ['generateContent', 'countTokens']],
  ['gemini-embedding-001', ['embedContent']],
  ['imagen-4.0-generate-001', ['predict']],
];
const answers = inProcessFetch(() => ({
  body: {
    models: MODELS.map(([name, methods]) => ({
      name: `models/${name}`,
      displayName: name,
      inputTokenLimit: 1048576,
      outputTokenLimit: 65536,
      supportedGenerationMethods: methods,
    })),
  },
}));

/** `ProviderRuntime.warmUp`: Gemini's own verification (GET /v1beta/models), answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyGemini(warmUpContext(geminiSettingsSchema.parse({ baseUrl: WARM_UP_ORIGIN }), { apiKey: 'AIza-warm-up' }, answers));

