import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { compatibleSettingsSchema } from './definition';
import { verifyCompatible } from './verify';

/** GET /models, answered in-process the way a local server (Ollama, LM Studio) answers it, with a few models as one has. */
const MODEL_IDS = ['llama3.2:latest', 'qwen2.5-coder:7b', 'gemma3:4b', 'mistral:7b', 'deepseek-r1:8b', 'phi4:14b', 'nomic-embed-text:latest', 'llava:13b'];
const answers = inProcessFetch(() => ({ body: { object: 'list', data: MODEL_IDS.map((id) => ({ id, object: 'model', created: 1733000000, owned_by: 'library' })) } }));

/** `ProviderRuntime.warmUp`: the endpoint's own verification (GET /models), keyless as most local servers are, answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyCompatible(warmUpContext(compatibleSettingsSchema.parse({ name: 'Warm-up', baseUrl: `${WARM_UP_ORIGIN}/v1` }), {}, answers));

