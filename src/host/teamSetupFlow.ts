import { createHash } from 'node:crypto';
import type { ProviderId, ProviderKind } from '../core/providers/kinds';
import { providerDefinitions } from '../core/providers/registry';
import type { CredentialStore } from '../core/store/credentialStore';
import type { StatePort } from '../core/store/ports';
import { text, type LocalizableText } from '../core/text';
import type { TeamSetupView } from '../protocol/teamMessages';
import type { ToPageInput } from '../protocol/messages';
import { allowedKind, applyTeamSetup, planTeamSetup } from '../core/teamSetup/applyTeamSetup';
import { environmentCandidates, environmentImport, type Environment, type EnvironmentImport } from '../core/teamSetup/environmentKeys';
import { exportConfiguration } from '../core/teamSetup/exportConfiguration';
import { parseTeamFile, type TeamSetup } from '../core/teamSetup/teamFile';
import { ADOPTED_TEAM_RULES_KEY, type TeamRules } from '../core/teamSetup/teamRules';

export type TeamFileOrigin = 'workspace' | 'admin' | 'import';

/** A team file as found: where, and its text. */
export interface FoundTeamFile {
  origin: Exclude<TeamFileOrigin, 'import'>;
  /** Shown to the user (a path). */
  file: string;
  text: string;
}

type Adoption = TeamRules;
const ADOPTED_KEY = ADOPTED_TEAM_RULES_KEY;

/** What the flow needs from the editor: the host passes VS Code's, tests pass fakes. */
export interface TeamSetupPorts {
  store: Pick<CredentialStore, 'snapshot' | 'save' | 'addCompatible' | 'confirmEndpoint' | 'enabledModels' | 'setEnabledModels' | 'readSecrets' | 'rawSettings'>;
  /** The workspace's `.vscode/byok-team.json` (only in a trusted workspace) or the administrator's file. */
  findTeamFile(): Promise<FoundTeamFile | undefined>;
  /** Where an adoption of each origin is remembered: workspace state for the workspace's file, global for the others. */
  adoptionState(origin: Exclude<TeamFileOrigin, 'import'>): StatePort;
  /** "Import configuration": the user picks a file; undefined when they cancel. */
  pickImportFile(): Promise<{ file: string; text: string } | undefined>;
  /** "Export configuration": the user picks where; returns the path written, or undefined when they cancel. */
  saveExport(json: string): Promise<string | undefined>;
  /** globalState: what team files said members must add (names only), for exports. */
  keyHints: StatePort;
  environment(): Environment;
  awsProfileNames(): Promise<string[]>;
}

/** Where the page's answers go (the controller's parsed post) and how it refreshes after a change. */
export interface TeamPage {
  post(message: ToPageInput): void;
  /** Settings changed: every provider again, and the chat models. */
  refresh(): Promise<void>;
}

export type TeamMessage = { type: 'teamSetupAccept'; digest: string } | { type: 'teamSetupDismiss' } | { type: 'exportConfiguration' } | { type: 'importConfiguration' } | { type: 'listEnvironmentKeys' };

const digestOf = (source: string) => createHash('sha256').update(source).digest('hex').slice(0, 32);
const fileKey = (found: FoundTeamFile | undefined) => (found ? `${found.origin}:${found.file}:${digestOf(found.text)}` : 'none');
const displayNameOf = (kind: ProviderKind) => providerDefinitions[kind].displayName;

/**
 * The Models page's team setup: offers a team file (never applied silently), applies it on the
 * user's word, keeps the disabled providers of the adopted setup in view, and exports, imports and
 * reads keys from the environment. Free of `vscode` (like the controller), so it is tested in Node.
 */
export class TeamSetupFlow {
  /** "Not now" for this file in this session: the offer comes back after a reload or when the file changes. */
  private readonly dismissed = new Set<string>();
  /** An imported file waiting for "Apply". */
  private pendingImport: { file: string; setup: TeamSetup; digest: string } | undefined;

  /** The Models page that showed the team setup last (it is ready for messages), and who waits for one. */
  private page: TeamPage | undefined;
  private readonly waitingForPage: ((page: TeamPage) => void)[] = [];
  /** The team file the page was last shown (where and which version): a re-read that finds the same changes nothing. */
  private shownFile: string | undefined;

  constructor(private readonly ports: TeamSetupPorts) {}

  /** The page (re)opened or the team file changed: what to offer, what is disabled. */
  async show(page: TeamPage): Promise<void> {
    this.page = page;
    this.waitingForPage.splice(0).forEach((resolve) => resolve(page));
    page.post(await this.view());
  }

  /**
   * The file may have changed (a watcher event, the page shown or focused again): the page is told
   * only when the file found differs from the one it shows, so a re-read never clears what it shows.
   * True when it did (the rules in force may have changed with the file).
   */
  async recheck(page: TeamPage): Promise<boolean> {
    // A page not shown yet gets the file with its first state.
    if (this.page !== page) return false;
    if (fileKey(await this.ports.findTeamFile()) === this.shownFile) return false;
    await this.show(page);
    return true;
  }

  /** The page closed. */
  detach(page: TeamPage): void {
    if (this.page === page) this.page = undefined;
  }

  /** A Models page ready for messages (a command opened it and waits for it). */
  shownPage(): Promise<TeamPage> {
    return this.page ? Promise.resolve(this.page) : new Promise((resolve) => this.waitingForPage.push(resolve));
  }

  private adoption(origin: Exclude<TeamFileOrigin, 'import'>): Adoption | undefined {
    return this.ports.adoptionState(origin).get<Adoption>(ADOPTED_KEY);
  }

  /** The rules in force: the adopted setup of the file found now (a file removed takes its rules with it). */
  private async rules(found: FoundTeamFile | undefined): Promise<Adoption | undefined> {
    return found ? this.adoption(found.origin) : undefined;
  }

  private async view(extra: Partial<TeamSetupView> = {}): Promise<TeamSetupView> {
    const found = await this.ports.findTeamFile();
    this.shownFile = fileKey(found);
    const rules = await this.rules(found);
    const disabled = rules?.allowedProviders ? (Object.keys(providerDefinitions) as ProviderKind[]).filter((k) => !allowedKind(rules, k)) : [];
    const base: TeamSetupView = {
      type: 'teamSetup',
      disabled: disabled.map((kind) => ({ kind, displayName: displayNameOf(kind) })),
      disabledReason: rules?.allowedReason,
      teamName: rules?.name,
      ...extra,
    };
    if (extra.offer || extra.refused || extra.applied) return base;
    if (this.pendingImport) return { ...base, offer: await this.offerOf('import', this.pendingImport.file, this.pendingImport.setup, this.pendingImport.digest) };
    if (!found) return base;
    const digest = digestOf(found.text);
    if (this.dismissed.has(digest) || rules?.digest === digest) return base;
    const parsed = parseTeamFile(found.text);
    if (!parsed.ok) return { ...base, refused: { origin: found.origin, file: found.file, reason: parsed.reason } };
    return { ...base, offer: await this.offerOf(found.origin, found.file, parsed.setup, digest) };
  }

  private async offerOf(origin: TeamFileOrigin, file: string, setup: TeamSetup, digest: string): Promise<NonNullable<TeamSetupView['offer']>> {
    const plan = await planTeamSetup(this.ports.store, setup);
    return {
      origin,
      name: setup.name,
      file,
      digest,
      changes: plan.changes,
      // An import moves configuration; an allow-list is a team's rule, kept for team files.
      disabled: origin === 'import' ? [] : plan.disabledKinds.map((kind) => ({ kind, displayName: displayNameOf(kind) })),
      reason: origin === 'import' ? undefined : setup.allowedReason,
    };
  }

  async handle(message: TeamMessage, page: TeamPage): Promise<void> {
    switch (message.type) {
      case 'teamSetupAccept':
        return this.accept(message.digest, page);
      case 'teamSetupDismiss':
        return this.dismiss(page);
      case 'exportConfiguration':
        return this.export(page);
      case 'importConfiguration':
        return this.import(page);
      case 'listEnvironmentKeys':
        return page.post({ type: 'environmentKeys', keys: environmentCandidates(this.ports.environment(), await this.ports.awsProfileNames()) });
    }
  }

  private async dismiss(page: TeamPage): Promise<void> {
    if (this.pendingImport) this.pendingImport = undefined;
    else {
      const found = await this.ports.findTeamFile();
      if (found) this.dismissed.add(digestOf(found.text));
    }
    await this.show(page);
  }

  /** Applies the file the user saw the summary of; a file changed meanwhile is offered again instead. */
  private async accept(digest: string, page: TeamPage): Promise<void> {
    let setup: TeamSetup;
    let origin: TeamFileOrigin;
    if (this.pendingImport?.digest === digest) {
      ({ setup } = this.pendingImport);
      origin = 'import';
      this.pendingImport = undefined;
    } else {
      const found = await this.ports.findTeamFile();
      const parsed = found && digestOf(found.text) === digest ? parseTeamFile(found.text) : undefined;
      if (!found || !parsed?.ok) return this.show(page);
      setup = parsed.setup;
      origin = found.origin;
      await this.ports.adoptionState(found.origin).update(ADOPTED_KEY, {
        digest,
        name: setup.name,
        allowedProviders: setup.allowedProviders,
        allowedReason: setup.allowedReason,
      } satisfies Adoption);
    }
    const plan = await planTeamSetup(this.ports.store, origin === 'import' ? { ...setup, allowedProviders: undefined } : setup);
    const outcome = await applyTeamSetup(this.ports.store, origin === 'import' ? { ...setup, allowedProviders: undefined } : setup, this.ports.keyHints);
    await page.refresh();
    const snapshots = await this.ports.store.snapshot();
    const idOf = (change: (typeof plan.changes)[number]): ProviderId | undefined =>
      change.providerId ?? snapshots.find((s) => s.kind === 'compatible' && String(s.settings.name ?? '').toLowerCase() === change.displayName.toLowerCase())?.id;
    const keysNeeded = plan.changes.flatMap((c) => {
      const providerId = idOf(c);
      return providerId && c.keysNeeded.length ? [{ providerId, displayName: c.displayName, keys: c.keysNeeded }] : [];
    });
    const keyWaits = plan.changes.flatMap((c) => {
      const providerId = idOf(c);
      return providerId && c.keyWaitsForConfirmation ? [{ providerId, displayName: c.displayName }] : [];
    });
    page.post(await this.view({ applied: { keysNeeded, keyWaits, failed: outcome.ok ? undefined : { displayName: outcome.providerName, problem: outcome.problem } } }));
  }

  private notice(page: TeamPage, message: LocalizableText, tone: 'info' | 'error'): void {
    page.post({ type: 'configurationNotice', text: message, tone });
  }

  private async export(page: TeamPage): Promise<void> {
    const outcome = await exportConfiguration(this.ports.store, this.ports.keyHints);
    if (!outcome.ok) {
      return this.notice(page, text('Export stopped: a setting looks like a secret ({0}). Nothing was written.', outcome.paths.slice(0, 3).join(', ')), 'error');
    }
    const written = await this.ports.saveExport(outcome.json);
    if (!written) return;
    const said =
      outcome.providers === 1
        ? text('Configuration of 1 provider exported to {0}. It holds no key; it lists the keys to add.', written)
        : text('Configuration of {0} providers exported to {1}. It holds no key; each provider lists the keys to add.', outcome.providers, written);
    this.notice(page, said, 'info');
  }

  private async import(page: TeamPage): Promise<void> {
    const picked = await this.ports.pickImportFile();
    if (!picked) return;
    const parsed = parseTeamFile(picked.text);
    if (!parsed.ok) return page.post(await this.view({ refused: { origin: 'import', file: picked.file, reason: parsed.reason } }));
    this.pendingImport = { file: picked.file, setup: parsed.setup, digest: digestOf(picked.text) };
    await this.show(page);
  }

  /** The Verify input for a key from the environment (see `environmentImport`). */
  async environmentImport(ref: string): Promise<EnvironmentImport | undefined> {
    return environmentImport(ref, this.ports.environment(), await this.ports.awsProfileNames(), (id) => this.ports.store.rawSettings(id) ?? {});
  }
}
