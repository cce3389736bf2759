import { AccessDeniedException, ModelNotReadyException, ModelTimeoutException, ServiceQuotaExceededException, ThrottlingException, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { STSServiceException } from '@aws-sdk/client-sts';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import { describe, expect, it } from 'vitest';
import { classifyBedrockError, type BedrockStep } from '../../src/core/providers/bedrock/classifyError';
import { bedrockSettingsSchema } from '../../src/core/providers/bedrock/definition';
import { formatText } from '../../src/core/text';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode, requestId: 'req-1' } });
const keys = bedrockSettingsSchema.parse({});
const profile = bedrockSettingsSchema.parse({ authMode: 'profile', profile: 'work' });
const role = bedrockSettingsSchema.parse({ authMode: 'role', roleArn: 'arn:aws:iam::123456789012:role/BedrockAccess', externalId: 'byok-0011' });

function classify(err: unknown, step: BedrockStep = 'invoke', settings = keys, signal = new AbortController().signal, model = 'anthropic.claude-3-haiku-20240307-v1:0') {
  return classifyBedrockError(err, { settings, step, signal, secrets: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'], model });
}

describe('classifyBedrockError', () => {
  it('model access not granted → model_access_not_enabled, pointing to the console’s Model access page', () => {
    const e = classify(new AccessDeniedException({ message: "You don't have access to the model with the specified model ID.", ...meta(403) }));
    expect(e).toMatchObject({ kind: 'model_access_not_enabled', status: 403, code: 'AccessDeniedException', requestId: 'req-1', step: 'invoke' });
    expect(formatText(e.hint)).toContain('"Model access"');
    expect(formatText(e.hint)).toContain('anthropic.claude-3-haiku-20240307-v1:0 in us-east-1');
  });

  it('an IAM denial → permission_denied naming the missing action', () => {
    const e = classify(new AccessDeniedException({ message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:…', ...meta(403) }));
    expect(e.kind).toBe('permission_denied');
    expect(formatText(e.hint)).toContain('bedrock:InvokeModelWithResponseStream');
  });

  it('STS AccessDenied at AssumeRole → role_assumption_refused with trust policy, principal and External ID', () => {
    const err = new STSServiceException({ name: 'AccessDenied', $fault: 'client', message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/BedrockAccess', ...meta(403) });
    const e = classify(err, 'assume_role', role);
    expect(e.kind).toBe('role_assumption_refused');
    expect(formatText(e.hint)).toBe(
      'AWS refused to let arn:aws:iam::123456789012:user/dev assume arn:aws:iam::123456789012:role/BedrockAccess. In IAM, open the role’s Trust relationships: allow this principal to call sts:AssumeRole with the condition sts:ExternalId = byok-0011, then Verify again.',
    );
  });

  it('the on-demand ValidationException → needs_inference_profile with the geography’s profile id', () => {
    const e = classify(new ValidationException({ message: 'Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.', ...meta(400) }), 'chat', bedrockSettingsSchema.parse({ region: 'eu-west-3' }), undefined, 'anthropic.claude-sonnet-4-20250514-v1:0');
    expect(e.kind).toBe('needs_inference_profile');
    expect(formatText(e.hint)).toContain('eu.anthropic.claude-sonnet-4-20250514-v1:0');
  });

  it('other ValidationExceptions → model_not_found for a bad id, bad_request otherwise', () => {
    expect(classify(new ValidationException({ message: 'The provided model identifier is invalid.', ...meta(400) })).kind).toBe('model_not_found');
    expect(classify(new ValidationException({ message: 'A conversation must alternate between user and assistant roles.', ...meta(400) })).kind).toBe('bad_request');
  });

  it('throttling, quotas, not-ready and model timeouts', () => {
    expect(classify(new ThrottlingException({ message: 'Too many requests', ...meta(429) })).kind).toBe('rate_limited');
    expect(classify(new ServiceQuotaExceededException({ message: 'quota', ...meta(400) })).kind).toBe('quota_exhausted');
    expect(classify(new ModelNotReadyException({ message: 'Model is not ready', ...meta(429) })).kind).toBe('overloaded');
    expect(classify(new ModelTimeoutException({ message: 'Model has timed out', ...meta(408) })).kind).toBe('timeout');
  });

  it('an expired SSO session → credentials_expired with the aws sso login command for the profile', () => {
    const e = classify(new TokenProviderError("The SSO session token associated with profile=work was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile."), 'credentials', profile);
    expect(e.kind).toBe('credentials_expired');
    expect(formatText(e.hint)).toContain('aws sso login --profile work');
  });

  it('a profile without credentials → missing_credentials', () => {
    const e = classify(new CredentialsProviderError('Could not resolve credentials using profile: [work] in configuration/credentials file(s).'), 'credentials', profile);
    expect(e.kind).toBe('missing_credentials');
    expect(formatText(e.hint)).toContain('profile work');
  });

  it('reads timeout vs cancel from the signal’s reason, whatever the SDK threw', () => {
    const timedOut = new AbortController();
    timedOut.abort(Object.assign(new Error('No answer within 15000 ms'), { name: 'TimeoutError' }));
    const cancelled = new AbortController();
    cancelled.abort(Object.assign(new Error('Verification cancelled'), { name: 'AbortError' }));
    const sdkAbort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(classify(sdkAbort, 'identity', keys, timedOut.signal).kind).toBe('timeout');
    expect(classify(sdkAbort, 'identity', keys, cancelled.signal).kind).toBe('cancelled');
  });

  it('redacts secrets that appear in an SDK message', () => {
    const e = classify(new ValidationException({ message: 'bad header wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and AKIAIOSFODNN7EXAMPLE', ...meta(400) }));
    expect(e.message).not.toContain('wJalrXUtnFEMI');
    expect(e.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});
