// Only the components the page uses, to keep the bundle small.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ProviderView, ToHost, ToPage } from '../protocol/messages';
import type { PageBoot } from './boot';
import { INITIAL_STATE_ID } from '../protocol/initialState';
import { AddEndpointForm } from './addEndpoint';
import { h } from './element';
import { placeChildren } from './keepUnchanged';
import { setBundle, t } from './l10n';
import { Overview } from './overview';
import { PageNotice, verifiedAllParts } from './pageNotice';
import { ProviderSection } from './providerSection';
import type { EditorFacts } from './sectionFields';
import { UtilityModelsNote } from './utilityModelsNote';
import { TeamSetupPanel } from './teamSetupPanel';

/** The webview's own state survives a hidden tab and a reload: only which section is open, never a value. */
interface PageState {
  open?: string;
}
// boot.js acquired the API and already asked for the state (`ready`).
const boot = (globalThis as { byokBoot?: PageBoot }).byokBoot!;
const vscode = boot.api as { postMessage(message: ToHost): void; getState(): PageState | undefined; setState(state: PageState): void };
const send = (message: ToHost) => {
  // A notice is about the last change; the next one starts without it.
  pageNotice?.clear();
  vscode.postMessage(message);
};

// Lit's <style> fallback needs the page's nonce under our CSP.
(globalThis as { litNonce?: string }).litNonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;

const sections = new Map<string, ProviderSection>();
let providerList: HTMLElement | undefined;
let addForm: AddEndpointForm | undefined;
let pageNotice: PageNotice | undefined;
let utilityNote: UtilityModelsNote | undefined;
let noticeLine: HTMLElement | undefined;
let overview: Overview | undefined;
let teamPanel: TeamSetupPanel | undefined;
/** The editor's name and version when its chat cannot use BYOK models (from `init`). */
let editorWithoutChat: string | undefined;
/** Why: no chat model provider API, or no chat view that shows its models. */
let chatMissing: 'api' | 'view' | undefined;
let editorFacts: EditorFacts = { chat: true, keysInBrowser: false };

/** One section open at a time: opening one folds the others. */
function openSection(id: string, focus: boolean): void {
  for (const section of sections.values()) if (section.id !== id) section.setOpen(false);
  sections.get(id)?.setOpen(true, focus);
  vscode.setState({ open: id });
}

function toggleSection(section: ProviderSection, open: boolean): void {
  if (open) return openSection(section.id, false);
  section.setOpen(false);
  vscode.setState({});
}

/** "Verify all: 1 of 3 verified; not verified: OpenAI." with each name a link to its section. */
function showNotice(message: Extract<ToPage, { type: 'notice' }>): void {
  pageNotice?.show(message);
  const parts = message.code === 'verifiedAll' ? verifiedAllParts(message.verified ?? 0, message.failed ?? []) : undefined;
  if (!parts || !noticeLine) return;
  noticeLine.replaceChildren(
    ...parts.map((part) => {
      if (typeof part === 'string') return part;
      const section = [...sections.values()].find((s) => s.displayName === part.provider);
      if (!section) return part.provider;
      const link = h('a', { href: `#section-${section.id}` }, part.provider);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        openSection(section.id, true);
      });
      return link;
    }),
  );
}

function renderPage(providers: ProviderView[]): void {
  const app = document.getElementById('app')!;
  noticeLine = h('div', { role: 'status', 'aria-live': 'polite', class: 'page-notice' });
  pageNotice = new PageNotice(noticeLine);
  overview = new Overview((id) => openSection(id, true));
  providerList = h('div', { class: 'providers' });
  addForm = new AddEndpointForm(send);
  teamPanel = new TeamSetupPanel(send, (id) => openSection(id, true));
  utilityNote = new UtilityModelsNote(send);
  const verifyAll = h('vscode-button', {}, t('Verify all'));
  verifyAll.addEventListener('click', () => send({ type: 'verifyAll' }));
  const usage = h('vscode-button', { secondary: true }, t('Usage, costs and budgets'));
  usage.addEventListener('click', () => send({ type: 'openUsage' }));
  app.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, t('BYOK Models')),
      h('p', { class: 'hint' }, t('Keys are kept in the editor’s secret storage on this machine. Other settings sync with your settings.')),
      h('div', { class: 'actions' }, verifyAll, addForm.openButton, usage, ...teamPanel.actions),
    ),
    // Outside the header, so `position: sticky` keeps it in view down the whole page.
    noticeLine,
    ...(editorWithoutChat
      ? [
          h(
            'p',
            { class: 'warning no-chat', role: 'note' },
            h('span', { class: 'codicon codicon-info', 'aria-hidden': 'true' }),
            ' ',
            chatMissing === 'view'
              ? t(
                  "Verified models are registered with {0}'s language model API, but this editor has no chat view that shows them: they appear in the model picker of GitHub Copilot Chat, which is not installed here. The Models page and Verify work here.",
                  editorWithoutChat,
                )
              : t('Chat in {0} cannot use BYOK models: that needs VS Code 1.104 or later. The Models page and Verify work here.', editorWithoutChat),
          ),
        ]
      : []),
    teamPanel.root,
    overview.root,
    utilityNote.root,
    addForm.root,
    providerList,
  );
  setProviders(providers);
  const remembered = vscode.getState()?.open;
  if (remembered && sections.has(remembered)) openSection(remembered, false);
  app.removeAttribute('aria-busy');
}

/** Keeps one section per provider, in the host's order, updating existing ones in place. */
function setProviders(providers: ProviderView[]): void {
  if (!providerList) return;
  const seen = new Set<string>();
  for (const view of providers) {
    seen.add(view.id);
    const existing = sections.get(view.id);
    if (existing) existing.update(view);
    else sections.set(view.id, new ProviderSection(view, send, toggleSection, editorFacts));
  }
  for (const [id, section] of sections) {
    if (seen.has(id)) continue;
    // A removed endpoint's section took focus with it: the button that adds one gets it.
    const hadFocus = section.root.contains(document.activeElement);
    section.root.remove();
    sections.delete(id);
    if (hadFocus) addForm?.openButton.focus();
  }
  // Sections that stay are not taken out and put back: that would drop a click or the focus in them.
  placeChildren(providerList, providers.map((p) => sections.get(p.id)!.root));
  views = providers;
  overview?.update(views);
  markTeamDisabled();
}

/** Sections of providers the adopted team setup does not allow say so, with its reason. */
function markTeamDisabled(): void {
  teamPanel?.setProviders(views);
  const notes = teamPanel?.disabledNotes(views) ?? new Map<string, string>();
  for (const section of sections.values()) {
    const note = notes.get(section.id);
    let line = section.root.querySelector<HTMLElement>(':scope > .team-disabled');
    if (!note) {
      line?.remove();
      delete section.root.dataset.teamDisabled;
      continue;
    }
    line ??= h('p', { class: 'team-disabled' });
    line.textContent = note;
    section.root.dataset.teamDisabled = 'true';
    section.root.firstElementChild?.after(line);
  }
}

/** The latest view of every provider, in the host's order, for the overview. */
let views: ProviderView[] = [];

function onMessage(message: ToPage): void {
  switch (message.type) {
    case 'init':
      // The answer to `ready` after a first state that came with the page: the same page, updated in place.
      if (providerList) return setProviders(message.providers);
      performance.mark('init-received'); // for the startup benchmark
      setBundle(message.l10n);
      editorWithoutChat = message.editorWithoutChat;
      chatMissing = message.chatMissing;
      editorFacts = { chat: !message.editorWithoutChat, keysInBrowser: message.keysInBrowser === true };
      renderPage(message.providers);
      document.body.dataset.ready = 'true';
      // Time from navigation to the first rendered state, for the startup benchmark.
      document.body.dataset.readyMs = String(Math.round(performance.now()));
      // Wall-clock mark: the benchmark compares it with the moment the command was run in the same browser.
      document.body.dataset.readyAt = String(Date.now());
      return;
    case 'state':
      return setProviders(message.providers);
    case 'provider': {
      const section = sections.get(message.provider.id);
      if (section) section.update(message.provider);
      views = views.map((v) => (v.id === message.provider.id ? message.provider : v));
      overview?.update(views);
      return;
    }
    case 'saved': {
      if (message.providerId === 'new') return addForm?.saved(message.ok, message.fieldErrors);
      const section = sections.get(message.providerId);
      section?.saved(message.ok, message.fieldErrors, section.lastSubmit === 'save');
      return;
    }
    case 'show':
      openSection(message.providerId, true);
      if (message.rotate) sections.get(message.providerId)?.startRotation();
      return;
    case 'added':
      openSection(message.providerId, false);
      return sections.get(message.providerId)?.focus();
    case 'notice':
      return showNotice(message);
    case 'teamSetup':
      teamPanel?.showTeamSetup(message);
      return markTeamDisabled();
    case 'environmentKeys':
      return teamPanel?.showEnvironmentKeys(message.keys);
    case 'configurationNotice':
      return teamPanel?.showNotice(message);
    case 'utilityModels':
      return utilityNote?.show(message);
    case 'monthSpend':
      return overview?.updateSpend(message);
  }
}

function receive(data: unknown): void {
  if (data && typeof data === 'object' && typeof (data as ToPage).type === 'string') onMessage(data as ToPage);
}
// The first state came with the page (see the host's modelsPageHtml): rendered at once. Then the
// messages that came while this script loaded, in order; then the rest.
const initialState = document.getElementById(INITIAL_STATE_ID)?.textContent;
if (initialState) receive(JSON.parse(initialState));
const early = boot.takeEarlyMessages();
window.addEventListener('message', (event: MessageEvent<unknown>) => receive(event.data));
for (const data of early) receive(data);
