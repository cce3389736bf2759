import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmedUp, warmUpContext } from '../warmUp';
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

/** What a warm-up runs: Gemini's own verification (GET /v1beta/models), answered in-process. Exported so a test can see it take the success path. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyGemini(warmUpContext(geminiSettingsSchema.parse({ baseUrl: WARM_UP_ORIGIN }), { apiKey: 'AIza-warm-up' }, answers));

/** `ProviderRuntime.warmUp`: the verification above once, its outcome dropped. */
export const warmUpGemini = (): Promise<void> => warmedUp(warmUpVerification);
