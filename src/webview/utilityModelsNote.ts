import type { ToHost } from '../protocol/messages';
import type { UtilityModelsView } from '../protocol/utilityMessages';
import { h } from './element';
import { t } from './l10n';

/**
 * The offer of one of the user's own models for the chat's small tasks (chat titles, summaries),
 * which VS Code's chat lacks with BYOK models and no GitHub sign-in; then what was chosen.
 */
export class UtilityModelsNote {
  readonly root: HTMLElement = h('div', { class: 'utility-models', hidden: true });
  /** The confirmation stays while the page is open (the settings it wrote end the offer a moment later). */
  private applied = false;

  constructor(private readonly send: (message: ToHost) => void) {}

  show(view: UtilityModelsView): void {
    const { offer, applied } = view;
    if (applied) {
      this.applied = true;
      this.root.hidden = false;
      // The button that had focus is gone: the sentence that replaces it takes focus, so the keyboard stays here.
      const done = h(
        'p',
        { class: 'hint', role: 'status', tabindex: -1 },
        h('span', { class: 'codicon codicon-check', 'aria-hidden': 'true' }),
        ' ',
        t('The chat’s small tasks now use {0} ({1}). Change it in Settings: chat.utilityModel and chat.utilitySmallModel.', applied.name, applied.providerName),
      );
      const hadFocus = this.root.contains(document.activeElement);
      this.root.replaceChildren(done);
      if (hadFocus) done.focus();
      return;
    }
    if (!offer) {
      if (this.applied) return;
      this.root.hidden = true;
      this.root.replaceChildren();
      return;
    }
    this.applied = false;
    const { suggestion } = offer;
    const use = h('vscode-button', { secondary: true, id: 'use-utility-model' }, t('Use {0} for small tasks', suggestion.name));
    use.addEventListener('click', () => this.send({ type: 'setUtilityModels', vendor: suggestion.vendor, id: suggestion.id }));
    this.root.hidden = false;
    this.root.replaceChildren(
      h(
        'p',
        {},
        h('span', { class: 'codicon codicon-info', 'aria-hidden': 'true' }),
        ' ',
        t('VS Code’s chat also needs a model for small tasks (chat titles, summaries). With your own keys and no GitHub sign-in it has none, and shows “Set BYOK utility models”.'),
      ),
      h('div', { class: 'row' }, use),
      h(
        'p',
        { class: 'hint' },
        t('{0} of {1} is the smallest of your models in chat. Each small task is a short request billed to your key. This sets {2} in your user settings.', suggestion.name, suggestion.providerName, offer.missing.map((s) => `chat.${s}`).join(', ')),
      ),
    );
  }
}
