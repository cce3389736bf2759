import { kindOfId, ProviderIdSchema, type ProviderId } from '../providers/kinds';
import { providerDefinitions } from '../providers/registry';
import type { Secrets } from '../providers/types';
import { VerifyResultSchema, type VerifyResult } from '../verify/result';
import { configFingerprint } from './fingerprint';
import { CompatibleEndpointList } from './compatibleEndpointList';
import { EnabledModels } from './enabledModels';
import { EndpointBindings, endpointOf } from './endpointBindings';
import { NAME_TAKEN } from './endpointNames';
import { ExternalIds } from './externalIds';
import { FallbackKeys } from './fallbackKeys';
import { rotatedSecretField } from './keyRotation';
import { issuesToFieldErrors } from './fieldErrors';
import { KeyAges } from './keyAges';
import { OrderedWrites } from './orderedWrites';
import type { SecretStoragePort, SettingsPort, StatePort } from './ports';
import { missingOnThisMachine, secretStatus, type ProviderSnapshot, type ResolvedProvider, type SaveOutcome, type SecretStatus } from './providerSnapshot';
import { ProviderRecords } from './providerRecords';
import { refusedWrite, SECRET_NOT_STORED, SETTINGS_NOT_WRITTEN } from './refusedWrite';
import { SecretMoves, stagedSecretKey, workingSecretKey } from './secretMoves';
import { validateSecrets } from './secretValidation';
import { StagedSettings } from './stagedSettings';

export type { ProviderSnapshot, ResolvedProvider, SaveOutcome, SecretStatus } from './providerSnapshot';

const SINGLETONS = ['openai', 'anthropic', 'gemini', 'azure', 'bedrock'] as const;
export { EXTERNAL_IDS_KEY } from './externalIds';

/**
 * Credentials and provider configuration. Secrets go only to SecretStorage (one entry per field,
 * `byok/<provider>/<field>`); non-secret settings are `byok.*` user settings; results, key bindings
 * and Bedrock external ids are globalState. Nothing returned for display contains a secret value.
 */
export class CredentialStore {
  private readonly settings: OrderedWrites;
  private readonly state: OrderedWrites;
  private readonly results: ProviderRecords<unknown>;
  private readonly bindings: EndpointBindings;
  private readonly staged: StagedSettings;
  private readonly enabled: EnabledModels;
  readonly keyAges: KeyAges;
  readonly fallbackKeys: FallbackKeys;
  private readonly compatible: CompatibleEndpointList;
  private readonly externalIds: ExternalIds;
  private readonly moves: SecretMoves;

  /** Pass the same `OrderedWrites` to everything else that writes `state`, so all writes queue together. */
  constructor(
    private readonly secrets: SecretStoragePort,
    settings: SettingsPort,
    state: StatePort,
  ) {
    this.settings = OrderedWrites.over(settings);
    this.state = OrderedWrites.over(state);
    this.results = new ProviderRecords(this.state, 'byok.verificationResults');
    this.bindings = new EndpointBindings(this.state);
    this.staged = new StagedSettings(this.state);
    this.enabled = new EnabledModels(this.settings);
    this.keyAges = new KeyAges(this.state);
    this.fallbackKeys = new FallbackKeys(secrets);
    this.compatible = new CompatibleEndpointList(this.settings);
    this.externalIds = new ExternalIds(this.state);
    this.moves = new SecretMoves(secrets, this.state);
  }

  /** Providers whose key change a killed extension host left half done, finished at start (for the log). */
  get finishedInterruptedMoves(): Promise<string[]> {
    return this.moves.recovery;
  }

  static secretKey(id: string, field: string, pending = false): string {
    return pending ? stagedSecretKey(id, field, 'pending') : workingSecretKey(id, field);
  }

  providerIds(): ProviderId[] {
    return [...SINGLETONS, ...this.compatible.entries().map((e) => e.id as ProviderId)];
  }

  /** The provider's name as the page and chat show it (a compatible endpoint's own name). */
  displayName(id: ProviderId): string {
    const kind = kindOfId(id);
    return kind === 'compatible' ? String(this.rawSettings(id)?.name ?? id) : providerDefinitions[kind].displayName;
  }

  /** Raw stored settings of a provider, or undefined when it was never configured. */
  rawSettings(id: ProviderId): Record<string, unknown> | undefined {
    if (kindOfId(id) === 'compatible') {
      return this.compatible.settingsOf(id);
    }
    const value = this.settings.get<unknown>(id);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  }

  async readSecrets(id: ProviderId, pending = false): Promise<Secrets> {
    await this.moves.recovery;
    const def = providerDefinitions[kindOfId(id)];
    // In parallel: in a browser-based editor each read is a round trip to the page's storage.
    const values = await Promise.all(def.secretFields.map((field) => this.secrets.get(CredentialStore.secretKey(id, field.id, pending))));
    return Object.fromEntries(def.secretFields.map((field, i) => [field.id, values[i]]));
  }

  async hasSecret(id: ProviderId, field: string): Promise<boolean> {
    return (await this.secrets.get(CredentialStore.secretKey(id, field))) !== undefined;
  }

  /** Bedrock role mode: the role's external id, generated on first use. */
  externalIdFor(roleArn: string): Promise<string> {
    return this.externalIds.for(roleArn);
  }

  lastResult(id: ProviderId): VerifyResult | undefined {
    const parsed = VerifyResultSchema.safeParse(this.results.get(id));
    return parsed.success ? parsed.data : undefined;
  }

  /** A successful result also dates the stored secrets it proved (their "last verified"). */
  async saveResult(result: VerifyResult): Promise<void> {
    await this.results.set(result.providerId, result);
    if (!result.ok || result.fingerprint !== (await this.fingerprint(result.providerId as ProviderId))) return;
    const stored = await this.readSecrets(result.providerId as ProviderId);
    await this.keyAges.verified(result.providerId, Object.keys(stored).filter((f) => stored[f] !== undefined));
  }

  enabledModels(id: ProviderId): string[] {
    return this.enabled.of(id);
  }

  setEnabledModels(id: ProviderId, models: string[]): Promise<void> {
    return this.enabled.set(id, models);
  }

  /** The user agreed that the stored key may be sent to the provider's current endpoint. */
  async confirmEndpoint(id: ProviderId): Promise<void> {
    await this.bindings.bind(id, endpointOf(kindOfId(id), this.rawSettings(id) ?? {}));
  }

  /** `current`: the endpoint of the stored settings when the caller has already validated them. */
  private async endpointChanged(id: ProviderId, secrets: Secrets, current = endpointOf(kindOfId(id), this.rawSettings(id) ?? {})): Promise<boolean> {
    return this.bindings.changed(id, secrets, current);
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
      secrets[field] = secretStatus(value);
    }
    const configured = raw !== undefined || Object.values(values).some((v) => v !== undefined);
    const last = this.lastResult(id);
    const current = last?.fingerprint === configFingerprint(kind, this.settingsForCall(id), values);
    return {
      id,
      kind,
      displayName: this.displayName(id),
      configured,
      settings: raw ?? {},
      secrets,
      fallbackKey: secretStatus(await this.fallbackKeys.get(id, rotatedSecretField(id, raw))),
      keyAges: Object.fromEntries(Object.entries(this.keyAges.of(id)).filter(([field]) => values[field] !== undefined)),
      missingOnThisMachine: missingOnThisMachine(def, raw, values),
      endpointChanged: (await this.endpointChanged(id, values)) || (await this.stagedEndpointChanged(id)),
      stagedSettings: this.stagedSettings(id),
      lastResult: current ? last : undefined,
      resultOutdated: !!last && !current,
      enabledModels: this.enabledModels(id),
      // A staged role's External ID is needed for its trust policy before that role can verify.
      externalId: kind === 'bedrock' ? this.externalIds.known((this.stagedSettings(id) ?? raw)?.roleArn) : undefined,
    };
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
    const secretWrites = validateSecrets(def, secretInput, (parsed.data as Record<string, unknown> | undefined)?.baseUrl, fieldErrors);
    const name = kind === 'compatible' && parsed.success ? (parsed.data as { name: string }).name : undefined;
    if (name !== undefined && this.compatible.nameTaken(name, id)) fieldErrors.name = NAME_TAKEN.message;
    if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };

    const settings = { ...(parsed.data as Record<string, unknown>) };
    delete settings.externalId; // generated and kept by the extension, not a user setting
    for (const [k, v] of Object.entries(settings)) if (v === undefined) delete settings[k];
    const typed = secretWrites.map(([, v]) => v);
    try {
      if (options.pending) await this.staged.stage(id, settings, this.rawSettings(id) ?? {});
      else await this.writeSettings(id, settings);
      if (kind === 'bedrock' && typeof settings.roleArn === 'string' && settings.authMode === 'role') await this.externalIdFor(settings.roleArn);
    } catch (err) {
      return { ok: false, fieldErrors: refusedWrite(SETTINGS_NOT_WRITTEN, err, typed) };
    }
    try {
      await this.moves.recovery;
      // Several working fields change together through a staging area (never a mix after a crash); staged (pending) ones are written as they are.
      if (!options.pending && secretWrites.length > 1) {
        for (const [field, value] of secretWrites) await this.moves.stage(id, field, value);
        await this.moves.move(id, 'saving', secretWrites.map(([field]) => field));
      } else {
        // A Verify checks exactly what was typed: a field a killed host left staged is not checked (or swapped in) with it.
        if (options.pending) await this.discardPendingSecrets(id, new Set(secretWrites.map(([field]) => field)));
        for (const [field, value] of secretWrites) {
          const key = CredentialStore.secretKey(id, field, options.pending);
          if (value === null) await this.secrets.delete(key);
          else await this.secrets.store(key, value);
        }
      }
    } catch (err) {
      return { ok: false, fieldErrors: refusedWrite(SECRET_NOT_STORED, err, typed) };
    }
    const wroteSecret = secretWrites.some(([, v]) => v !== null);
    if (options.pending) return { ok: true };
    await this.keyAges.saved(id, secretWrites.filter(([, v]) => v !== null).map(([f]) => f), secretWrites.filter(([, v]) => v === null).map(([f]) => f));
    // An explicit Save replaces whatever a Verify had staged.
    await this.staged.drop(id);
    if (wroteSecret || this.bindings.bound(id) === undefined) await this.bindings.bind(id, def.endpointOf(parsed.data));
    return { ok: true };
  }

  private async writeSettings(id: ProviderId, settings: Record<string, unknown>): Promise<void> {
    if (kindOfId(id) !== 'compatible') return void (await this.settings.update(id, settings));
    await this.compatible.write(id, settings);
  }

  /** A new OpenAI-compatible endpoint with a unique id from its name; a name already taken is refused. */
  addCompatible(name: string, baseUrl = 'http://localhost:11434/v1'): Promise<{ ok: true; id: ProviderId } | { ok: false; fieldErrors: Record<string, string> }> {
    return this.compatible.add(name, baseUrl);
  }

  /** Settings a Verify staged and that have not verified yet (undefined: none). */
  stagedSettings(id: ProviderId): Record<string, unknown> | undefined {
    return this.staged.get(id);
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
    return this.endpointChanged(id, reused, endpointOf(kind, staged));
  }

  /**
   * Verify-then-swap: the staged settings and secrets replace the working ones only now, and the
   * key is bound to the endpoint it was just verified against.
   */
  async commitPending(id: ProviderId): Promise<void> {
    const staged = this.stagedSettings(id);
    if (staged) {
      await this.writeSettings(id, staged);
      await this.staged.drop(id);
    }
    const pending = await this.readSecrets(id, true);
    const committed = Object.keys(pending).filter((field) => pending[field] !== undefined);
    await this.moves.move(id, 'pending', committed);
    await this.keyAges.saved(id, committed);
    await this.confirmEndpoint(id);
  }

  /**
   * A failed check: the typed secrets go (a rejected key is not kept anywhere); staged settings stay
   * staged, so the form keeps them for another try or Revert, while chat uses the working ones.
   */
  async discardPendingSecrets(id: ProviderId, except: ReadonlySet<string> = new Set()): Promise<void> {
    const staged = await this.readSecrets(id, true);
    for (const [field, value] of Object.entries(staged)) if (value !== undefined && !except.has(field)) await this.secrets.delete(CredentialStore.secretKey(id, field, true));
  }

  /** Revert: everything a Verify staged goes; the working configuration was never touched. */
  async discardPending(id: ProviderId): Promise<void> {
    await this.discardPendingSecrets(id);
    await this.staged.drop(id);
  }

  /** Removing a provider deletes its secrets, settings, result and bindings. */
  async remove(id: ProviderId): Promise<void> {
    const kind = kindOfId(id);
    for (const field of providerDefinitions[kind].secretFields) {
      await this.secrets.delete(CredentialStore.secretKey(id, field.id));
      await this.secrets.delete(CredentialStore.secretKey(id, field.id, true));
      await this.secrets.delete(stagedSecretKey(id, field.id, 'saving'));
    }
    await this.staged.drop(id);
    await this.fallbackKeys.set(id, rotatedSecretField(id, this.rawSettings(id)), undefined);
    if (kind === 'compatible') {
      await this.compatible.remove(id);
    } else {
      await this.settings.update(id, undefined);
    }
    await this.setEnabledModels(id, []);
    await this.results.set(id, undefined);
    await this.bindings.bind(id, undefined);
    await this.keyAges.forget(id);
  }

  /**
   * The stored (or with `staged`, the staged) settings as a call sees them: a role's External ID
   * is stored apart from the settings.
   */
  private settingsForCall(id: ProviderId, staged = false): Record<string, unknown> {
    const raw = { ...((staged ? this.stagedSettings(id) : undefined) ?? this.rawSettings(id) ?? {}) };
    if (kindOfId(id) === 'bedrock') raw.externalId = this.externalIds.known(raw.roleArn);
    return raw;
  }

  /** The secrets of a call with the fallback key in place of the primary one; undefined when there is none. */
  async fallbackSecrets(resolved: ResolvedProvider): Promise<Secrets | undefined> {
    const field = rotatedSecretField(resolved.id, resolved.settings);
    const value = await this.fallbackKeys.get(resolved.id, field);
    return value === undefined ? undefined : { ...resolved.secrets, [field]: value };
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
