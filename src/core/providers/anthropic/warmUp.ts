import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { anthropicSettingsSchema } from './definition';
import { verifyAnthropic } from './verify';

/** GET /v1/models, answered in-process the way api.anthropic.com answers it. */
const answers = inProcessFetch(() => ({
  body: {
    data: [{ type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' }],
    has_more: false,
    first_id: 'claude-sonnet-4-5',
    last_id: 'claude-sonnet-4-5',
  },
}));

/** `ProviderRuntime.warmUp`: Anthropic's own verification (GET /v1/models), answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyAnthropic(warmUpContext(anthropicSettingsSchema.parse({ baseUrl: WARM_UP_ORIGIN }), { apiKey: 'sk-ant-warm-up' }, answers));

