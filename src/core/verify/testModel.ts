import type { ProviderId } from '../providers/kinds';
import type { CredentialStore } from '../store/credentialStore';
import type { ModelResult, VerifyResult } from './result';
import type { Verifier } from './verifier';

/** The stage every runtime gives its call to one model (see docs/dev/provider-runtime-contract.md). */
const MODEL_STAGE = 'invoke';

/**
 * A model's Test: the provider's check plus its tiny call to that model. The model's outcome
 * belongs to the model's row: a model that fails (quota used up, no access) is marked there, and
 * the provider stays verified with its other models in chat. Only a failure before the model's
 * call (the key, the network) is the provider's. Returns undefined when superseded or outdated.
 */
export async function testModel(store: CredentialStore, verifier: Verifier, id: ProviderId, modelId: string): Promise<VerifyResult | undefined> {
  const result = await verifier.verify(id, { modelId, persist: false });
  if (!result) return undefined;
  // A result about a configuration the user has since changed is stale: drop it.
  if ((await store.fingerprint(id)) !== result.fingerprint) return undefined;
  const call = result.stages.find((s) => s.id === MODEL_STAGE);
  const providerFailed = !result.ok && (!call || result.stages.some((s) => s !== call && !s.ok));
  if (providerFailed || !call) {
    await store.saveResult(result);
    return result;
  }
  const previous = store.lastResult(id);
  const earlierRows = previous?.fingerprint === result.fingerprint ? previous.modelResults : undefined;
  const row: ModelResult = { ok: result.ok, label: call.label, ...(result.error ? { error: result.error } : {}), checkedAt: result.verifiedAt };
  const { error: _rowError, ...rest } = result;
  // The model's call is the row's; the provider keeps the stages that are its own.
  const stages = result.stages.filter((s) => s !== call);
  const saved: VerifyResult = { ...rest, ok: true, stages, modelResults: { ...earlierRows, ...result.modelResults, [modelId]: row } };
  await store.saveResult(saved);
  return saved;
}
