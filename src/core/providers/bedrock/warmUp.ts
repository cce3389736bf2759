import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmedUp, warmUpContext } from '../warmUp';
import { bedrockSettingsSchema } from './definition';
import { verifyBedrock } from './verify';

const ACCOUNT = '000000000000';

/** STS GetCallerIdentity (XML) and the two model listings (JSON), in-process, as AWS answers them. */
const answers = inProcessFetch((url, method) => {
  if (method === 'POST') {
    return {
      headers: { 'content-type': 'text/xml' },
      body:
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        `<Arn>arn:aws:iam::${ACCOUNT}:user/warm-up</Arn><UserId>AIDAWARMUP</UserId><Account>${ACCOUNT}</Account>` +
        '</GetCallerIdentityResult><ResponseMetadata><RequestId>warm-up</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    };
  }
  if (url.pathname === '/inference-profiles') {
    const id = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    return {
      body: {
        inferenceProfileSummaries: [
          {
            inferenceProfileName: 'US Claude Sonnet 4.5',
            inferenceProfileId: id,
            inferenceProfileArn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${id}`,
            models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0' }],
            status: 'ACTIVE',
            type: 'SYSTEM_DEFINED',
            createdAt: '2025-09-29T00:00:00Z',
            updatedAt: '2025-09-29T00:00:00Z',
          },
        ],
      },
    };
  }
  return {
    body: {
      modelSummaries: [
        {
          modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
          modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
          modelName: 'Claude Sonnet 4.5',
          providerName: 'Anthropic',
          inputModalities: ['TEXT', 'IMAGE'],
          outputModalities: ['TEXT'],
          responseStreamingSupported: true,
          customizationsSupported: [],
          inferenceTypesSupported: ['INFERENCE_PROFILE'],
          modelLifecycle: { status: 'ACTIVE' },
        },
      ],
    },
  };
});

/** What a warm-up runs: Bedrock's own verification (access keys), signed and answered in-process. Exported so a test can see it take the success path. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyBedrock(
    warmUpContext(
      bedrockSettingsSchema.parse({ authMode: 'accessKeys', region: 'us-east-1', runtimeEndpoint: WARM_UP_ORIGIN, controlEndpoint: WARM_UP_ORIGIN, stsEndpoint: WARM_UP_ORIGIN }),
      { accessKeyId: 'AKIAWARMUP0000000000', secretAccessKey: 'warm-up' },
      answers,
    ),
  );

/** `ProviderRuntime.warmUp`: the verification above once, its outcome dropped. */
export const warmUpBedrock = (): Promise<void> => warmedUp(warmUpVerification);
