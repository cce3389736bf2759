import type { ProviderView } from '../protocol/messages';
import type { MonthSpendView } from '../protocol/spendMessages';
import { domId, h } from './element';
import { updateChildren } from './keepUnchanged';
import { t } from './l10n';
import { overviewState } from './statusText';

type MonthSpend = MonthSpendView['providers'][string];

/**
 * What chat cost with a provider this month: "$0.04 · 3 answers"; answers of models without a
 * known price are counted, never priced ("2 answers, no price known").
 */
export function monthSpendText(spend: MonthSpend | undefined, locale: string): string {
  if (!spend?.requests) return '—';
  const answers = spend.requests === 1 ? t('1 answer') : t('{0} answers', spend.requests.toLocaleString(locale));
  const priced = spend.requests - spend.unpriced;
  if (priced === 0) return t('{0}, no price known', answers);
  const small = spend.costUsd > 0 && spend.costUsd < 0.01;
  const usd = new Intl.NumberFormat(locale, small ? { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 } : { style: 'currency', currency: 'USD' }).format(spend.costUsd);
  if (spend.unpriced === 0) return `${usd} · ${answers}`;
  return `${usd} · ${answers} ${spend.unpriced === 1 ? t('(1 without a known price)') : t('({0} without a known price)', spend.unpriced.toLocaleString(locale))}`;
}

/**
 * The top of the page: every provider with where it stands and what chat cost with it this month,
 * each a link that opens its section (one keyboard stop per provider, so jumping between providers
 * is a Tab or two away).
 */
export class Overview {
  readonly root: HTMLElement;
  private readonly rows: HTMLElement;
  private providers: readonly ProviderView[] = [];
  private spend: MonthSpendView | undefined;

  constructor(private readonly open: (providerId: string) => void) {
    this.rows = h('tbody');
    this.root = h(
      'nav',
      { class: 'overview', 'aria-labelledby': 'overview-title' },
      h('h2', { id: 'overview-title' }, t('Providers')),
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Provider')), h('th', { scope: 'col' }, t('State')), h('th', { scope: 'col' }, t('Chat this month')))),
        this.rows,
      ),
    );
  }

  update(providers: readonly ProviderView[]): void {
    this.providers = providers;
    this.render();
  }

  updateSpend(spend: MonthSpendView): void {
    this.spend = spend;
    this.render();
  }

  private render(): void {
    const locale = this.spend?.locale ?? document.documentElement.lang;
    // A provider's link keeps the keyboard focus when its row is drawn again (a result or an answer came in);
    // rows that did not change stay as they are (`keepUnchanged`).
    const focused = this.rows.contains(document.activeElement) ? document.activeElement : undefined;
    updateChildren(
      this.rows,
      this.providers.map((view) => {
        const state = overviewState(view);
        const link = h('a', { href: `#${domId('section', view.id)}`, id: domId('jump', view.id) }, view.displayName);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          this.open(view.id);
        });
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, link),
          h('td', {}, h('span', { class: 'chip', 'data-tone': state.tone }, state.text)),
          h('td', { class: 'spend' }, monthSpendText(this.spend?.providers[view.id], locale)),
        );
      }),
    );
    if (focused && !focused.isConnected && focused.id) document.getElementById(focused.id)?.focus();
  }
}
