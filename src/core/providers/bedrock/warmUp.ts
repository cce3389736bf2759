import type { VerifyOutcome } from '../../verify/result';
import { inProcessFetch, WARM_UP_ORIGIN, warmUpContext } from '../warmUp';
import { bedrockSettingsSchema } from './definition';
import { verifyBedrock } from './verify';

const ACCOUNT = '000000000000';

/**
 * A listing shaped like a real region's: one model of each family the capability table tells apart,
 * profile-only ones with their inference profiles, so the listing's parsing, profile matching and
 * family patterns run (and V8 compiles them) as for a user's answer, not for a single entry.
 */
const MODELS: readonly [modelId: string, profileOnly: boolean][] = [
  ['anthropic.claude-3-haiku-20240307-v1:0', false],
  ['anthropic.claude-sonnet-4-5-20250929-v1:0', true],
  ['anthropic.claude-opus-4-1-20250805-v1:0', true],
  ['amazon.nova-pro-v1:0', false],
  ['amazon.nova-2-lite-v1:0', true],
  ['amazon.titan-text-express-v1', false],
  ['meta.llama3-1-70b-instruct-v1:0', false],
  ['meta.llama4-maverick-17b-instruct-v1:0', true],
  ['mistral.mistral-large-2407-v1:0', false],
  ['mistral.pixtral-large-2502-v1:0', true],
  ['cohere.command-r-plus-v1:0', false],
  ['ai21.jamba-1-5-large-v1:0', false],
  ['deepseek.r1-v1:0', true],
];
const foundationArn = (modelId: string) => `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`;

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
    return {
      body: {
        inferenceProfileSummaries: MODELS.filter(([, profileOnly]) => profileOnly).map(([modelId]) => ({
          inferenceProfileName: `US ${modelId}`,
          inferenceProfileId: `us.${modelId}`,
          inferenceProfileArn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${modelId}`,
          models: [{ modelArn: foundationArn(modelId) }],
          status: 'ACTIVE',
          type: 'SYSTEM_DEFINED',
          createdAt: '2025-09-29T00:00:00Z',
          updatedAt: '2025-09-29T00:00:00Z',
        })),
      },
    };
  }
  return {
    body: {
      modelSummaries: MODELS.map(([modelId, profileOnly]) => ({
        modelArn: foundationArn(modelId),
        modelId,
        modelName: modelId,
        providerName: modelId.slice(0, modelId.indexOf('.')),
        inputModalities: ['TEXT'],
        outputModalities: ['TEXT'],
        responseStreamingSupported: true,
        customizationsSupported: [],
        inferenceTypesSupported: [profileOnly ? 'INFERENCE_PROFILE' : 'ON_DEMAND'],
        modelLifecycle: { status: 'ACTIVE' },
      })),
    },
  };
});

/** `ProviderRuntime.warmUp`: Bedrock's own verification (access keys), signed and answered in-process. */
export const warmUpVerification = (): Promise<VerifyOutcome> =>
  verifyBedrock(
    warmUpContext(
      bedrockSettingsSchema.parse({ authMode: 'accessKeys', region: 'us-east-1', runtimeEndpoint: WARM_UP_ORIGIN, controlEndpoint: WARM_UP_ORIGIN, stsEndpoint: WARM_UP_ORIGIN }),
      { accessKeyId: 'AKIAWARMUP0000000000', secretAccessKey: 'warm-up' },
      answers,
    ),
  );

