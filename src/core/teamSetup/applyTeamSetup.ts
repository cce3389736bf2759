import type { ProviderId, ProviderKind } from '../providers/kinds';
import { providerDefinitions } from '../providers/registry';
import type { CredentialStore, ProviderSnapshot } from '../store/credentialStore';
import type { StatePort } from '../store/ports';
import { text } from '../text';
import { rememberKeyHints } from './keyHints';
import type { TeamProvider, TeamSetup } from './teamFile';

/**
 * What adopting a team setup changes, shown before anything is written, and the write itself.
 * Settings only: no secret is read from the file or written. A stored key whose endpoint the file
 * changes stays bound to its old endpoint, so it is not sent to the new host until the user
 * confirms on the page (the store's endpoint binding).
 */

export interface PlannedChange {
  /** The provider it changes; undefined for an OpenAI-compatible endpoint that does not exist yet. */
  providerId?: ProviderId;
  kind: ProviderKind;
  displayName: string;
  action: 'add' | 'update' | 'unchanged';
  /** Setting fields whose value changes. */
  fields: string[];
  /** Models that go into the chat model picker once the provider verified. */
  models: string[];
  /** Keys the member still has to add (field labels), and header names for a gateway. */
  keysNeeded: string[];
  headerNames: string[];
  /** A key is stored and the file moves the provider to another endpoint: the key waits for the user's confirmation. */
  keyWaitsForConfirmation: boolean;
}

export interface TeamPlan {
  changes: PlannedChange[];
  /** Kinds the file does not allow (shown as disabled by the team setup). */
  disabledKinds: ProviderKind[];
}

type Store = Pick<CredentialStore, 'snapshot' | 'save' | 'addCompatible' | 'confirmEndpoint' | 'enabledModels' | 'setEnabledModels'>;

export function allowedKind(setup: Pick<TeamSetup, 'allowedProviders'>, kind: ProviderKind): boolean {
  return !setup.allowedProviders || setup.allowedProviders.includes(kind);
}

function existingFor(provider: TeamProvider, snapshots: readonly ProviderSnapshot[]): ProviderSnapshot | undefined {
  if (provider.kind !== 'compatible') return snapshots.find((s) => s.id === provider.kind);
  const name = provider.name?.trim().toLowerCase();
  return snapshots.find((s) => s.kind === 'compatible' && String(s.settings.name ?? '').trim().toLowerCase() === name);
}

/** The provider's settings after adoption: the file's fields over what is stored. */
function mergedSettings(provider: TeamProvider, current: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current, ...provider.settings };
  // A gateway's model ids are also offered when its /models list is empty or incomplete.
  if (provider.kind === 'compatible' && provider.models.length) merged.models = [...new Set([...((current.models as string[] | undefined) ?? []), ...provider.models])];
  return merged;
}

function endpointOf(kind: ProviderKind, settings: Record<string, unknown>): string | undefined {
  const def = providerDefinitions[kind];
  const parsed = def.settingsSchema.safeParse(settings);
  return parsed.success ? def.endpointOf(parsed.data) : undefined;
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export async function planTeamSetup(store: Pick<Store, 'snapshot' | 'enabledModels'>, setup: TeamSetup): Promise<TeamPlan> {
  const snapshots = await store.snapshot();
  const changes: PlannedChange[] = [];
  for (const provider of setup.providers) {
    if (!allowedKind(setup, provider.kind)) continue;
    const def = providerDefinitions[provider.kind];
    const existing = existingFor(provider, snapshots);
    const current = existing?.configured ? existing.settings : {};
    const after = mergedSettings(provider, current);
    const fields = changedFields(current, after);
    const enabled = existing ? store.enabledModels(existing.id) : [];
    const models = provider.models.filter((m) => !enabled.includes(m));
    const hasKey = !!existing && Object.values(existing.secrets).some((s) => s.present);
    const parsedAfter = def.settingsSchema.safeParse(after);
    // What the provider always requires, what the file says (a gateway's optional key), and a gateway's named headers.
    const needed = (f: (typeof def.secretFields)[number]) =>
      (parsedAfter.success && f.requiredFor(parsedAfter.data)) || provider.keysNeeded.includes(f.id) || (f.id === 'extraHeaders' && provider.headerNames.length > 0);
    const keysNeeded = def.secretFields.filter((f) => needed(f) && !existing?.secrets[f.id]?.present).map((f) => f.label);
    changes.push({
      providerId: existing?.id,
      kind: provider.kind,
      displayName: provider.kind === 'compatible' ? provider.name! : def.displayName,
      action: !existing?.configured ? 'add' : fields.length || models.length ? 'update' : 'unchanged',
      fields,
      models,
      keysNeeded,
      headerNames: provider.headerNames,
      keyWaitsForConfirmation: hasKey && endpointOf(provider.kind, current) !== endpointOf(provider.kind, after),
    });
  }
  const disabledKinds = setup.allowedProviders ? (Object.keys(providerDefinitions) as ProviderKind[]).filter((k) => !allowedKind(setup, k)) : [];
  return { changes, disabledKinds };
}

/** `problem`: the store's (English, localizable) message for the first refused field. */
export type ApplyOutcome = { ok: true; providerIds: ProviderId[] } | { ok: false; providerName: string; problem: string };

const firstProblem = (fieldErrors: Record<string, string>) => Object.values(fieldErrors)[0] ?? '';

/** The provider has a key but settings the store cannot read, so where that key belongs is unknown. */
export const STORED_SETTINGS_INVALID = text('Its stored settings are not valid; fix them on the Models page first, then adopt the team setup again.');

/**
 * Writes the plan's settings and models (never a secret). Stops at the first provider whose
 * settings the store refuses, and says which; providers written before it stay written.
 */
export async function applyTeamSetup(store: Store, setup: TeamSetup, hints?: StatePort): Promise<ApplyOutcome> {
  const providerIds: ProviderId[] = [];
  for (const provider of setup.providers) {
    if (!allowedKind(setup, provider.kind)) continue;
    const snapshots = await store.snapshot();
    let existing = existingFor(provider, snapshots);
    const displayName = provider.kind === 'compatible' ? provider.name! : providerDefinitions[provider.kind].displayName;
    let id = existing?.id;
    if (!id) {
      const added = await store.addCompatible(provider.name!, String(provider.settings.baseUrl));
      if (!added.ok) return { ok: false, providerName: displayName, problem: firstProblem(added.fieldErrors) };
      id = added.id;
      existing = undefined;
    }
    const current = existing?.configured ? existing.settings : {};
    const after = mergedSettings(provider, current);
    const hasKey = !!existing && Object.values(existing.secrets).some((s) => s.present);
    if (hasKey && !existing!.endpointChanged) {
      // Pin the key to the endpoint it is used with now, so the file's endpoint needs the user's yes.
      if (endpointOf(provider.kind, current) === undefined) {
        return { ok: false, providerName: displayName, problem: STORED_SETTINGS_INVALID.message };
      }
      await store.confirmEndpoint(id);
    }
    if (changedFields(current, after).length || !existing?.configured) {
      const saved = await store.save(id, after, {});
      if (!saved.ok) return { ok: false, providerName: displayName, problem: firstProblem(saved.fieldErrors) };
    }
    const enabled = store.enabledModels(id);
    if (provider.models.some((m) => !enabled.includes(m))) await store.setEnabledModels(id, [...enabled, ...provider.models]);
    if (hints && (provider.keysNeeded.length || provider.headerNames.length)) await rememberKeyHints(hints, id, { keysNeeded: provider.keysNeeded, headerNames: provider.headerNames });
    providerIds.push(id);
  }
  return { ok: true, providerIds };
}
