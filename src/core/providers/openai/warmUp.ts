import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { openAISettingsSchema } from './definition';
import { verifyOpenAI } from './verify';

/** GET /models, answered in-process the way api.openai.com answers it. */
const answers = inProcessFetch(() => ({ body: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' }] } }));

/** `ProviderRuntime.warmUp`: OpenAI's own verification (GET /models), answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyOpenAI(warmUpContext(openAISettingsSchema.parse({ baseUrl: `${WARM_UP_ORIGIN}/v1` }), { apiKey: 'sk-warm-up' }, answers));

