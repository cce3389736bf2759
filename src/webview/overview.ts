import type { ProviderView } from '../protocol/messages';
import { domId, h } from './element';
import { t } from './l10n';
import { overviewState } from './statusText';

/**
 * The top of the page: every provider with where it stands, each a link that opens its section
 * (one keyboard stop per provider, so jumping between providers is a Tab or two away).
 */
export class Overview {
  readonly root: HTMLElement;
  private readonly rows: HTMLElement;

  constructor(private readonly open: (providerId: string) => void) {
    this.rows = h('tbody');
    this.root = h(
      'nav',
      { class: 'overview', 'aria-labelledby': 'overview-title' },
      h('h2', { id: 'overview-title' }, t('Providers')),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Provider')), h('th', { scope: 'col' }, t('State')))), this.rows),
    );
  }

  update(providers: readonly ProviderView[]): void {
    this.rows.replaceChildren(
      ...providers.map((view) => {
        const state = overviewState(view);
        const link = h('a', { href: `#${domId('section', view.id)}`, id: domId('jump', view.id) }, view.displayName);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          this.open(view.id);
        });
        return h('tr', {}, h('th', { scope: 'row' }, link), h('td', {}, h('span', { class: 'chip', 'data-tone': state.tone }, state.text)));
      }),
    );
  }
}
