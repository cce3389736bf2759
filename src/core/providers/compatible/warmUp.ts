import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { compatibleSettingsSchema } from './definition';
import { verifyCompatible } from './verify';

/** GET /models, answered in-process the way a local server (Ollama, LM Studio) answers it. */
const answers = inProcessFetch(() => ({ body: { object: 'list', data: [{ id: 'llama3.2:latest', object: 'model', created: 1733000000, owned_by: 'library' }] } }));

/** `ProviderRuntime.warmUp`: the endpoint's own verification (GET /models), keyless as most local servers are, answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyCompatible(warmUpContext(compatibleSettingsSchema.parse({ name: 'Warm-up', baseUrl: `${WARM_UP_ORIGIN}/v1` }), {}, answers));

