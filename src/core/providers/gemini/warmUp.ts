import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { geminiSettingsSchema } from './definition';
import { verifyGemini } from './verify';

/** GET /v1beta/models, answered in-process the way the Gemini API answers it. */
const answers = inProcessFetch(() => ({
  body: {
    models: [
      {
        name: 'models/gemini-2.5-flash',
        displayName: 'Gemini 2.5 Flash',
        inputTokenLimit: 1048576,
        outputTokenLimit: 65536,
        supportedGenerationMethods: ['generateContent', 'countTokens'],
      },
    ],
  },
}));

/** `ProviderRuntime.warmUp`: Gemini's own verification (GET /v1beta/models), answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyGemini(warmUpContext(geminiSettingsSchema.parse({ baseUrl: WARM_UP_ORIGIN }), { apiKey: 'AIza-warm-up' }, answers));

