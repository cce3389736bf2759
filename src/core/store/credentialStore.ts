import { randomBytes } from 'node:crypto';
import { parseExtraHeaders } from '../providers/compatible/definition';
import { guessKeyOwner, secretField } from '../providers/fields';
import { kindOfId, ProviderIdSchema, type ProviderId, type ProviderKind } from '../providers/kinds';
import { providerDefinitions } from '../providers/registry';
import type { ProviderDefinition, SecretField, Secrets } from '../providers/types';
import { text } from '../text';
import { VerifyResultSchema, type VerifyResult } from '../verify/result';
import { configFingerprint } from './fingerprint';
import { NAME_TAKEN, nameTaken } from './endpointNames';
import { issuesToFieldErrors } from './fieldErrors';
import { OrderedWrites } from './orderedWrites';
import type { SecretStoragePort, SettingsPort, StatePort } from './ports';
import { refusedWrite, SECRET_NOT_STORED, SETTINGS_NOT_WRITTEN } from './refusedWrite';

export interface SecretStatus {
  present: boolean;
  /** Last four characters, only for secrets long enough that this reveals little. */
  last4?: string;
}

export interface ProviderSnapshot {
  id: ProviderId;
  kind: ProviderKind;
  displayName: string;
  configured: boolean;
  /** Non-secret settings as stored. */
  settings: Record<string, unknown>;
  secrets: Record<string, SecretStatus>;
  /** Required secret fields that are missing although the provider is configured (settings synced from elsewhere). */
  missingOnThisMachine: string[];
  /** The stored key was saved for another endpoint; it is not sent until the user confirms. */
  endpointChanged: boolean;
  /**
   * Settings staged by a Verify that has not succeeded yet ("Unsaved changes · Verify to apply ·
   * Revert"); `settings` above stay the working ones, and chat keeps using them.
   */
  stagedSettings?: Record<string, unknown>;
  /** The last verification of the configuration as it is stored now. */
  lastResult?: VerifyResult;
  /** A verification exists, but settings or a key changed after it (saved without verifying). */
  resultOutdated: boolean;
  enabledModels: string[];
  externalId?: string;
}

/** A provider ready for a call: validated settings and the secrets to use. */
export interface ResolvedProvider {
  id: ProviderId;
  kind: ProviderKind;
  displayName: string;
  settings: unknown;
  secrets: Secrets;
  fingerprint: string;
  problem?: 'invalid_configuration' | 'missing_credentials' | 'endpoint_not_confirmed';
  problemDetail?: string;
}

export type SaveOutcome = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

const SINGLETONS = ['openai', 'anthropic', 'gemini', 'azure', 'bedrock'] as const;
const COMPATIBLE_KEY = 'compatibleEndpoints';
const ENABLED_KEY = 'enabledModels';
const RESULTS_KEY = 'byok.verificationResults';
const BINDINGS_KEY = 'byok.keyBindings';
/** Settings waiting for a successful Verify, per provider (machine-local: never synced). */
const STAGED_SETTINGS_KEY = 'byok.stagedSettings';
export const EXTERNAL_IDS_KEY = 'byok.bedrockExternalIds';
/** Secret fields being moved into place, per provider (see `moveSecrets`): a restart finishes the move. */
const SECRET_MOVES_KEY = 'byok.secretMoves';
/** Staged in place of a value: the move deletes the field (real secrets are never empty). */
const DELETED = '';

type StagingArea = 'pending' | 'saving';
interface SecretMove {
  from: StagingArea;
  fields: string[];
}

type CompatibleEntry = Record<string, unknown> & { id: string };

/** The key's prefix says it is another vendor's, and it would go to this provider's own host. */
export const FOREIGN_KEY = text("API key belongs to another provider (its prefix says so). Paste this provider's key, or set the Base URL of the gateway it is for.");

/** The settings a provider has before the user changes any: its own host as the base URL. */
function officialSettings(def: ProviderDefinition): Record<string, unknown> {
  const parsed = def.settingsSchema.safeParse({});
  return parsed.success ? (parsed.data as Record<string, unknown>) : {};
}


/**
 * Credentials and provider configuration. Secrets go only to SecretStorage (one entry per field,
 * `byok/<provider>/<field>`); non-secret settings are `byok.*` user settings; results, key bindings
 * and Bedrock external ids are globalState. Nothing returned for display contains a secret value.
 */
export class CredentialStore {
  private readonly settings: OrderedWrites;
  private readonly state: OrderedWrites;
  /** A move of secrets a killed host left half done, finished before anything reads or writes secrets. */
  private readonly recovery: Promise<void>;

  /** Pass the same `OrderedWrites` to everything else that writes `state`, so all writes queue together. */
  constructor(
    private readonly secrets: SecretStoragePort,
    settings: SettingsPort,
    state: StatePort,
  ) {
    this.settings = OrderedWrites.over(settings);
    this.state = OrderedWrites.over(state);
    this.recovery = this.finishInterruptedMoves();
  }

  static secretKey(id: string, field: string, pending = false): string {
    return pending ? `byok/${id}/pending/${field}` : `byok/${id}/${field}`;
  }

  private static stagedKey(id: string, field: string, area: StagingArea): string {
    return area === 'pending' ? CredentialStore.secretKey(id, field, true) : `byok/${id}/saving/${field}`;
  }

  /**
   * Replaces several secret fields of a provider so that a host killed at any point leaves all the
   * old values or all the new ones, never a mix (an access key id of one pair with the secret of
   * another): the new values wait in a staging area, a marker in globalState says the move has
   * begun, then each field moves into place; `finishInterruptedMoves` completes a marked move.
   */
  private async moveSecrets(id: ProviderId, move: SecretMove): Promise<void> {
    await this.state.modify<Record<string, SecretMove>>(SECRET_MOVES_KEY, (moves) => ({ ...moves, [id]: move }));
    await this.finishMove(id, move);
  }

  private async finishMove(id: string, move: SecretMove): Promise<void> {
    for (const field of move.fields) {
      const staged = CredentialStore.stagedKey(id, field, move.from);
      const value = await this.secrets.get(staged);
      // Gone from the staging area: this field was moved before the host stopped.
      if (value === undefined) continue;
      if (value === DELETED) await this.secrets.delete(CredentialStore.secretKey(id, field));
      else await this.secrets.store(CredentialStore.secretKey(id, field), value);
      await this.secrets.delete(staged);
    }
    await this.state.modify<Record<string, SecretMove>>(SECRET_MOVES_KEY, (moves) => {
      if (!moves?.[id]) return moves;
      const rest = { ...moves };
      delete rest[id];
      return rest;
    });
  }

  private async finishInterruptedMoves(): Promise<void> {
    const moves = this.state.get<Record<string, SecretMove>>(SECRET_MOVES_KEY);
    for (const [id, move] of Object.entries(moves ?? {})) await this.finishMove(id, move);
  }

  providerIds(): ProviderId[] {
    return [...SINGLETONS, ...this.compatibleEntries().map((e) => e.id as ProviderId)];
  }

  private compatibleEntries(list: unknown = this.settings.get<unknown>(COMPATIBLE_KEY)): CompatibleEntry[] {
    return Array.isArray(list) ? list.filter((e): e is CompatibleEntry => !!e && typeof e === 'object' && typeof e.id === 'string') : [];
  }

  /** Rewrites the endpoint list from its value at the time of the write (see OrderedWrites). */
  private changeCompatibleEntries(change: (entries: CompatibleEntry[]) => CompatibleEntry[]): Promise<void> {
    return this.settings.modify<unknown>(COMPATIBLE_KEY, (list) => change(this.compatibleEntries(list)));
  }

  /** The provider's name as the page and chat show it (a compatible endpoint's own name). */
  displayName(id: ProviderId): string {
    const kind = kindOfId(id);
    return kind === 'compatible' ? String(this.rawSettings(id)?.name ?? id) : providerDefinitions[kind].displayName;
  }

  /** Raw stored settings of a provider, or undefined when it was never configured. */
  rawSettings(id: ProviderId): Record<string, unknown> | undefined {
    if (kindOfId(id) === 'compatible') {
      const entry = this.compatibleEntries().find((e) => e.id === id);
      if (!entry) return undefined;
      const { id: _id, ...rest } = entry;
      return rest;
    }
    const value = this.settings.get<unknown>(id);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  }

  async readSecrets(id: ProviderId, pending = false): Promise<Secrets> {
    await this.recovery;
    const def = providerDefinitions[kindOfId(id)];
    // In parallel: in a browser-based editor each read is a round trip to the page's storage.
    const values = await Promise.all(def.secretFields.map((field) => this.secrets.get(CredentialStore.secretKey(id, field.id, pending))));
    return Object.fromEntries(def.secretFields.map((field, i) => [field.id, values[i]]));
  }

  async hasSecret(id: ProviderId, field: string): Promise<boolean> {
    return (await this.secrets.get(CredentialStore.secretKey(id, field))) !== undefined;
  }

  /** Bedrock role mode: one external id per role ARN, from a CSPRNG, kept (and synced) in globalState. */
  async externalIdFor(roleArn: string): Promise<string> {
    let id = '';
    await this.state.modify<Record<string, string>>(EXTERNAL_IDS_KEY, (ids) => {
      id = ids?.[roleArn] ?? `byok-${randomBytes(16).toString('hex')}`;
      return ids?.[roleArn] ? ids : { ...ids, [roleArn]: id };
    });
    return id;
  }

  private knownExternalId(roleArn: unknown): string | undefined {
    if (typeof roleArn !== 'string') return undefined;
    return this.state.get<Record<string, string>>(EXTERNAL_IDS_KEY)?.[roleArn];
  }

  lastResult(id: ProviderId): VerifyResult | undefined {
    const parsed = VerifyResultSchema.safeParse(this.state.get<Record<string, unknown>>(RESULTS_KEY)?.[id]);
    return parsed.success ? parsed.data : undefined;
  }

  async saveResult(result: VerifyResult): Promise<void> {
    await this.state.modify<Record<string, unknown>>(RESULTS_KEY, (all) => ({ ...all, [result.providerId]: result }));
  }

  enabledModels(id: ProviderId): string[] {
    const map = this.settings.get<Record<string, unknown>>(ENABLED_KEY);
    const list = map?.[id];
    return Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string') : [];
  }

  async setEnabledModels(id: ProviderId, models: string[]): Promise<void> {
    await this.settings.modify<Record<string, unknown>>(ENABLED_KEY, (current) => {
      const map = { ...current };
      if (models.length) map[id] = [...new Set(models)];
      else delete map[id];
      return Object.keys(map).length ? map : undefined;
    });
  }

  private endpointOf(kind: ProviderKind, settings: unknown): string | undefined {
    const parsed = providerDefinitions[kind].settingsSchema.safeParse(settings);
    return parsed.success ? providerDefinitions[kind].endpointOf(parsed.data) : undefined;
  }

  private binding(id: ProviderId): string | undefined {
    return this.state.get<Record<string, string>>(BINDINGS_KEY)?.[id];
  }

  private async bind(id: ProviderId, endpoint: string | undefined): Promise<void> {
    await this.state.modify<Record<string, string>>(BINDINGS_KEY, (current) => {
      const all = { ...current };
      if (endpoint === undefined) delete all[id];
      else all[id] = endpoint;
      return all;
    });
  }

  /** The user agreed that the stored key may be sent to the provider's current endpoint. */
  async confirmEndpoint(id: ProviderId): Promise<void> {
    await this.bind(id, this.endpointOf(kindOfId(id), this.rawSettings(id) ?? {}));
  }

  /** `current`: the endpoint of the stored settings when the caller has already validated them. */
  private async endpointChanged(id: ProviderId, secrets: Secrets, current = this.endpointOf(kindOfId(id), this.rawSettings(id) ?? {})): Promise<boolean> {
    if (!Object.values(secrets).some((v) => v !== undefined)) return false;
    const bound = this.binding(id);
    return bound !== undefined && current !== undefined && bound !== current;
  }

  async snapshot(): Promise<ProviderSnapshot[]> {
    return Promise.all(this.providerIds().map((id) => this.snapshotOf(id)));
  }

  async snapshotOf(id: ProviderId): Promise<ProviderSnapshot> {
    const kind = kindOfId(id);
    const def = providerDefinitions[kind];
    const raw = this.rawSettings(id);
    const values = await this.readSecrets(id);
    const secrets: Record<string, SecretStatus> = {};
    for (const [field, value] of Object.entries(values)) {
      secrets[field] = value === undefined ? { present: false } : { present: true, last4: value.length >= 12 ? value.slice(-4) : undefined };
    }
    const configured = raw !== undefined || Object.values(values).some((v) => v !== undefined);
    const settingsForCheck = def.settingsSchema.safeParse(raw ?? {});
    const missingOnThisMachine =
      raw !== undefined
        ? def.secretFields
            .filter((f) => values[f.id] === undefined && (settingsForCheck.success ? f.requiredFor(settingsForCheck.data) : f.requiredFor(raw)))
            .map((f) => f.id)
        : [];
    const last = this.lastResult(id);
    const current = last?.fingerprint === configFingerprint(kind, this.settingsForCall(id), values);
    return {
      id,
      kind,
      displayName: this.displayName(id),
      configured,
      settings: raw ?? {},
      secrets,
      missingOnThisMachine,
      endpointChanged: (await this.endpointChanged(id, values)) || (await this.stagedEndpointChanged(id)),
      stagedSettings: this.stagedSettings(id),
      lastResult: current ? last : undefined,
      resultOutdated: !!last && !current,
      enabledModels: this.enabledModels(id),
      // A staged role's External ID is needed for its trust policy before that role can verify.
      externalId: kind === 'bedrock' ? this.knownExternalId((this.stagedSettings(id) ?? raw)?.roleArn) : undefined,
    };
  }

  /**
   * Validates a secret value as typed into the page; extra headers must be "Name: value" lines.
   * `baseUrl`: where the key would go; another vendor's key is refused only on the provider's own host.
   */
  static validateSecret(spec: SecretField, value: string, baseUrl?: unknown, officialBaseUrl?: unknown): { value: string } | { error: string } {
    if (spec.id === 'extraHeaders') {
      const parsed = parseExtraHeaders(value);
      return 'error' in parsed ? parsed : { value: value.trim() };
    }
    const parsed = secretField(spec.label).safeParse(value);
    if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? `${spec.label} is invalid.` };
    if (spec.shape && !spec.shape.pattern.test(parsed.data)) return { error: spec.shape.message };
    const owner = guessKeyOwner(parsed.data);
    if (spec.keyOwner && owner && owner !== spec.keyOwner && baseUrl === officialBaseUrl) return { error: FOREIGN_KEY.message };
    return { value: parsed.data };
  }

  /**
   * Validates and stores settings and the given secrets (`null` deletes a field; absent leaves it).
   * Nothing is written when anything is invalid.
   */
  async save(id: ProviderId, settingsInput: unknown, secretInput: Record<string, string | null> = {}, options: { pending?: boolean } = {}): Promise<SaveOutcome> {
    if (!ProviderIdSchema.safeParse(id).success) return { ok: false, fieldErrors: { _: 'Unknown provider.' } };
    const kind = kindOfId(id);
    const def = providerDefinitions[kind];
    const parsed = def.settingsSchema.safeParse(settingsInput ?? {});
    const fieldErrors: Record<string, string> = parsed.success ? {} : issuesToFieldErrors(parsed.error);
    const secretWrites: [string, string | null][] = [];
    for (const [field, value] of Object.entries(secretInput)) {
      const spec = def.secretFields.find((f) => f.id === field);
      if (!spec) {
        fieldErrors[field] = 'Unknown secret field.';
        continue;
      }
      if (value === null) {
        secretWrites.push([field, null]);
        continue;
      }
      const checked = CredentialStore.validateSecret(spec, value, (parsed.data as Record<string, unknown> | undefined)?.baseUrl, officialSettings(def).baseUrl);
      if ('error' in checked) fieldErrors[field] = checked.error;
      else secretWrites.push([field, checked.value]);
    }
    const name = kind === 'compatible' && parsed.success ? (parsed.data as { name: string }).name : undefined;
    if (name !== undefined && nameTaken(this.compatibleEntries(), name, id)) fieldErrors.name = NAME_TAKEN.message;
    if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

    const settings = { ...(parsed.data as Record<string, unknown>) };
    delete settings.externalId; // generated and kept by the extension, not a user setting
    for (const [k, v] of Object.entries(settings)) if (v === undefined) delete settings[k];
    const typed = secretWrites.map(([, v]) => v);
    try {
      if (options.pending) await this.stageSettings(id, settings);
      else await this.writeSettings(id, settings);
      if (kind === 'bedrock' && typeof settings.roleArn === 'string' && settings.authMode === 'role') await this.externalIdFor(settings.roleArn);
    } catch (err) {
      return { ok: false, fieldErrors: refusedWrite(SETTINGS_NOT_WRITTEN, err, typed) };
    }
    try {
      await this.recovery;
      // Several working fields change together through the staging area; staged (pending) ones and a single field are written as they are.
      const together = !options.pending && secretWrites.length > 1;
      for (const [field, value] of secretWrites) {
        const key = together ? CredentialStore.stagedKey(id, field, 'saving') : CredentialStore.secretKey(id, field, options.pending);
        if (together) await this.secrets.store(key, value ?? DELETED);
        else if (value === null) await this.secrets.delete(key);
        else await this.secrets.store(key, value);
      }
      if (together) await this.moveSecrets(id, { from: 'saving', fields: secretWrites.map(([field]) => field) });
    } catch (err) {
      return { ok: false, fieldErrors: refusedWrite(SECRET_NOT_STORED, err, typed) };
    }
    const wroteSecret = secretWrites.some(([, v]) => v !== null);
    if (options.pending) return { ok: true };
    // An explicit Save replaces whatever a Verify had staged.
    await this.dropStagedSettings(id);
    if (wroteSecret || this.binding(id) === undefined) await this.bind(id, def.endpointOf(parsed.data));
    return { ok: true };
  }

  private async writeSettings(id: ProviderId, settings: Record<string, unknown>): Promise<void> {
    if (kindOfId(id) !== 'compatible') return void (await this.settings.update(id, settings));
    const entry = { id, ...settings };
    await this.changeCompatibleEntries((entries) => (entries.some((e) => e.id === id) ? entries.map((e) => (e.id === id ? entry : e)) : [...entries, entry]));
  }

  /**
   * Creates a new OpenAI-compatible endpoint entry with a unique id derived from its name; a name
   * another endpoint already has is refused (a `name` field error, nothing written).
   */
  async addCompatible(name: string, baseUrl = 'http://localhost:11434/v1'): Promise<{ ok: true; id: ProviderId } | { ok: false; fieldErrors: Record<string, string> }> {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'endpoint';
    let id = '';
    // Checked inside the queued write, so two adds of one name in flight together cannot both pass.
    await this.settings.modify<unknown>(COMPATIBLE_KEY, (list) => {
      const entries = this.compatibleEntries(list);
      if (nameTaken(entries, name)) return list;
      const ids = new Set(entries.map((e) => e.id));
      id = `compatible.${slug}`;
      for (let n = 2; ids.has(id); n++) id = `compatible.${slug}-${n}`;
      return [...entries, { id, name: name.trim() || slug, baseUrl, models: [] }];
    });
    return id ? { ok: true, id: id as ProviderId } : { ok: false, fieldErrors: { name: NAME_TAKEN.message } };
  }

  /** Settings a Verify staged and that have not verified yet (undefined: none). */
  stagedSettings(id: ProviderId): Record<string, unknown> | undefined {
    const staged = this.state.get<Record<string, unknown>>(STAGED_SETTINGS_KEY)?.[id];
    return staged && typeof staged === 'object' ? (staged as Record<string, unknown>) : undefined;
  }

  /** Stages settings for a Verify; settings equal to the working ones stage nothing. */
  private async stageSettings(id: ProviderId, settings: Record<string, unknown>): Promise<void> {
    const same = configFingerprint(id, settings, {}) === configFingerprint(id, this.rawSettings(id) ?? {}, {});
    if (same) return this.dropStagedSettings(id);
    await this.state.modify<Record<string, unknown>>(STAGED_SETTINGS_KEY, (all) => ({ ...all, [id]: settings }));
  }

  private async dropStagedSettings(id: ProviderId): Promise<void> {
    if (!this.stagedSettings(id)) return;
    await this.state.modify<Record<string, unknown>>(STAGED_SETTINGS_KEY, (all) => {
      const rest = { ...all };
      delete rest[id];
      return rest;
    });
  }

  /** Something a Verify staged (settings or secrets) waits for its check. */
  async hasPending(id: ProviderId): Promise<boolean> {
    return !!this.stagedSettings(id) || Object.values(await this.readSecrets(id, true)).some((v) => v !== undefined);
  }

  /**
   * The staged settings would send a stored key (one the Verify does not replace) to an endpoint
   * it was not saved for: not before the user confirms.
   */
  async stagedEndpointChanged(id: ProviderId): Promise<boolean> {
    const staged = this.stagedSettings(id);
    if (!staged) return false;
    const kind = kindOfId(id);
    const pending = await this.readSecrets(id, true);
    const stored = await this.readSecrets(id);
    const reused = Object.fromEntries(Object.entries(stored).filter(([field]) => pending[field] === undefined));
    return this.endpointChanged(id, reused, this.endpointOf(kind, staged));
  }

  /**
   * Verify-then-swap: the staged settings and secrets replace the working ones only now, and the
   * key is bound to the endpoint it was just verified against.
   */
  async commitPending(id: ProviderId): Promise<void> {
    const staged = this.stagedSettings(id);
    if (staged) {
      await this.writeSettings(id, staged);
      await this.dropStagedSettings(id);
    }
    const pending = await this.readSecrets(id, true);
    const fields = Object.entries(pending).flatMap(([field, value]) => (value === undefined ? [] : [field]));
    if (fields.length > 1) await this.moveSecrets(id, { from: 'pending', fields });
    else if (fields.length === 1) await this.finishMove(id, { from: 'pending', fields });
    await this.confirmEndpoint(id);
  }

  /**
   * A failed check: the typed secrets go (a rejected key is not kept anywhere); staged settings stay
   * staged, so the form keeps them for another try or Revert, while chat uses the working ones.
   */
  async discardPendingSecrets(id: ProviderId): Promise<void> {
    for (const field of providerDefinitions[kindOfId(id)].secretFields) await this.secrets.delete(CredentialStore.secretKey(id, field.id, true));
  }

  /** Revert: everything a Verify staged goes; the working configuration was never touched. */
  async discardPending(id: ProviderId): Promise<void> {
    await this.discardPendingSecrets(id);
    await this.dropStagedSettings(id);
  }

  /** Removing a provider deletes its secrets, settings, result and bindings. */
  async remove(id: ProviderId): Promise<void> {
    const kind = kindOfId(id);
    for (const field of providerDefinitions[kind].secretFields) {
      await this.secrets.delete(CredentialStore.secretKey(id, field.id));
      await this.secrets.delete(CredentialStore.secretKey(id, field.id, true));
      await this.secrets.delete(CredentialStore.stagedKey(id, field.id, 'saving'));
    }
    await this.dropStagedSettings(id);
    if (kind === 'compatible') {
      await this.changeCompatibleEntries((entries) => entries.filter((e) => e.id !== id));
    } else {
      await this.settings.update(id, undefined);
    }
    await this.setEnabledModels(id, []);
    await this.state.modify<Record<string, unknown>>(RESULTS_KEY, (current) => {
      const results = { ...current };
      delete results[id];
      return results;
    });
    await this.bind(id, undefined);
  }

  /**
   * The stored (or with `staged`, the staged) settings as a call sees them: a role's External ID
   * is stored apart from the settings.
   */
  private settingsForCall(id: ProviderId, staged = false): Record<string, unknown> {
    const raw = { ...((staged ? this.stagedSettings(id) : undefined) ?? this.rawSettings(id) ?? {}) };
    if (kindOfId(id) === 'bedrock') raw.externalId = this.knownExternalId(raw.roleArn);
    return raw;
  }

  /** The stored configuration's fingerprint, as `resolve` computes it, without validating the settings. */
  async fingerprint(id: ProviderId): Promise<string> {
    return configFingerprint(kindOfId(id), this.settingsForCall(id), await this.readSecrets(id));
  }

  /**
   * Settings and secrets for a call. With `pending`, the staged (not yet committed) settings and
   * secrets are used where they exist, for verify-then-swap; `endpointConfirmed`: the user agreed
   * that a stored key may go to the staged settings' new endpoint.
   */
  async resolve(id: ProviderId, options: { pending?: boolean; endpointConfirmed?: boolean } = {}): Promise<ResolvedProvider> {
    const kind = kindOfId(id);
    const def = providerDefinitions[kind];
    const raw = this.settingsForCall(id, options.pending);
    const stored = await this.readSecrets(id);
    const secrets = { ...stored };
    if (options.pending) for (const [k, v] of Object.entries(await this.readSecrets(id, true))) if (v !== undefined) secrets[k] = v;
    const displayName = this.displayName(id);
    const parsed = def.settingsSchema.safeParse(raw);
    const base = { id, kind, displayName, secrets, settings: parsed.success ? parsed.data : raw, fingerprint: configFingerprint(kind, raw, secrets) };
    if (!parsed.success) return { ...base, problem: 'invalid_configuration', problemDetail: parsed.error.issues.map((i) => i.message).join(' ') };
    const missing = def.secretFields.filter((f) => f.requiredFor(parsed.data) && !secrets[f.id]);
    if (missing.length) return { ...base, problem: 'missing_credentials', problemDetail: missing.map((f) => f.label).join(', ') };
    if (!options.pending && (await this.endpointChanged(id, stored, def.endpointOf(parsed.data)))) return { ...base, problem: 'endpoint_not_confirmed' };
    if (options.pending && !options.endpointConfirmed && (await this.stagedEndpointChanged(id))) return { ...base, problem: 'endpoint_not_confirmed' };
    return base;
  }
}
