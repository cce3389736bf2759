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
import { AddEndpointForm } from './addEndpoint';
import { h } from './element';
import { setBundle, t } from './l10n';
import { PageNotice } from './pageNotice';
import { ProviderSection } from './providerSection';

declare function acquireVsCodeApi(): { postMessage(message: ToHost): void };
const vscode = acquireVsCodeApi();
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

function renderPage(providers: ProviderView[]): void {
  const app = document.getElementById('app')!;
  const noticeLine = h('div', { role: 'status', 'aria-live': 'polite', class: 'page-notice' });
  pageNotice = new PageNotice(noticeLine);
  providerList = h('div', { class: 'providers' });
  addForm = new AddEndpointForm(send);
  const verifyAll = h('vscode-button', {}, t('Verify all'));
  verifyAll.addEventListener('click', () => send({ type: 'verifyAll' }));
  app.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, t('BYOK Models')),
      h('p', { class: 'hint' }, t('Keys are kept in the editor’s secret storage on this machine. Other settings sync with your settings.')),
      h('div', { class: 'actions' }, verifyAll, addForm.openButton),
    ),
    // Outside the header, so `position: sticky` keeps it in view down the whole page.
    noticeLine,
    addForm.root,
    providerList,
  );
  setProviders(providers);
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
    else sections.set(view.id, new ProviderSection(view, send));
  }
  for (const [id, section] of sections) {
    if (seen.has(id)) continue;
    // A removed endpoint's section took focus with it: the button that adds one gets it.
    const hadFocus = section.root.contains(document.activeElement);
    section.root.remove();
    sections.delete(id);
    if (hadFocus) addForm?.openButton.focus();
  }
  providerList.replaceChildren(...providers.map((p) => sections.get(p.id)!.root));
}

function onMessage(message: ToPage): void {
  switch (message.type) {
    case 'init':
      setBundle(message.l10n);
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
      return;
    }
    case 'saved': {
      if (message.providerId === 'new') return addForm?.saved(message.ok, message.fieldErrors);
      const section = sections.get(message.providerId);
      section?.saved(message.ok, message.fieldErrors, section.lastSubmit === 'save');
      return;
    }
    case 'added':
      return sections.get(message.providerId)?.focus();
    case 'notice':
      return pageNotice?.show(message);
  }
}

window.addEventListener('message', (event: MessageEvent<ToPage>) => {
  if (event.data && typeof event.data === 'object' && typeof event.data.type === 'string') onMessage(event.data);
});
// Ask for the state as early as possible; the host answers with `init`.
send({ type: 'ready' });
