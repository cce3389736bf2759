import type { ProviderView, ToHost, ToPage } from '../protocol/messages';
import { h } from './element';
import { lookup, t } from './l10n';

type Send = (message: ToHost) => void;
type TeamSetupMessage = Extract<ToPage, { type: 'teamSetup' }>;
type Offer = NonNullable<TeamSetupMessage['offer']>;
type Change = Offer['changes'][number];
type EnvironmentKeys = Extract<ToPage, { type: 'environmentKeys' }>['keys'];

const providerName = (id: string, views: readonly ProviderView[]) => views.find((v) => v.id === id)?.displayName ?? id;

/**
 * The page's team setup region: a team file's offer with what it changes ("Use it / Not now"), a
 * refused file and why, what is left after adopting (each member's own keys), the configuration
 * import/export buttons, and keys found in the environment. Providers the adopted setup does not
 * allow get a note in their own section.
 */
export class TeamSetupPanel {
  readonly root: HTMLElement;
  /** Export, Import and Import from environment, for the page's header. */
  readonly actions: HTMLElement[];
  private readonly content: HTMLElement;
  private readonly status: HTMLElement;
  private team: TeamSetupMessage | undefined;
  private environment: EnvironmentKeys | undefined;
  private views: readonly ProviderView[] = [];

  constructor(
    private readonly send: Send,
    /** Opens a provider's section and moves focus there ("Add your key"). */
    private readonly openProvider: (providerId: string) => void,
  ) {
    this.content = h('div');
    this.status = h('div', { role: 'status', 'aria-live': 'polite', class: 'team-status' });
    this.root = h('section', { class: 'team-setup', 'aria-label': t('Team setup and configuration'), hidden: true }, this.content, this.status);
    const exportButton = h('vscode-button', { secondary: true }, t('Export configuration'));
    exportButton.addEventListener('click', () => this.send({ type: 'exportConfiguration' }));
    const importButton = h('vscode-button', { secondary: true }, t('Import configuration'));
    importButton.addEventListener('click', () => this.send({ type: 'importConfiguration' }));
    const environmentButton = h('vscode-button', { secondary: true }, t('Import from environment'));
    environmentButton.addEventListener('click', () => this.send({ type: 'listEnvironmentKeys' }));
    this.actions = [exportButton, importButton, environmentButton];
  }

  /** Provider sections to mark as disabled by the team setup (id → the sentence that says why). */
  disabledNotes(views: readonly ProviderView[]): Map<string, string> {
    const notes = new Map<string, string>();
    const team = this.team;
    if (!team?.disabled.length) return notes;
    const sentence = team.disabledReason
      ? t('Disabled by the team setup: {0}', team.disabledReason)
      : t('Disabled by the team setup: it allows only {0}.', allowedNames(team, views));
    for (const view of views) if (team.disabled.some((d) => d.kind === view.kind)) notes.set(view.id, sentence);
    return notes;
  }

  setProviders(views: readonly ProviderView[]): void {
    this.views = views;
  }

  showTeamSetup(message: TeamSetupMessage): void {
    this.team = message;
    this.status.textContent = '';
    this.render();
  }

  showEnvironmentKeys(keys: EnvironmentKeys): void {
    this.environment = keys;
    this.render();
  }

  showNotice(message: Extract<ToPage, { type: 'configurationNotice' }>): void {
    this.root.hidden = false;
    this.status.textContent = lookup(message.text.message, message.text.args);
    this.status.dataset.kind = message.tone;
  }

  private render(): void {
    const parts = [this.offerPart(), this.refusedPart(), this.appliedPart(), this.environmentPart()].filter((p): p is HTMLElement => !!p);
    this.content.replaceChildren(...parts);
    this.root.hidden = !parts.length && !this.status.textContent;
  }

  private button(label: string, onClick: () => void, secondary = false): HTMLElement {
    const button = h('vscode-button', { secondary }, label);
    button.addEventListener('click', onClick);
    return button;
  }

  /** "Close" on a part that is only news: forgets it on the page. */
  private closeButton(forget: () => void): HTMLElement {
    return this.button(t('Close'), () => {
      forget();
      this.render();
    }, true);
  }

  private offerPart(): HTMLElement | undefined {
    const offer = this.team?.offer;
    if (!offer) return undefined;
    const title =
      offer.origin === 'import'
        ? t('Import configuration from {0}', offer.file)
        : offer.origin === 'admin'
          ? t('Your administrator recommends a team setup: {0}', offer.name ?? offer.file)
          : t('This workspace recommends a team setup: {0}', offer.name ?? offer.file);
    const accept = offer.origin === 'import' ? t('Apply') : t('Use it');
    const decline = offer.origin === 'import' ? t('Cancel') : t('Not now');
    const changes = offer.changes.filter((c) => c.action !== 'unchanged');
    return h(
      'div',
      { class: 'team-offer', role: 'group', 'aria-labelledby': 'team-offer-title' },
      h('h2', { id: 'team-offer-title' }, title),
      h('p', { class: 'hint' }, t('From {0}. Nothing changes until you confirm. It holds no keys: you add your own.', offer.file)),
      changes.length ? h('p', {}, t('What will change:')) : h('p', {}, t('Your configuration already matches it.')),
      changes.length ? h('ul', {}, ...changes.map((c) => h('li', {}, changeText(c)))) : undefined,
      offer.disabled.length
        ? h('p', {}, offer.reason ? t('Disabled by this setup: {0} ({1})', offer.disabled.map((d) => d.displayName).join(', '), offer.reason) : t('Disabled by this setup: {0}', offer.disabled.map((d) => d.displayName).join(', ')))
        : undefined,
      h(
        'div',
        { class: 'actions' },
        this.button(accept, () => this.send({ type: 'teamSetupAccept', digest: offer.digest })),
        this.button(decline, () => this.send({ type: 'teamSetupDismiss' }), true),
      ),
    );
  }

  private refusedPart(): HTMLElement | undefined {
    const refused = this.team?.refused;
    if (!refused) return undefined;
    return h(
      'div',
      { class: 'team-refused', role: 'alert' },
      h('p', {}, h('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }), ' ', t('{0} was not used: {1}', refused.file, lookup(refused.reason.message, refused.reason.args))),
      // A refused import is only news: closing it forgets it. A team file's refusal is dismissed for this file.
      refused.origin === 'import' ? this.closeButton(() => this.team && (this.team = { ...this.team, refused: undefined })) : this.button(t('Not now'), () => this.send({ type: 'teamSetupDismiss' }), true),
    );
  }

  private appliedPart(): HTMLElement | undefined {
    const applied = this.team?.applied;
    if (!applied) return undefined;
    return h(
      'div',
      { class: 'team-applied' },
      applied.failed
        ? h('p', { role: 'alert' }, t('The setup was applied only in part: {0} was not changed ({1}).', applied.failed.displayName, lookup(applied.failed.problem)))
        : h('p', {}, t('Setup applied.')),
      applied.keysNeeded.length ? h('p', {}, t('Now add your own key:')) : undefined,
      applied.keysNeeded.length
        ? h(
            'ul',
            {},
            ...applied.keysNeeded.map((need) =>
              h('li', {}, this.button(t('Add {0} for {1}', need.keys.map((k) => lookup(k)).join(', '), need.displayName), () => this.openProvider(need.providerId))),
            ),
          )
        : undefined,
      ...applied.keyWaits.map((wait) =>
        h('p', {}, t('{0}: your stored key is not sent to the new endpoint until you confirm it in its section.', wait.displayName), ' ', this.button(t('Open {0}', wait.displayName), () => this.openProvider(wait.providerId), true)),
      ),
      this.closeButton(() => this.team && (this.team = { ...this.team, applied: undefined })),
    );
  }

  private environmentPart(): HTMLElement | undefined {
    const keys = this.environment;
    if (!keys) return undefined;
    const close = this.closeButton(() => (this.environment = undefined));
    if (!keys.length) {
      return h('div', { class: 'team-environment' }, h('p', {}, t('No keys found in the editor’s environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, GOOGLE_API_KEY, AZURE_OPENAI_API_KEY) and no AWS profiles.')), close);
    }
    return h(
      'div',
      { class: 'team-environment', role: 'group', 'aria-labelledby': 'team-environment-title' },
      h('h2', { id: 'team-environment-title' }, t('Keys found in the environment')),
      h('p', { class: 'hint' }, t('Each is verified before it is stored; nothing is imported until you choose it.')),
      h(
        'ul',
        {},
        ...keys.map((key) => {
          const provider = providerName(key.providerId, this.views);
          const label = key.ref.startsWith('aws:')
            ? t('AWS profile {0} for {1}', key.name, provider)
            : key.last4
              ? t('{0} (ends with {1}) for {2}', key.name, key.last4, provider)
              : t('{0} for {1}', key.name, provider);
          return h('li', {}, label, key.endpoint ? ` · ${key.endpoint}` : '', ' ', this.button(t('Verify and import {0}', key.name), () => this.send({ type: 'importEnvironmentKey', ref: key.ref })));
        }),
      ),
      close,
    );
  }
}

function allowedNames(team: TeamSetupMessage, views: readonly ProviderView[]): string {
  const kinds = [...new Set(views.map((v) => v.kind))].filter((k) => !team.disabled.some((d) => d.kind === k));
  return kinds.map((k) => views.find((v) => v.kind === k && !v.id.includes('.'))?.displayName ?? t('OpenAI-compatible')).join(', ');
}

function changeText(change: Change): string {
  const parts = [change.action === 'add' ? t('{0}: set up', change.displayName) : t('{0}: changes {1}', change.displayName, change.fields.join(', ') || t('models'))];
  if (change.models.length) parts.push(t('models for chat: {0}', change.models.join(', ')));
  if (change.keysNeeded.length) parts.push(t('you add: {0}', change.keysNeeded.map((k) => lookup(k)).join(', ')));
  if (change.headerNames.length) parts.push(t('headers: {0}', change.headerNames.join(', ')));
  if (change.keyWaitsForConfirmation) parts.push(t('your stored key waits for your confirmation of the new endpoint'));
  return parts.join(' · ');
}
