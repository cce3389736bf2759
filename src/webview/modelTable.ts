import type { ProviderView } from '../protocol/messages';
import { domId, h } from './element';
import { t } from './l10n';
import { modelCapabilities, modelContext, modelResultLine, usageText } from './statusText';

/** Where the roving focus of a model table sits, kept by the section across re-renders. */
export interface TableCursor {
  row: number;
  column: number;
}

export interface ModelTableActions {
  setEnabled(models: string[]): void;
  test(modelId: string): void;
  /** More buttons for a model's row (before its Test), e.g. "Chat" with that model. */
  rowButtons?(modelId: string): HTMLElement[];
}

/** What in a row takes focus, in order: the "in chat" checkbox, then the row's buttons. */
const ROW_CONTROLS = 'input[type="checkbox"], vscode-button, button, a[href]';

/**
 * A provider's models as one table and one keyboard stop (an ARIA grid): Tab enters it, the arrow
 * keys move between rows and the controls of a row, Space toggles "in chat", Tab leaves it.
 * Exactly one control has tabindex 0; the others -1 (roving tabindex).
 */
export function modelTable(view: ProviderView, cursor: TableCursor, actions: ModelTableActions): HTMLElement | undefined {
  const result = view.lastResult;
  if (!result?.ok || !result.models.length) return undefined;
  const titleId = domId('models', view.id);
  const enabled = new Set(view.enabledModels);
  const body = h('tbody');
  result.models.forEach((model, index) => {
    const label = model.name ?? model.id;
    const nameId = domId(view.id, 'model', model.id);
    const box = h('input', { type: 'checkbox', id: domId(view.id, 'inchat', model.id), value: model.id, 'aria-labelledby': nameId });
    box.checked = enabled.has(model.id);
    box.addEventListener('change', () => {
      actions.setEnabled([...body.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((b) => b.checked).map((b) => b.value));
    });
    // Listing models proves the key; only a call to a model proves quota and access to it.
    // (Azure's verification already calls every deployment.)
    const test =
      view.kind !== 'azure' &&
      h('vscode-button', { secondary: true, id: domId(view.id, 'test', model.id), 'aria-label': t('Test {0} with a tiny request', label), class: 'test-model' }, t('Test'));
    if (test) test.addEventListener('click', () => actions.test(model.id));
    const used = view.usage?.[model.id];
    // The model's own check (its Test, or an Azure deployment's call) is said on its row.
    const checked = result.modelResults?.[model.id];
    body.append(
      h(
        'tr',
        { 'data-model': model.id, 'aria-rowindex': index + 2 },
        h(
          'td',
          { class: 'name' },
          h('span', { id: nameId }, label),
          model.name && model.name !== model.id ? h('span', { class: 'meta id' }, model.id) : '',
          used && h('span', { class: 'meta usage' }, usageText(used)),
          checked && h('span', { class: `meta row-result ${checked.ok ? 'ok' : 'error'}` }, modelResultLine(model.id, checked)),
        ),
        h('td', { class: 'context' }, modelContext(model)),
        h('td', { class: 'capabilities' }, modelCapabilities(model)),
        h('td', { class: 'in-chat' }, box),
        h('td', { class: 'row-actions' }, ...(actions.rowButtons?.(model.id) ?? []), test),
      ),
    );
  });
  // Rows that failed their own check and are not offered (a wrong Azure deployment): said here, by name.
  for (const [id, checked] of Object.entries(result.modelResults ?? {})) {
    if (result.models.some((m) => m.id === id)) continue;
    body.append(h('tr', { 'data-model': id, 'aria-rowindex': body.children.length + 2 }, h('td', { class: 'name', colspan: 5 }, h('span', { class: `meta row-result ${checked.ok ? 'ok' : 'error'}` }, modelResultLine(id, checked, true)))));
  }
  const table = h(
    'table',
    { role: 'grid', class: 'models', 'aria-labelledby': titleId, 'aria-rowcount': body.children.length + 1 },
    h(
      'thead',
      {},
      h('tr', { 'aria-rowindex': 1 }, h('th', { scope: 'col' }, t('Model')), h('th', { scope: 'col' }, t('Context')), h('th', { scope: 'col' }, t('Capabilities')), h('th', { scope: 'col' }, t('In chat')), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('Actions')))),
    ),
    body,
  );
  table.addEventListener('keydown', (event) => moveFocus(body, cursor, event));
  // Focus arriving by click or by the section's restore moves the roving stop with it.
  table.addEventListener('focusin', (event) => {
    const at = positionOf(body, event.target as Element);
    if (at) Object.assign(cursor, at);
    applyTabStops(body, cursor);
  });
  applyTabStops(body, cursor);
  return h(
    'div',
    { class: 'group models-group', role: 'group', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, t('Models for chat')),
    h('p', { class: 'hint' }, t('Checked models appear in the chat model picker. Arrow keys move between models, Space switches one on or off.')),
    table,
  );
}

/** The rows the keyboard moves between: those with a control (a failed deployment's row has none). */
function rowsOf(body: HTMLElement): HTMLElement[] {
  return [...body.querySelectorAll<HTMLElement>(':scope > tr')].filter((row) => controlsOf(row).length > 0);
}

function controlsOf(row: HTMLElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(ROW_CONTROLS)];
}

function positionOf(body: HTMLElement, target: Element): TableCursor | undefined {
  const rows = rowsOf(body);
  for (let row = 0; row < rows.length; row++) {
    const column = controlsOf(rows[row]!).findIndex((c) => c === target || c.contains(target));
    if (column >= 0) return { row, column };
  }
  return undefined;
}

/** Keeps the cursor inside the table (rows come and go) and gives only its control a Tab stop. */
function applyTabStops(body: HTMLElement, cursor: TableCursor): HTMLElement | undefined {
  const rows = rowsOf(body);
  if (!rows.length) return undefined;
  cursor.row = Math.min(Math.max(cursor.row, 0), rows.length - 1);
  const controls = controlsOf(rows[cursor.row]!);
  cursor.column = Math.min(Math.max(cursor.column, 0), controls.length - 1);
  let current: HTMLElement | undefined;
  rows.forEach((row, r) =>
    controlsOf(row).forEach((control, c) => {
      const isCurrent = r === cursor.row && c === cursor.column;
      setTabStop(control, isCurrent);
      if (isCurrent) current = control;
    }),
  );
  return current;
}

/**
 * A vscode-button resets its tabindex to 0 in its first update (its `disabled` handling): the
 * wanted value is kept on the element and applied again once that update is done.
 */
function setTabStop(control: HTMLElement & { updateComplete?: Promise<unknown> }, isStop: boolean): void {
  control.dataset.tabStop = String(isStop);
  control.tabIndex = isStop ? 0 : -1;
  void control.updateComplete?.then(() => {
    control.tabIndex = control.dataset.tabStop === 'true' ? 0 : -1;
  });
}

function moveFocus(body: HTMLElement, cursor: TableCursor, event: KeyboardEvent): void {
  const rows = rowsOf(body);
  const last = rows.length - 1;
  const next = { ...cursor };
  switch (event.key) {
    case 'ArrowDown': next.row = Math.min(cursor.row + 1, last); break;
    case 'ArrowUp': next.row = Math.max(cursor.row - 1, 0); break;
    case 'ArrowRight': next.column = cursor.column + 1; break;
    case 'ArrowLeft': next.column = Math.max(cursor.column - 1, 0); break;
    case 'Home': next.row = 0; break;
    case 'End': next.row = last; break;
    default: return;
  }
  event.preventDefault();
  Object.assign(cursor, next);
  applyTabStops(body, cursor)?.focus();
}
