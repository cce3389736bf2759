import type { ProviderView, ToHost } from '../protocol/messages';
import { domId, h } from './element';
import { chatWithModelButton, diagnoseLink, justEnabledNote, offeredModelsNote } from './chatReadiness';
import { advancedOpen, draftFrom, emptyDraft, fieldsOf, formItems, keyPages, submission, type Draft, type FormItem } from './formSpec';
import { lookup, t } from './l10n';
import { modelTable, type TableCursor } from './modelTable';
import { canRotate, keyAgeLine, rotationChecklist, rotationForm, type RotationForm } from './rotateKey';
import { fallbackKeyBlock, type FallbackForm } from './fallbackKey';
import { stagedNotice } from './stagedNotice';
import { providerStatus, warningLines } from './statusText';
import { formItem, type EditorFacts, type SectionContext } from './sectionFields';
import { putTextSelection, textSelectionOf, updateChildren } from './keepUnchanged';
import { actionsRow } from './sectionActions';

type Send = (message: ToHost) => void;
type Focusable = HTMLElement & { updateComplete?: Promise<unknown> };

/**
 * One provider's region: a labelled <section> whose heading is its disclosure button, with the
 * status line (live region) beside it; when open: details, warnings, the model table, the form
 * (optional fields folded under "Advanced") and the actions. The draft survives updates from the
 * host; fields the user has not touched follow the stored settings.
 */
export class ProviderSection {
  readonly root: HTMLElement;
  private view: ProviderView;
  private draft: Draft;
  private readonly dirty = new Set<string>();
  private errors: Record<string, string> = {};
  private confirmingRemove = false;
  /** Set by "Yes, remove": the update that shows the provider removed moves focus into the emptied form. */
  private removing = false;
  private statusText = '';
  /** Open states the user chose, kept across re-renders. */
  private advanced: boolean | undefined;
  private detailsOpen = false;
  private readonly cursor: TableCursor = { row: 0, column: 0 };
  /** Which button the next `saved` answers (Save clears typed secrets at once; Verify after success; Rotate key's own form). */
  lastSubmit: 'save' | 'verify' | 'rotate' | 'fallback' = 'verify';
  /** The fallback key's field (cleared once the key is kept). */
  private readonly fallback: FallbackForm = { value: '' };
  /** Rotate key's form while it is open. */
  private rotation: RotationForm | undefined;
  private readonly toggle: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  /** The form stays while the section is open: its fields are updated in place (`keepUnchanged`). */
  private readonly form: HTMLFormElement;
  /** What the form's fields read and edit: the section's state as it is when they run, whatever render built them. */
  private readonly formContext: SectionContext;

  constructor(
    view: ProviderView,
    private readonly send: Send,
    /** The page keeps one section open: it is told when the user opens or closes this one. */
    private readonly onToggle: (section: ProviderSection, open: boolean) => void,
    private readonly editor: EditorFacts = { chat: true, keysInBrowser: false },
  ) {
    this.view = view;
    this.draft = draftFrom(view);
    const titleId = domId('title', view.id);
    const bodyId = domId('body', view.id);
    this.toggle = h('button', { type: 'button', class: 'disclosure', id: domId('open', view.id), 'aria-expanded': 'false', 'aria-controls': bodyId }, view.displayName);
    this.toggle.addEventListener('click', () => this.onToggle(this, !this.isOpen));
    this.status = h('div', { role: 'status', 'aria-live': 'polite', class: 'status' });
    this.body = h('div', { class: 'body', id: bodyId, hidden: true });
    // A <form autocomplete="off"> keeps the browser from saving the fields' values (form-associated
    // vscode-textfields included) in its session-restore state.
    this.form = h('form', { class: 'form', autocomplete: 'off' });
    // Enter in a text field submits the form (vscode-textfield calls requestSubmit): that is
    // Verify and save, the primary button. A textarea keeps Enter for new lines.
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit('verify');
    });
    const section = this;
    this.formContext = {
      get view() { return section.view; },
      get draft() { return section.draft; },
      get dirty() { return section.dirty; },
      get errors() { return section.errors; },
      get editor() { return section.editor; },
      send: (message) => this.send(message),
      render: (focusId) => this.render(focusId),
      button: this.button.bind(this),
    };
    this.root = h(
      'section',
      { class: 'provider', id: domId('section', view.id), 'aria-labelledby': titleId, 'data-provider': view.id },
      h('div', { class: 'provider-head' }, h('h2', { id: titleId }, this.toggle), this.status),
      this.body,
    );
    this.render();
  }

  get id() {
    return this.view.id;
  }

  get displayName() {
    return this.view.displayName;
  }

  get isOpen(): boolean {
    return !this.body.hidden;
  }

  /** Opens or folds the section; `focus` moves the keyboard to its heading (a jump from the overview). */
  setOpen(open: boolean, focus = false): void {
    if (open !== this.isOpen) {
      this.body.hidden = !open;
      this.toggle.setAttribute('aria-expanded', String(open));
      this.root.dataset.open = String(open);
      if (!open) this.confirmingRemove = false;
      this.render();
    }
    if (focus) {
      this.root.scrollIntoView({ block: 'start' });
      this.toggle.focus();
    }
  }

  update(view: ProviderView): void {
    const wasVerifying = this.view.verifying;
    // A rotation went through: its form gives way to the checklist, and nothing typed stays.
    if (view.rotation && view.rotation.rotatedAt !== this.view.rotation?.rotatedAt) this.rotation = undefined;
    // Staged settings gone (Revert, or applied): the form follows the working settings again.
    if (this.view.stagedSettings && !view.stagedSettings) this.dirty.clear();
    this.view = view;
    const stored = draftFrom(view);
    for (const key of new Set([...Object.keys(stored.values), ...Object.keys(this.draft.values)])) {
      if (!this.dirty.has(key)) this.draft.values[key] = stored.values[key] ?? '';
    }
    if (!this.dirty.has('deployments')) this.draft.deployments = stored.deployments;
    // A verified new key was committed by the host: the field goes back to "Stored · ends with …".
    if (wasVerifying && !view.verifying && view.lastResult?.ok && !view.rejectedDraft) this.draft.secrets = {};
    if (this.toggle.textContent !== view.displayName) this.toggle.textContent = view.displayName;
    // The Remove button that had focus is gone from a removed provider's form: its first field takes it.
    const focusAfterRemove = this.removing && !view.configured ? this.firstFieldId() : undefined;
    if (focusAfterRemove) this.removing = false;
    this.render(focusAfterRemove);
  }

  /** The host's answer to Save/Verify: field errors, or the values were stored. */
  saved(ok: boolean, fieldErrors: Record<string, string>, clearSecrets: boolean): void {
    if (this.lastSubmit === 'fallback') {
      this.fallback.error = fieldErrors.fallbackKey;
      if (ok) this.fallback.value = '';
      return this.render();
    }
    if (this.lastSubmit === 'rotate' && this.rotation) {
      // Field errors stay on the form; a check that fails keeps what was typed for another try.
      this.rotation.errors = fieldErrors;
      return this.render();
    }
    // The host names nested fields by their full path ("deployments.0.name"); the form by the row.
    // A name error may quote the name ("An endpoint named {0} already exists"): the one typed.
    this.errors = Object.fromEntries(
      Object.entries(fieldErrors).map(([k, v]) => [k.replace(/^(deployments\.\d+)\..*$/, '$1'), lookup(v, k === 'name' ? [(this.draft.values.name ?? '').trim()] : [])]),
    );
    if (ok) {
      this.dirty.clear();
      if (clearSecrets) this.draft.secrets = {};
    }
    this.render();
  }

  /** Rotate key, from the section's button or a reminder: its form opens with the new key's field focused. */
  startRotation(): void {
    if (!canRotate(this.view)) return;
    this.rotation = { values: {}, errors: {} };
    this.render(domId(this.view.id, 'button', 'rotate-submit'));
    const first = this.body.querySelector<HTMLElement>('form.rotate vscode-textfield');
    first?.focus();
  }

  /** A just-added endpoint: its section opens with the first field focused. */
  focus(): void {
    this.root.scrollIntoView({ block: 'start' });
    (this.root.querySelector('vscode-textfield') as HTMLElement | null)?.focus();
  }

  private firstFieldId(): string | undefined {
    const first = fieldsOf(formItems(this.view.kind, this.draft.values))[0];
    return first && domId(this.view.id, first.id);
  }

  private get primaryId(): string {
    return domId(this.view.id, 'button', 'verify');
  }

  private submit(type: 'save' | 'verify'): void {
    this.removing = false;
    const sub = submission(this.view, this.draft);
    this.errors = sub.errors;
    if (Object.keys(sub.errors).length) {
      const first = Object.keys(sub.errors)[0]!;
      // A field folded under "Advanced" must be visible to be fixed.
      if (fieldsOf(formItems(this.view.kind, this.draft.values)).some((f) => f.id === first && f.advanced)) this.advanced = true;
      this.render(domId(this.view.id, first));
      return;
    }
    this.lastSubmit = type;
    this.send({ type, providerId: this.view.id, settings: sub.settings, secrets: sub.secrets });
  }

  /**
   * `focusId`: the element to focus once rendered; by default the one that had focus, and when
   * that one is gone (Cancel verification ends with the check) the primary button, so focus never
   * falls back to the page body. (A new vscode-button only takes focus after its first update.)
   */
  private render(focusId?: string): void {
    const activeElement = document.activeElement instanceof HTMLElement && this.body.contains(document.activeElement) ? document.activeElement : undefined;
    const active = focusId ?? activeElement?.id ?? '';
    const caret = activeElement && !focusId ? textSelectionOf(activeElement) : undefined;
    this.renderStatus();
    if (!this.isOpen) {
      this.body.replaceChildren();
      return;
    }
    const items = formItems(this.view.kind, this.draft.values);
    const warnings = warningLines(this.view, this.editor.keysInBrowser);
    const advanced: HTMLElement[] = [];
    const fields: HTMLElement[] = [];
    for (const item of items) {
      const node = formItem(this.formContext, item);
      if (item.type === 'field' && item.field.advanced) advanced.push(node);
      else fields.push(node);
    }
    if (advanced.length) fields.push(this.advancedGroup(items, advanced));
    updateChildren(this.form, fields);
    const general = this.errors._;
    const keyPage = keyPages[this.view.kind];
    const chat = this.editor.chat;
    updateChildren(
      this.body,
      [
        // The one-click fix of the error the status line names, right under it.
        this.offeredFix(),
        this.detailsBlock(),
        rotationChecklist(this.view, this.send, this.button.bind(this)),
        this.rotationBlock(),
        fallbackKeyBlock(this.view, this.fallback, (message) => {
          this.lastSubmit = 'fallback';
          this.send(message);
        }, this.button.bind(this)),
        keyPage &&
          h(
            'p',
            { class: 'hint key-page' },
            h('span', { class: 'codicon codicon-key', 'aria-hidden': 'true' }),
            ' ',
            h('a', { href: keyPage, id: domId(this.view.id, 'key-page') }, t('Get a key at {0}', new URL(keyPage).hostname)),
          ),
        warnings.missing && h('p', { class: 'warning' }, h('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }), ' ', warnings.missing),
        warnings.endpointChanged &&
          h(
            'div',
            { class: 'warning' },
            h('p', {}, h('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }), ' ', warnings.endpointChanged),
            this.button(t('Send key to new endpoint'), () => this.send({ type: 'confirmEndpoint', providerId: this.view.id }), true),
          ),
        // What a verified provider is for comes first, above the credentials it already has.
        chat && justEnabledNote(this.view),
        chat && offeredModelsNote(this.view, this.send, this.button.bind(this)),
        modelTable(this.view, this.cursor, {
          setEnabled: (models) => this.send({ type: 'setEnabledModels', providerId: this.view.id, models }),
          test: (modelId) => this.send({ type: 'testModel', providerId: this.view.id, modelId }),
          rowButtons: (modelId) => (chat ? [chatWithModelButton(this.view, modelId, this.send, this.button.bind(this))] : []),
        }),
        chat && this.view.lastResult?.ok && this.view.lastResult.models.length ? this.button(t('Use in chat'), () => this.send({ type: 'useInChat', providerId: this.view.id }), true) : undefined,
        chat && diagnoseLink(this.view, this.send),
        stagedNotice(this.view, this.send),
        this.form,
        general && h('p', { class: 'message error' }, general, this.errors._detail ? h('span', { class: 'detail' }, ' ', this.errors._detail) : ''),
        this.actions(),
      ].filter((n): n is HTMLElement => !!n),
    );
    if (!active) return;
    const again = (this.body.querySelector<Focusable>(`#${CSS.escape(active)}`) ?? (activeElement ? this.body.querySelector<Focusable>(`#${CSS.escape(this.primaryId)}`) : null)) as Focusable | null;
    // Kept in place (nothing in it changed): it still has the focus, and its caret.
    if (again === activeElement) return;
    // Web components take focus once they have rendered their inner control.
    void (again?.updateComplete ?? Promise.resolve()).then(() => {
      again?.focus();
      if (again) putTextSelection(again, caret);
    });
  }

  /** Only a changed status is written, so screen readers announce news, not every re-render. */
  private renderStatus(): void {
    const status = providerStatus(this.view);
    this.status.dataset.state = status.state;
    const text = [status.summary, status.fix, status.note].join('\n');
    if (text === this.statusText) return;
    this.statusText = text;
    // Lines are blocks on screen; the spaces between them keep the status readable as one text.
    this.status.replaceChildren(
      h('span', { class: 'summary' }, status.summary),
      ...[status.fix && h('span', { class: 'fix' }, status.fix), status.note && h('span', { class: 'note' }, status.note)].flatMap((n) => (n ? [' ', n] : [])),
    );
  }

  /** The key's age with Rotate key, or Rotate key's form while it is open. */
  private rotationBlock(): HTMLElement | undefined {
    if (this.rotation && canRotate(this.view)) {
      const close = () => {
        this.rotation = undefined;
        this.render(domId(this.view.id, 'button', 'rotate'));
      };
      return rotationForm(this.view, this.rotation, (message) => {
        this.lastSubmit = 'rotate';
        this.send(message);
      }, this.button.bind(this), close);
    }
    const age = keyAgeLine(this.view);
    if (!age && !canRotate(this.view)) return undefined;
    return h('div', { class: 'row key-rotation' }, age, canRotate(this.view) && this.button(t('Rotate key'), () => this.startRotation(), true, { id: domId(this.view.id, 'button', 'rotate') }));
  }

  /** The rest of the last check (raw provider text, identity, stages, timing), folded. */
  private detailsBlock(): HTMLElement | undefined {
    const lines = providerStatus(this.view).details;
    if (!lines.length) return undefined;
    const details = h('details', { class: 'status-details', open: this.detailsOpen }, h('summary', {}, t('Details')), h('ul', {}, ...lines.map((line) => h('li', {}, line))));
    details.addEventListener('toggle', () => (this.detailsOpen = (details as HTMLDetailsElement).open));
    return details;
  }

  /** Optional fields, folded unless one is set or has an error; a native <details> works by keyboard. */
  private advancedGroup(items: readonly FormItem[], fields: HTMLElement[]): HTMLElement {
    const hasError = fieldsOf(items).some((f) => f.advanced && this.errors[f.id]);
    const open = hasError || (this.advanced ?? advancedOpen(items, this.draft));
    const summaryId = domId(this.view.id, 'advanced-summary');
    const group = h('details', { class: 'advanced', open, id: domId(this.view.id, 'advanced'), 'aria-labelledby': summaryId }, h('summary', { id: summaryId }, t('Advanced')), h('div', { class: 'advanced-fields' }, ...fields));
    group.addEventListener('toggle', () => (this.advanced = (group as HTMLDetailsElement).open));
    return group;
  }

  /** The one-click correction a failed check offered (a base URL with /v1), applied and verified by the host. */
  private offeredFix(): HTMLElement | undefined {
    const fix = this.view.verifying ? undefined : (this.view.rejectedDraft ?? this.view.lastResult)?.error?.fix;
    if (!fix) return undefined;
    return h(
      'div',
      { class: 'row' },
      this.button(t('Use {0} and verify', fix.baseUrl), () => this.send({ type: 'applyFix', providerId: this.view.id, fix })),
    );
  }

  /** Buttons get stable ids so focus stays on them when the section re-renders. */
  private button(label: string, onClick: () => void, secondary = false, extra: Record<string, string> = {}): HTMLElement {
    const b = h('vscode-button', { secondary, id: domId(this.view.id, 'button', label), ...extra }, label);
    b.addEventListener('click', onClick);
    return b;
  }

  /** Something is stored (settings or a key): only then is there anything to remove. */
  private get hasStored(): boolean {
    return this.view.configured || Object.values(this.view.secrets).some((s) => s.present);
  }

  private actions(): HTMLElement {
    const id = this.view.id;
    return actionsRow({
      view: this.view,
      hasStored: this.hasStored,
      confirmingRemove: this.confirmingRemove,
      primaryId: this.primaryId,
      button: this.button.bind(this),
      submit: (type) => this.submit(type),
      cancelVerify: () => this.send({ type: 'cancelVerify', providerId: id }),
      setConfirmingRemove: (confirming) => {
        this.confirmingRemove = confirming;
        // Focus goes to the question's Cancel, and back to Remove when it is answered no.
        this.render(domId(id, 'button', confirming ? 'cancel-remove' : 'remove'));
      },
      remove: () => {
        this.confirmingRemove = false;
        // Nothing typed outlives the removal: a later Save must not store the old draft's key.
        this.draft = emptyDraft(this.view);
        this.dirty.clear();
        this.errors = {};
        this.removing = true;
        this.render(this.primaryId);
        this.send({ type: 'remove', providerId: id });
      },
    });
  }
}
