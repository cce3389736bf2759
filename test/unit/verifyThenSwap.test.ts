import { beforeEach, describe, expect, it } from 'vitest';
import { whyNotServed } from '../../src/core/chat/servedModels';
import { providerError } from '../../src/core/errors/providerError';
import type { CallContext, ProviderRuntime } from '../../src/core/providers/types';
import type { CredentialStore } from '../../src/core/store/credentialStore';
import { text } from '../../src/core/text';
import type { VerifyOutcome } from '../../src/core/verify/result';
import type { ModelsController } from '../../src/host/modelsController';
import type { ProviderView, ToPage } from '../../src/protocol/messages';
import { pageHarness } from '../support/pageHarness';

/**
 * FAKE Bedrock runtime (the store's and controller's rule is under test, not Bedrock, which the
 * integration tests check against the simulator): access keys verify, a named profile does not
 * (as when the SSO session of that profile has expired).
 */
function bedrockLike(): ProviderRuntime & { modesSeen: string[] } {
  const runtime = {
    modesSeen: [] as string[],
    async verify(ctx: CallContext): Promise<VerifyOutcome> {
      const mode = (ctx.settings as { authMode: string }).authMode;
      runtime.modesSeen.push(mode);
      if (mode === 'accessKeys' && ctx.secrets.accessKeyId) {
        return { ok: true, stages: [{ id: 'identity', ok: true, label: text('Signed in'), latencyMs: 1 }], proven: { keyValid: true }, models: [{ id: 'anthropic.claude-sonnet' }] };
      }
      return {
        ok: false,
        stages: [],
        proven: {},
        models: [],
        error: providerError('credentials_expired', { provider: 'AWS Bedrock', message: 'The SSO session for profile dev has expired' }),
      };
    },
    async *streamChat() {},
    async countTokens() {
      return 0;
    },
  };
  return runtime;
}

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('verify-then-swap covers settings: a failed auth-mode switch changes nothing that works', () => {
  let store: CredentialStore;
  let runtime: ReturnType<typeof bedrockLike>;
  let posted: ToPage[];
  let controller: ModelsController;

  beforeEach(async () => {
    runtime = bedrockLike();
    ({ store, posted, controller } = pageHarness({ timeoutMs: 1000, loadRuntime: async () => runtime }));
    // The working setup: access keys, verified, one model enabled for chat.
    await controller.handle({ type: 'verify', providerId: 'bedrock', settings: { authMode: 'accessKeys', region: 'us-east-1' }, secrets: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
    await controller.handle({ type: 'setEnabledModels', providerId: 'bedrock', models: ['anthropic.claude-sonnet'] });
  });

  const lastView = (): ProviderView => {
    for (let i = posted.length - 1; i >= 0; i--) {
      const m = posted[i]!;
      if (m.type === 'provider' && m.provider.id === 'bedrock') return m.provider;
    }
    throw new Error('no view of bedrock was posted');
  };
  const inChat = async () => whyNotServed(store, 'bedrock', 'anthropic.claude-sonnet', (await store.resolve('bedrock')).fingerprint);

  it('starts verified and in chat', async () => {
    expect(lastView().lastResult?.ok).toBe(true);
    expect(await inChat()).toBeUndefined();
  });

  it('a failed Verify of "Profile (SSO)" leaves access keys active, verified and in chat; the page shows the staged change', async () => {
    await controller.handle({ type: 'verify', providerId: 'bedrock', settings: { authMode: 'profile', profile: 'dev', region: 'us-east-1' }, secrets: {} });
    expect(runtime.modesSeen).toEqual(['accessKeys', 'profile']);
    const view = lastView();
    expect(view.settings).toMatchObject({ authMode: 'accessKeys' });
    expect(view.stagedSettings).toMatchObject({ authMode: 'profile', profile: 'dev' });
    expect(view.lastResult?.ok).toBe(true);
    expect(view.rejectedDraft?.error?.kind).toBe('credentials_expired');
    expect(view.secrets.accessKeyId?.present).toBe(true);
    expect(await inChat()).toBeUndefined();
    expect((await store.resolve('bedrock')).settings).toMatchObject({ authMode: 'accessKeys' });
  });

  it('Revert drops the staged change; the form shows the working settings again', async () => {
    await controller.handle({ type: 'verify', providerId: 'bedrock', settings: { authMode: 'profile', profile: 'dev', region: 'us-east-1' }, secrets: {} });
    await controller.handle({ type: 'revert', providerId: 'bedrock' });
    const view = lastView();
    expect(view.stagedSettings).toBeUndefined();
    expect(view.rejectedDraft).toBeUndefined();
    expect(view.settings).toMatchObject({ authMode: 'accessKeys' });
    expect(view.lastResult?.ok).toBe(true);
    expect(await inChat()).toBeUndefined();
  });

  it('a change that verifies is applied only then: a new region waits for the user to let the keys go there', async () => {
    await controller.handle({ type: 'verify', providerId: 'bedrock', settings: { authMode: 'accessKeys', region: 'eu-west-1' }, secrets: {} });
    let view = lastView();
    expect(runtime.modesSeen).toEqual(['accessKeys']); // the stored keys were not sent to the new region
    expect(view.endpointChanged).toBe(true);
    expect(view.settings).toMatchObject({ region: 'us-east-1' });
    expect(await inChat()).toBeUndefined();

    await controller.handle({ type: 'confirmEndpoint', providerId: 'bedrock' });
    view = lastView();
    expect(view.settings).toMatchObject({ region: 'eu-west-1' });
    expect(view.stagedSettings).toBeUndefined();
    expect(view.endpointChanged).toBe(false);
    expect(view.lastResult?.ok).toBe(true);
    expect(await inChat()).toBeUndefined();
  });

  it('a staged IAM role shows its External ID at once: the trust policy needs it before the role can verify', async () => {
    const roleArn = 'arn:aws:iam::123456789012:role/BedrockAccess';
    await controller.handle({ type: 'verify', providerId: 'bedrock', settings: { authMode: 'role', roleArn, roleSource: 'accessKeys', region: 'us-east-1' }, secrets: {} });
    const view = lastView();
    expect(view.stagedSettings).toMatchObject({ authMode: 'role', roleArn });
    expect(view.externalId).toMatch(/^byok-[0-9a-f]{32}$/);
    expect(view.settings).toMatchObject({ authMode: 'accessKeys' });
  });

  it('Save (without verifying) applies the settings and drops what a Verify staged', async () => {
    await controller.handle({ type: 'verify', providerId: 'bedrock', settings: { authMode: 'profile', profile: 'dev', region: 'us-east-1' }, secrets: {} });
    await controller.handle({ type: 'save', providerId: 'bedrock', settings: { authMode: 'profile', profile: 'dev', region: 'us-east-1' }, secrets: {} });
    const view = lastView();
    expect(view.settings).toMatchObject({ authMode: 'profile' });
    expect(view.stagedSettings).toBeUndefined();
    expect(await inChat()).toBe('settings_changed');
  });
});
