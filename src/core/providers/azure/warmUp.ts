import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { azureSettingsSchema } from './definition';
import { verifyAzure } from './verify';

/** The resource's models (a list of several, as a resource has) and one deployment's 1-token answer, in-process, as Azure OpenAI answers them. */
const MODEL_IDS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-4.1-mini', 'o3-mini', 'o4-mini', 'text-embedding-3-small', 'gpt-35-turbo'];
const answers = inProcessFetch((url) =>
  url.pathname.endsWith('/chat/completions')
    ? {
        body: {
          id: 'chatcmpl-warm-up',
          object: 'chat.completion',
          created: 1733000000,
          model: 'gpt-4o-mini-2024-07-18',
          choices: [{ index: 0, message: { role: 'assistant', content: 'OK' }, finish_reason: 'length' }],
          usage: { prompt_tokens: 11, completion_tokens: 1, total_tokens: 12 },
        },
      }
    : { body: { object: 'list', data: MODEL_IDS.map((id) => ({ id, object: 'model', created_at: 1721172741, status: 'succeeded' })) } },
);

/** `ProviderRuntime.warmUp`: Azure's own verification (key auth, one deployment), answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyAzure(
    warmUpContext(
      azureSettingsSchema.parse({ endpoint: WARM_UP_ORIGIN, authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o-mini' }] }),
      { apiKey: 'azure-warm-up' },
      answers,
    ),
  );

