import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { anthropicSettingsSchema } from './definition';
import { verifyAnthropic } from './verify';

/** GET /v1/models, answered in-process the way api.anthropic.com answers it, with as many models as it lists. */
const MODEL_IDS = ['claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1', 'claude-opus-4-0', 'claude-sonnet-4-0', 'claude-3-7-sonnet-latest', 'claude-3-5-haiku-latest', 'claude-3-haiku-20240307'];
const answers = inProcessFetch(() => ({
  body: {
    data: MODEL_IDS.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' })),
    has_more: false,
    first_id: MODEL_IDS[0],
    last_id: MODEL_IDS[MODEL_IDS.length - 1],
  },
}));

/** `ProviderRuntime.warmUp`: Anthropic's own verification (GET /v1/models), answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyAnthropic(warmUpContext(anthropicSettingsSchema.parse({ baseUrl: WARM_UP_ORIGIN }), { apiKey: 'sk-ant-warm-up' }, answers));

