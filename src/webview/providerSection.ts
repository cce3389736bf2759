import type { ProviderView, ToHost } from '../protocol/messages';
import { domId, h } from './element';
import { chatWithModelButton, diagnoseLink, justEnabledNote, offeredModelsNote } from './chatReadiness';
import { advancedOpen, checkField, draftFrom, emptyDraft, fieldsOf, formItems, keyPages, submission, type ChoiceSpec, type Draft, type FieldSpec, type FormItem } from './formSpec';
import { lookup, t } from './l10n';
import { modelTable, type TableCursor } from './modelTable';
import { canRotate, keyAgeLine, rotationChecklist, rotationForm, type RotationForm } from './rotateKey';
import { fallbackKeyBlock, type FallbackForm } from './fallbackKey';
import { stagedNotice } from './stagedNotice';
import { providerStatus, secretState, syncedWithoutKey, warningLines } from './statusText';
import { trustPolicyFor } from './trustPolicy';

type Send = (message: ToHost) => void;
type Input = HTMLElement & { value: string; invalid: boolean };
type Focusable = HTMLElement & { updateComplete?: Promise<unknown> };

/**
 * One provider's region: a labelled <section> whose heading is its disclosure button, with the
 * status line (live region) beside it; when open: details, warnings, the model table, the form
 * (optional fields folded under "Advanced") and the actions. The draft survives updates from the
 * host; fields the user has not touched follow the stored settings.
 */
/** What the editor the page runs in can do, from `init`. */
export interface EditorFacts {
  /** False where its chat cannot use BYOK models: nothing offers the chat then (the page says why). */
  chat: boolean;
  /** Its secret storage is the browser's (code-server and other web editors): a key saved in another browser is not here. */
  keysInBrowser: boolean;
}

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
    this.renderStatus();
    if (!this.isOpen) {
      this.body.replaceChildren();
      return;
    }
    const items = formItems(this.view.kind, this.draft.values);
    const warnings = warningLines(this.view, this.editor.keysInBrowser);
    // A <form autocomplete="off"> keeps the browser from saving the fields' values (form-associated
    // vscode-textfields included) in its session-restore state.
    const form = h('form', { class: 'form', autocomplete: 'off' });
    // Enter in a text field submits the form (vscode-textfield calls requestSubmit): that is
    // Verify and save, the primary button. A textarea keeps Enter for new lines.
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit('verify');
    });
    const advanced: HTMLElement[] = [];
    for (const item of items) {
      const node = this.item(item);
      if (item.type === 'field' && item.field.advanced) advanced.push(node);
      else form.append(node);
    }
    if (advanced.length) form.append(this.advancedGroup(items, advanced));
    const general = this.errors._;
    const keyPage = keyPages[this.view.kind];
    const chat = this.editor.chat;
    this.body.replaceChildren(
      ...[
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
        form,
        general && h('p', { class: 'message error' }, general, this.errors._detail ? h('span', { class: 'detail' }, ' ', this.errors._detail) : ''),
        this.actions(),
      ].filter((n): n is HTMLElement => !!n),
    );
    if (!active) return;
    const again = (this.body.querySelector<Focusable>(`#${CSS.escape(active)}`) ?? (activeElement ? this.body.querySelector<Focusable>(`#${CSS.escape(this.primaryId)}`) : null)) as Focusable | null;
    // Web components take focus once they have rendered their inner control.
    void (again?.updateComplete ?? Promise.resolve()).then(() => again?.focus());
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

  private item(item: FormItem): HTMLElement {
    switch (item.type) {
      case 'field': return this.field(item.field);
      case 'choice': return this.choice(item.choice);
      case 'deployments': return this.deployments();
      case 'externalId': return this.externalId();
    }
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

  private messageFor(id: string, check: { error?: string; warning?: string }): HTMLElement {
    const text = this.errors[id] ?? check.error ?? check.warning;
    return h('div', { id: domId(this.view.id, id, 'msg'), class: `message ${this.errors[id] || check.error ? 'error' : 'warning'}` }, text);
  }

  private field(spec: FieldSpec): HTMLElement {
    const id = domId(this.view.id, spec.id);
    const value = spec.secret ? (this.draft.secrets[spec.id] ?? '') : (this.draft.values[spec.id] ?? '');
    const stored = this.view.secrets[spec.id];
    // The last four characters identify a key; of a block of header lines they say nothing ("y: b").
    const state = spec.secret ? secretState(spec.multiline ? stored && { present: stored.present } : stored) : undefined;
    const missing = spec.secret && syncedWithoutKey(this.view) && this.view.missingOnThisMachine.includes(spec.id) ? (this.editor.keysInBrowser ? t('Not stored in this browser') : t('Not stored on this machine')) : undefined;
    const placeholder = state ? t('Leave empty to keep the stored value') : spec.placeholder;
    const input = h(spec.multiline ? 'vscode-textarea' : 'vscode-textfield', {
      id,
      type: spec.secret && !spec.multiline && !spec.clear ? 'password' : undefined,
      placeholder,
      rows: spec.multiline ? 3 : undefined,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${id}-help ${id}-about ${domId(this.view.id, spec.id, 'msg')}`,
    }) as unknown as Input;
    input.value = value;
    const check = checkField(this.view.kind, spec, value);
    input.invalid = !!(this.errors[spec.id] ?? check.error);
    const message = this.messageFor(spec.id, check);
    input.addEventListener('input', () => {
      if (spec.secret) this.draft.secrets[spec.id] = input.value;
      else {
        this.draft.values[spec.id] = input.value;
        this.dirty.add(spec.id);
      }
      delete this.errors[spec.id];
      const now = checkField(this.view.kind, spec, input.value);
      input.invalid = !!now.error;
      message.className = `message ${now.error ? 'error' : 'warning'}`;
      message.textContent = now.error ?? now.warning ?? '';
    });
    return h(
      'div',
      { class: 'field' },
      h('vscode-label', { for: id }, spec.label),
      input as unknown as HTMLElement,
      h('vscode-form-helper', { id: `${id}-help` }, state ?? missing ?? ''),
      spec.help && h('vscode-form-helper', { id: `${id}-about` }, spec.help),
      spec.id === 'profile' && this.profileChoices(input),
      message,
    );
  }

  /** The profiles in the user's AWS config files, one click each (names only; the host never reads their keys for this). */
  private profileChoices(input: Input): HTMLElement | undefined {
    const profiles = this.view.awsProfiles ?? [];
    if (!profiles.length) return undefined;
    const titleId = domId(this.view.id, 'profiles');
    return h(
      'div',
      { class: 'row profiles', role: 'group', 'aria-labelledby': titleId },
      h('span', { class: 'hint', id: titleId }, t('Profiles found:')),
      ...profiles.map((name) =>
        this.button(name, () => {
          input.value = name;
          this.draft.values.profile = name;
          this.dirty.add('profile');
          this.render(domId(this.view.id, 'profile'));
        }, true, { id: domId(this.view.id, 'use-profile', name), 'aria-label': t('Use profile {0}', name), 'aria-pressed': String(this.draft.values.profile === name) }),
      ),
    );
  }

  private choice(choice: ChoiceSpec): HTMLElement {
    const id = domId(this.view.id, choice.id);
    const current = this.draft.values[choice.id] || choice.options[0]!.value;
    const group = h(
      'vscode-radio-group',
      { id },
      ...choice.options.map((o) => h('vscode-radio', { id: domId(id, o.value), name: id, value: o.value, label: o.label, checked: o.value === current })),
    );
    // vscode-elements 2.5.1 renders a radio's inner control as a plain checkbox input, so
    // assistive technology announced "checkbox": give it the radio role it stands for.
    for (const radio of group.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('vscode-radio')) {
      void radio.updateComplete?.then(() => radio.shadowRoot?.querySelector('input')?.setAttribute('role', 'radio'));
    }
    // Arrow keys move the checked radio without a change event, so keyup is watched as well.
    const sync = () => {
      const value = [...group.querySelectorAll<HTMLElement & { checked: boolean; value: string }>('vscode-radio')].find((r) => r.checked)?.value;
      if (!value || value === current) return;
      this.draft.values[choice.id] = value;
      this.dirty.add(choice.id);
      this.render();
    };
    group.addEventListener('change', sync);
    group.addEventListener('keyup', sync);
    return h('div', { class: 'field choice' }, h('vscode-label', { for: id }, choice.label), group);
  }

  private deployments(): HTMLElement {
    const list = h('div', { class: 'deployments' });
    this.draft.deployments.forEach((deployment, index) => {
      const spec = { id: `deployments.${index}`, label: index === 0 ? t('Deployment') : t('Deployment {0}', index + 1) };
      const id = domId(this.view.id, spec.id);
      const input = h('vscode-textfield', { id, 'aria-describedby': domId(this.view.id, spec.id, 'msg'), placeholder: 'gpt-4o' }) as unknown as Input;
      input.value = deployment.name;
      const check = checkField(this.view.kind, { id: 'deployment', label: t('Deployment') }, deployment.name);
      input.invalid = !!(this.errors[spec.id] ?? check.error);
      const message = this.messageFor(spec.id, check);
      input.addEventListener('input', () => {
        deployment.name = input.value;
        this.dirty.add('deployments');
        delete this.errors[spec.id];
        const now = checkField(this.view.kind, { id: 'deployment', label: t('Deployment') }, input.value);
        input.invalid = !!now.error;
        message.className = 'message error';
        message.textContent = now.error ?? '';
      });
      const removeLabel = t('Remove deployment {0}', deployment.name.trim() || index + 1);
      const remove = h('vscode-button', { secondary: true, 'icon-only': true, icon: 'close', id: domId(this.view.id, 'remove-deployment', String(index)), 'aria-label': removeLabel, title: removeLabel });
      remove.addEventListener('click', () => {
        this.draft.deployments.splice(index, 1);
        if (!this.draft.deployments.length) this.draft.deployments.push({ name: '' });
        this.dirty.add('deployments');
        this.render(domId(this.view.id, 'add-deployment'));
      });
      list.append(h('div', { class: 'field deployment' }, h('vscode-label', { for: id }, spec.label), h('div', { class: 'row' }, input as unknown as HTMLElement, remove), message));
    });
    const add = this.button(t('Add deployment'), () => {
      this.draft.deployments.push({ name: '' });
      this.dirty.add('deployments');
      this.render(domId(this.view.id, `deployments.${this.draft.deployments.length - 1}`));
    }, true, { id: domId(this.view.id, 'add-deployment'), icon: 'add' });
    const error = this.errors.deployments;
    return h('div', { class: 'group' }, h('h3', {}, t('Deployments')), list, error && h('p', { class: 'message error' }, error), add);
  }

  private externalId(): HTMLElement {
    const id = domId(this.view.id, 'externalId');
    const externalId = this.view.externalId;
    const input = h('vscode-textfield', { id, readonly: true, 'aria-describedby': `${id}-help` }) as unknown as Input;
    input.value = externalId ?? '';
    const roleArn = this.draft.values.roleArn ?? '';
    const policy = externalId ? trustPolicyFor(roleArn, externalId) : undefined;
    return h(
      'div',
      { class: 'group' },
      h(
        'div',
        { class: 'field' },
        h('vscode-label', { for: id }, t('External ID')),
        h('div', { class: 'row' }, input as unknown as HTMLElement, externalId && this.button(t('Copy external ID'), () => this.send({ type: 'copy', text: externalId }), true, { icon: 'copy' })),
        h(
          'vscode-form-helper',
          { id: `${id}-help` },
          externalId ? t('Put this external ID in the role’s trust policy; it is generated for this role and synced with your settings.') : t('Save the role ARN to generate its external ID.'),
        ),
      ),
      policy &&
        h(
          'div',
          { class: 'field' },
          h('h3', { id: `${id}-policy-title` }, t('Trust policy')),
          h('pre', { class: 'policy', tabindex: 0, 'aria-labelledby': `${id}-policy-title` }, policy),
          this.button(t('Copy trust policy'), () => this.send({ type: 'copy', text: policy }), true, { icon: 'copy' }),
          h('vscode-form-helper', {}, t('The principal is the role’s own account; replace it if your credentials belong to another account.')),
        ),
    );
  }

  /** Something is stored (settings or a key): only then is there anything to remove. */
  private get hasStored(): boolean {
    return this.view.configured || Object.values(this.view.secrets).some((s) => s.present);
  }

  private actions(): HTMLElement {
    const id = this.view.id;
    const removeId = domId(id, 'button', 'remove');
    const row = h(
      'div',
      { class: 'actions' },
      this.button(t('Verify and save'), () => this.submit('verify'), false, { id: this.primaryId }),
      this.button(t('Save without verifying'), () => this.submit('save'), true, { id: domId(id, 'button', 'save'), 'aria-describedby': domId(id, 'save-hint') }),
      this.view.verifying && this.button(t('Cancel verification'), () => this.send({ type: 'cancelVerify', providerId: id }), true, { id: domId(id, 'button', 'cancel-verify') }),
      this.hasStored &&
        this.button(t('Remove'), () => {
          this.confirmingRemove = true;
          this.render(domId(id, 'button', 'cancel-remove'));
        }, true, { id: removeId }),
    );
    const hint = h('p', { class: 'hint', id: domId(id, 'save-hint') }, t('Save without verifying stores the values as typed; the provider’s models leave chat until it is verified.'));
    if (!this.confirmingRemove || !this.hasStored) return h('div', {}, row, hint);
    const cancel = () => {
      this.confirmingRemove = false;
      this.render(removeId);
    };
    const confirm = h(
      'div',
      { class: 'confirm', role: 'group', 'aria-label': t('Confirm removal') },
      h('p', {}, t('Remove {0} and delete its stored keys from this machine?', this.view.displayName)),
      this.button(t('Yes, remove'), () => {
        this.confirmingRemove = false;
        // Nothing typed outlives the removal: a later Save must not store the old draft's key.
        this.draft = emptyDraft(this.view);
        this.dirty.clear();
        this.errors = {};
        this.removing = true;
        this.render(this.primaryId);
        this.send({ type: 'remove', providerId: id });
      }, false, { id: domId(id, 'button', 'confirm-remove') }),
      this.button(t('Cancel'), cancel, true, { id: domId(id, 'button', 'cancel-remove') }),
    );
    // Escape backs out of the question, as in a dialog.
    confirm.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      cancel();
    });
    return h('div', {}, row, hint, confirm);
  }
}
