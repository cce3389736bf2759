import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { BudgetStatus } from '../../core/costs/budgets';
import type { UsageTotals } from '../../core/costs/usageSummary';
import type { UsageToHost, UsageToPage, UsageView } from '../../protocol/usageMessages';
import { h } from '../element';
import { setBundle, t } from '../l10n';
import { BudgetEditor } from './budgetEditor';
import { dailyCostChart } from './chart';

declare function acquireVsCodeApi(): { postMessage(message: UsageToHost): void };
const vscode = acquireVsCodeApi();

(globalThis as { litNonce?: string }).litNonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;

let usd: Intl.NumberFormat;
let count: Intl.NumberFormat;
const notice = h('div', { role: 'status', 'aria-live': 'polite', class: 'page-notice' });

let smallUsd: Intl.NumberFormat;

/** Amounts under a cent keep two significant digits ($0.000031), never shown as $0.00. */
function money(value: number): string {
  return value > 0 && value < 0.01 ? smallUsd.format(value) : usd.format(value);
}

/** A cost cell: priced answers in USD, plus how many had no known price; never a guessed figure. */
function costText(totals: UsageTotals): string {
  if (totals.requests > 0 && totals.unpriced === totals.requests) return t('no price known');
  const cost = money(totals.costUsd);
  return totals.unpriced ? t('{0} + {1} without a known price', cost, count.format(totals.unpriced)) : cost;
}

function totalsTable(caption: string, firstColumn: string, rows: { label: string; totals: UsageTotals }[]): HTMLTableElement {
  const head = [firstColumn, t('Requests'), t('Input tokens'), t('Cached input'), t('Output tokens'), t('Reasoning'), t('Cost')];
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((text, i) => h('th', { scope: 'col', class: i ? 'number' : undefined }, text)))),
    h(
      'tbody',
      {},
      ...(rows.length
        ? rows.map(({ label, totals }) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, label),
              ...[totals.requests, totals.input, totals.cacheRead + totals.cacheWrite, totals.output, totals.reasoning].map((n) => h('td', { class: 'number' }, count.format(n))),
              h('td', { class: 'number' }, costText(totals)),
            ),
          )
        : [h('tr', {}, h('td', { colspan: head.length }, t('No answers yet.')))]),
    ),
  );
}

function budgetLine(budget: BudgetStatus, names: Record<string, string>): HTMLElement {
  const scope = budget.provider ? (names[budget.provider] ?? budget.provider) : t('all providers');
  const label = budget.period === 'month' ? t('Monthly budget, {0}', scope) : t('Daily budget, {0}', scope);
  const percent = Math.round((budget.spentUsd / budget.limitUsd) * 100);
  const id = `budget-${budget.period}-${budget.provider ?? 'all'}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return h(
    'li',
    {},
    h('label', { for: id }, label),
    h('meter', { id, min: 0, max: budget.limitUsd, low: budget.limitUsd * 0.8, high: budget.limitUsd * 0.99, optimum: 0, value: Math.min(budget.spentUsd, budget.limitUsd) }),
    h('span', {}, t('{0} of {1} ({2} %)', money(budget.spentUsd), money(budget.limitUsd), percent)),
  );
}

/** A gateway's own budget for the key, beside ours: its figures are the ones it enforces. */
function gatewayLine({ provider, budget, checkedAt }: UsageView['gatewayBudgets'][number], locale: string): HTMLElement {
  const when = new Date(checkedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const spent = money(budget.spentUsd ?? 0);
  const figures =
    budget.limitUsd !== undefined
      ? t('{0} left of {1} ({2} spent), as {3} reported at the Verify of {4}', money(budget.remainingUsd ?? budget.limitUsd - (budget.spentUsd ?? 0)), money(budget.limitUsd), spent, budget.gateway, when)
      : t('{0} spent, no limit set for this key at {1} (Verify of {2})', spent, budget.gateway, when);
  return h('li', {}, h('span', { class: 'gateway-name' }, t('{0}’s own limit', provider)), h('span', {}, figures));
}

function button(label: string, message: UsageToHost, secondary = true): HTMLElement {
  const b = h('vscode-button', { secondary }, label);
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

const editor = new BudgetEditor((form) => vscode.postMessage({ type: 'saveBudgets', form }));
/** Parts refreshed with every new figure; the budget editor between them stays (see BudgetEditor). */
const parts = { header: h('header', {}), totals: h('section', { 'aria-labelledby': 'totals-heading' }), budgets: h('div', {}), rest: h('div', {}) };

function render(view: UsageView): void {
  setBundle(view.l10n);
  usd = new Intl.NumberFormat(view.locale, { style: 'currency', currency: 'USD' });
  smallUsd = new Intl.NumberFormat(view.locale, { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 });
  count = new Intl.NumberFormat(view.locale);
  const { summary } = view;
  const name = (id: string) => view.providerNames[id] ?? id;
  const modelLabel = (key: string) => {
    const [provider, ...model] = key.split(' / ');
    return `${model.join(' / ')} · ${name(provider!)}`;
  };
  const app = document.getElementById('app')!;
  if (!app.contains(editor.element)) {
    parts.header.replaceChildren(
      h('h1', {}, t('Usage and Costs')),
      h('p', { class: 'hint' }, t('Estimated from the tokens each provider reported and list prices in USD (or your own prices in byok.prices). The provider’s invoice is the truth.')),
      h('div', { class: 'actions' }, button(t('Export CSV'), { type: 'exportCsv' }, false), button(t('Edit prices'), { type: 'editPrices' }), button(t('Open the Models page'), { type: 'openModels' })),
    );
    app.replaceChildren(
      parts.header,
      notice,
      parts.totals,
      h('section', { 'aria-labelledby': 'budgets-heading' }, h('h2', { id: 'budgets-heading' }, t('Budgets')), parts.budgets, editor.element),
      parts.rest,
    );
  }
  parts.totals.replaceChildren(
    h('h2', { id: 'totals-heading' }, t('Totals')),
    totalsTable(t('Totals by period'), t('Period'), [
      { label: t('Today'), totals: summary.today },
      { label: t('This month'), totals: summary.thisMonth },
      { label: t('Last month'), totals: summary.lastMonth },
    ]),
  );
  parts.budgets.replaceChildren(
    view.budgets.length ? h('ul', { class: 'budgets', 'aria-label': t('Spent against each budget') }, ...view.budgets.map((b) => budgetLine(b, view.providerNames))) : h('p', {}, t('No budget set.')),
    ...(view.budgets.length ? [h('p', { class: 'hint' }, view.stopAtLimit ? t('Chat stops at a reached limit.') : t('Reaching a limit warns; chat goes on.'))] : []),
    ...(view.gatewayBudgets.length ? [h('ul', { class: 'budgets', 'aria-label': t('Limits your gateways keep for your keys') }, ...view.gatewayBudgets.map((g) => gatewayLine(g, view.locale)))] : []),
  );
  editor.show(view);
  parts.rest.replaceChildren(
    h(
      'section',
      { 'aria-labelledby': 'daily-heading' },
      h('h2', { id: 'daily-heading' }, t('Daily cost, last 30 days')),
      dailyCostChart(summary.daily, { money, modelLabel, locale: view.locale }),
    ),
    h(
      'section',
      { 'aria-labelledby': 'breakdown-heading' },
      h('h2', { id: 'breakdown-heading' }, t('This month')),
      totalsTable(t('By provider'), t('Provider'), summary.byProvider.map((r) => ({ label: name(r.key), totals: r }))),
      totalsTable(t('By model'), t('Model'), summary.byModel.map((r) => ({ label: modelLabel(r.key), totals: r }))),
      totalsTable(t('By workspace'), t('Workspace'), summary.byWorkspace.map((r) => ({ label: r.key || t('(no folder open)'), totals: r }))),
    ),
    h(
      'section',
      { 'aria-labelledby': 'billing-heading' },
      h('h2', { id: 'billing-heading' }, t('Your providers’ own usage and billing pages')),
      view.billing.length
        ? h('ul', {}, ...view.billing.map((b) => h('li', {}, h('a', { href: b.url }, t('{0}: usage and billing', b.name)))))
        : h('p', {}, t('No provider is set up yet.')),
    ),
  );
  app.removeAttribute('aria-busy');
}

window.addEventListener('message', (event: MessageEvent<UsageToPage>) => {
  const message = event.data;
  if (message.type === 'usage') render(message);
  else if (message.type === 'notice') notice.textContent = message.text;
  else if (message.type === 'budgetsSaved') editor.saved(message.text);
  else if (message.type === 'budgetErrors') editor.showErrors(message.errors);
});
vscode.postMessage({ type: 'ready' });
