import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmedUp, warmUpContext } from '../warmUp';
import { compatibleSettingsSchema } from './definition';
import { verifyCompatible } from './verify';

/** GET /models, answered in-process the way a local server (Ollama, LM Studio) answers it. */
const answers = inProcessFetch(() => ({ body: { object: 'list', data: [{ id: 'llama3.2:latest', object: 'model', created: 1733000000, owned_by: 'library' }] } }));

/** What a warm-up runs: the endpoint's own verification (GET /models), keyless as most local servers are, answered in-process. Exported so a test can see it take the success path. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyCompatible(warmUpContext(compatibleSettingsSchema.parse({ name: 'Warm-up', baseUrl: `${WARM_UP_ORIGIN}/v1` }), {}, answers));

/** `ProviderRuntime.warmUp`: the verification above once, its outcome dropped. */
export const warmUpCompatible = (): Promise<void> => warmedUp(warmUpVerification);
