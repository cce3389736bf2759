import { kindOfId, type ProviderId } from '../core/providers/kinds';
import { providerDefinitions } from '../core/providers/registry';
import { rotatedSecretField } from '../core/store/keyRotation';
import { officialSettings, validateSecret } from '../core/store/secretValidation';
import { testModel } from '../core/verify/testModel';
import type { ModelsControllerDeps } from './modelsController';
import { typedSecrets } from './modelsPageInput';
import type { ModelsPageView } from './modelsPageView';
import type { SaveAndVerify } from './saveAndVerify';

type RotationDeps = Pick<ModelsControllerDeps, 'store' | 'verifier' | 'refreshChatModels'>;

/** The page's Rotate key and fallback key: a new key replaces or backs up the working one only once it works. */
export class KeyRotationPage {
  constructor(
    private readonly deps: RotationDeps,
    private readonly page: ModelsPageView,
    private readonly checks: Pick<SaveAndVerify, 'verifyChanged'>,
  ) {}

  /**
   * Rotate key: the new key is verified against the working settings and swapped in one step
   * (answers already streaming finish on the old key). Then the checklist: revoke the old key,
   * and a tiny test call with the new key to one enabled model.
   */
  async rotateKey(id: ProviderId, secrets: Record<string, string>): Promise<void> {
    const { store } = this.deps;
    const { page } = this;
    page.rotations.delete(id);
    const settings = store.rawSettings(id) ?? {};
    const outcome = await this.checks.verifyChanged(id, { settings, secrets: typedSecrets(secrets) }, { newSecretRequired: rotatedSecretField(id, settings) });
    if (outcome.status !== 'checked' || !outcome.swapped) return;
    const modelId = store.enabledModels(id)[0];
    page.rotations.set(id, { rotatedAt: outcome.result.verifiedAt, modelId, modelTest: modelId ? 'running' : undefined });
    await page.refreshProvider(id);
    if (!modelId) return;
    const tested = await testModel(store, this.deps.verifier, id, modelId);
    const row = tested?.modelResults?.[modelId];
    page.rotations.set(id, { rotatedAt: outcome.result.verifiedAt, modelId, modelTest: row?.ok ? 'ok' : 'failed' });
    this.deps.refreshChatModels();
    await page.refreshProvider(id);
  }

  /** The checklist is done with (or not wanted). */
  async dismissRotation(id: ProviderId): Promise<void> {
    this.page.rotations.delete(id);
    await this.page.refreshProvider(id);
  }

  /**
   * The fallback key is checked with the working settings before it is kept; a key that fails is
   * not stored, and the message says why. `saved` answers with the field `fallbackKey`.
   */
  async setFallbackKey(id: ProviderId, value: string): Promise<void> {
    const { store, verifier } = this.deps;
    const field = rotatedSecretField(id, store.rawSettings(id));
    const spec = providerDefinitions[kindOfId(id)].secretFields.find((f) => f.id === field)!;
    const checked = validateSecret(spec, value, store.rawSettings(id)?.baseUrl, officialSettings(providerDefinitions[kindOfId(id)]).baseUrl);
    if ('error' in checked) return this.page.post({ type: 'saved', providerId: id, ok: false, fieldErrors: { fallbackKey: checked.error } });
    await this.page.whileVerifying(id, async () => {
      const result = await verifier.verify(id, { fallbackKey: { field, value: checked.value } });
      if (!result) return;
      if (result.ok) await store.fallbackKeys.set(id, field, checked.value);
      this.page.post({ type: 'saved', providerId: id, ok: result.ok, fieldErrors: result.ok ? {} : { fallbackKey: result.error?.message ?? 'Verification failed' } });
    });
  }

  async removeFallbackKey(id: ProviderId): Promise<void> {
    await this.deps.store.fallbackKeys.set(id, rotatedSecretField(id, this.deps.store.rawSettings(id)), undefined);
    await this.page.refreshProvider(id);
  }
}
