import { budgetSettingsFromForm, type BudgetFieldErrors, type BudgetForm } from '../../core/costs/budgetForm';
import type { BudgetSettings } from '../../core/costs/budgets';
import type { UsageView } from '../../protocol/usageMessages';
import { domId, h } from '../element';
import { lookup, t } from '../l10n';

interface LimitFields {
  monthly: HTMLInputElement;
  daily: HTMLInputElement;
}

const amountText = (usd: number | undefined) => (usd === undefined ? '' : String(usd));

/**
 * The budget editor of the usage view: monthly and daily limits, overall and per provider, and
 * "stop at the limit". It stays in place while the figures around it refresh (an answer recorded
 * in another window must not wipe what the user is typing); it takes the saved settings again
 * only while the user has not changed a field.
 */
export class BudgetEditor {
  readonly element: HTMLFormElement;
  private readonly rows: HTMLElement;
  private readonly stop: HTMLInputElement;
  private readonly askAbove: HTMLInputElement;
  private readonly invalidNote: HTMLElement;
  private readonly summary: HTMLElement;
  private overall: LimitFields | undefined;
  private providers = new Map<string, LimitFields>();
  private errors = new Map<string, HTMLElement>();
  private shownKey = '';
  private edited = false;

  constructor(private readonly save: (form: BudgetForm) => void) {
    this.rows = h('tbody', {});
    this.stop = h('input', { type: 'checkbox', id: 'budget-stop' });
    // Named by its visible <label> below.
    this.askAbove = this.amountField('askAbove');
    this.invalidNote = h('p', { class: 'page-notice', 'data-kind': 'error', hidden: true });
    this.summary = h('p', { class: 'page-notice', role: 'status', 'aria-live': 'polite' });
    const saveButton = h('vscode-button', {}, t('Save budgets'));
    saveButton.addEventListener('click', () => this.submit());
    this.element = h(
      'form',
      { class: 'budget-editor', 'aria-labelledby': 'budget-editor-heading', novalidate: true, autocomplete: 'off' },
      h('h3', { id: 'budget-editor-heading' }, t('Set budgets')),
      h('p', { class: 'hint' }, t('Limits in US dollars; leave a field empty for no limit. At 80 % and 100 % of a limit a notification says so, once per day or month.')),
      this.invalidNote,
      h(
        'table',
        { class: 'budget-fields' },
        h('caption', {}, t('Budget limits')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Applies to')), h('th', { scope: 'col' }, t('Monthly limit (USD)')), h('th', { scope: 'col' }, t('Daily limit (USD)')))),
        this.rows,
      ),
      h('p', {}, this.stop, h('label', { for: 'budget-stop' }, t('Stop at the limit: refuse chat requests once a limit is reached (nothing is sent)'))),
      h(
        'p',
        { class: 'budget-ask' },
        h('label', { for: this.askAbove.id }, t('Ask before a request estimated above (USD)')),
        this.askAbove,
        this.errors.get('askAbove')!,
        h('span', { class: 'hint' }, t('Estimated from the prompt’s tokens and the model’s input price; empty: never ask.')),
      ),
      h('div', { class: 'actions' }, saveButton),
      this.summary,
    );
    this.element.addEventListener('submit', (event) => event.preventDefault());
    // Enter in an amount saves, as in the Models page's forms.
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'text') {
        event.preventDefault();
        this.submit();
      }
    });
    this.element.addEventListener('input', () => {
      this.edited = true;
      this.summary.textContent = '';
    });
  }

  /** Fills the fields from the settings, unless the user is in the middle of changing them. */
  show(view: UsageView): void {
    const key = JSON.stringify([view.budgetSettings, view.budgetProviders]);
    this.invalidNote.hidden = !view.budgetSettingsInvalid;
    this.invalidNote.textContent = view.budgetSettingsInvalid ? t('Your setting byok.budgets is not valid, so no budget applies now. Saving here replaces it.') : '';
    if (this.edited || key === this.shownKey) return;
    this.shownKey = key;
    this.fill(view.budgetSettings, view.budgetProviders);
  }

  private fill(settings: BudgetSettings, providers: UsageView['budgetProviders']): void {
    for (const key of this.errors.keys()) if (key !== 'askAbove') this.errors.delete(key);
    this.providers.clear();
    this.overall = this.row('', t('All providers together'), settings.monthlyUsd, settings.dailyUsd);
    const rows = [this.overall.monthly.closest('tr')!];
    for (const { id, name } of providers) {
      const own = settings.providers?.[id];
      const fields = this.row(id, name, own?.monthlyUsd, own?.dailyUsd);
      this.providers.set(id, fields);
      rows.push(fields.monthly.closest('tr')!);
    }
    this.rows.replaceChildren(...rows);
    this.stop.checked = settings.stopAtLimit === true;
    this.askAbove.value = amountText(settings.askAboveUsd);
    this.askAbove.removeAttribute('aria-invalid');
    this.errors.get('askAbove')!.textContent = '';
  }

  /** One row: a label and two amount fields, each with room for its error. */
  private row(providerId: string, name: string, monthly: number | undefined, daily: number | undefined): LimitFields {
    const field = (period: 'monthly' | 'daily', value: number | undefined) => {
      const key = providerId ? `${providerId}/${period}` : period;
      const label = period === 'monthly' ? t('Monthly limit for {0}, in US dollars', name) : t('Daily limit for {0}, in US dollars', name);
      const input = this.amountField(key, label);
      input.value = amountText(value);
      return { input, cell: h('td', {}, input, this.errors.get(key)!) };
    };
    const m = field('monthly', monthly);
    const d = field('daily', daily);
    h('tr', {}, h('th', { scope: 'row' }, name), m.cell, d.cell);
    return { monthly: m.input, daily: d.input };
  }

  /** An amount field (`label`: its name where no visible label names it), with room for its error (registered under `key`). */
  private amountField(key: string, label?: string): HTMLInputElement {
    const id = domId('budget', key);
    this.errors.set(key, h('span', { class: 'field-error', id: `${id}-error` }));
    return h('input', { type: 'text', inputmode: 'decimal', id, 'aria-label': label, 'aria-describedby': `${id}-error` });
  }

  private form(): BudgetForm {
    const providers: BudgetForm['providers'] = {};
    for (const [id, fields] of this.providers) providers[id] = { monthly: fields.monthly.value, daily: fields.daily.value };
    return { monthly: this.overall?.monthly.value ?? '', daily: this.overall?.daily.value ?? '', stopAtLimit: this.stop.checked, askAbove: this.askAbove.value, providers };
  }

  private submit(): void {
    const form = this.form();
    // Checked here for an answer at once; the host checks again before it writes the setting.
    const result = budgetSettingsFromForm(form);
    if ('errors' in result) return this.showErrors(result.errors);
    this.showErrors({});
    this.save(form);
  }

  /** Marks each field that needs a fix with its reason, says how many, and moves focus to the first. */
  showErrors(errors: BudgetFieldErrors): void {
    let first: HTMLInputElement | undefined;
    for (const [key, span] of this.errors) {
      const error = errors[key];
      span.textContent = error ? lookup(error.message, error.args) : '';
      const input = this.element.querySelector<HTMLInputElement>(`#${domId('budget', key)}`);
      if (!input) continue;
      if (error) {
        input.setAttribute('aria-invalid', 'true');
        first ??= input;
      } else input.removeAttribute('aria-invalid');
    }
    const count = Object.keys(errors).length;
    this.summary.dataset.kind = count ? 'error' : '';
    this.summary.textContent = count === 0 ? '' : count === 1 ? t('Budgets not saved: one field needs a fix.') : t('Budgets not saved: {0} fields need a fix.', count);
    first?.focus();
  }

  /** After the host wrote the setting: the next settings it sends are shown again. */
  saved(text: string): void {
    this.edited = false;
    this.shownKey = '';
    this.summary.dataset.kind = '';
    this.summary.textContent = text;
  }
}
