import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { openAISettingsSchema } from './definition';
import { verifyOpenAI } from './verify';

/**
 * GET /models, answered in-process the way api.openai.com answers it: a list of the kinds it holds
 * (chat, reasoning, embedding, audio, image), so the listing's filters run on more than one entry
 * and are compiled as for a user's answer.
 */
const MODEL_IDS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-5', 'gpt-5-mini', 'o3', 'o4-mini', 'gpt-3.5-turbo', 'text-embedding-3-small', 'whisper-1', 'tts-1', 'dall-e-3', 'gpt-image-1', 'omni-moderation-latest'];
const answers = inProcessFetch(() => ({ body: { object: 'list', data: MODEL_IDS.map((id) => ({ id, object: 'model', created: 1721172741, owned_by: 'system' })) } }));

/** `ProviderRuntime.warmUp`: OpenAI's own verification (GET /models), answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyOpenAI(warmUpContext(openAISettingsSchema.parse({ baseUrl: `${WARM_UP_ORIGIN}/v1` }), { apiKey: 'sk-warm-up' }, answers));

