import type { ProviderView, ToHost } from '../protocol/messages';
import { domId, h } from './element';
import { chatWithModelButton, diagnoseLink, justEnabledNote, offeredModelsNote } from './chatReadiness';
import { checkField, draftFrom, emptyDraft, fieldsOf, formItems, submission, type ChoiceSpec, type Draft, type FieldSpec } from './formSpec';
import { lookup, t } from './l10n';
import { stagedNotice } from './stagedNotice';
import { modelMeta, modelResultLine, secretState, statusLines, usageText, warningLines } from './statusText';
import { trustPolicyFor } from './trustPolicy';

type Send = (message: ToHost) => void;
type Input = HTMLElement & { value: string; invalid: boolean };

/**
 * One provider's region: a labelled <section> with its status line (live region), warnings,
 * form, actions and, once verified, the model list. The draft survives updates from the host;
 * fields the user has not touched follow the stored settings.
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
  /** Which button the next `saved` answers (Save clears typed secrets at once; Verify after success). */
  lastSubmit: 'save' | 'verify' = 'save';
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;

  constructor(view: ProviderView, private readonly send: Send) {
    this.view = view;
    this.draft = draftFrom(view);
    const titleId = domId('title', view.id);
    this.status = h('div', { role: 'status', 'aria-live': 'polite', class: 'status' });
    this.body = h('div', { class: 'body' });
    this.root = h('section', { class: 'provider', 'aria-labelledby': titleId, 'data-provider': view.id }, h('h2', { id: titleId }, view.displayName), this.status, this.body);
    this.render();
  }

  get id() {
    return this.view.id;
  }

  update(view: ProviderView): void {
    const wasVerifying = this.view.verifying;
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
    const title = this.root.querySelector('h2');
    if (title && title.textContent !== view.displayName) title.textContent = view.displayName;
    // The Remove button that had focus is gone from a removed provider's form: its first field takes it.
    const focusAfterRemove = this.removing && !view.configured ? this.firstFieldId() : undefined;
    if (focusAfterRemove) this.removing = false;
    this.render(focusAfterRemove);
  }

  /** The host's answer to Save/Verify: field errors, or the values were stored. */
  saved(ok: boolean, fieldErrors: Record<string, string>, clearSecrets: boolean): void {
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

  focus(): void {
    this.root.scrollIntoView({ block: 'start' });
    (this.root.querySelector('vscode-textfield') as HTMLElement | null)?.focus();
  }

  private firstFieldId(): string | undefined {
    const first = fieldsOf(formItems(this.view.kind, this.draft.values))[0];
    return first && domId(this.view.id, first.id);
  }

  private submit(type: 'save' | 'verify'): void {
    this.removing = false;
    const sub = submission(this.view, this.draft);
    this.errors = sub.errors;
    if (Object.keys(sub.errors).length) {
      this.render(domId(this.view.id, Object.keys(sub.errors)[0]!));
      return;
    }
    this.lastSubmit = type;
    this.send({ type, providerId: this.view.id, settings: sub.settings, secrets: sub.secrets });
  }

  /**
   * `focusId`: the element to focus once rendered; by default the one that had focus. (A new
   * vscode-button only takes focus after its first update, which sets its tabindex.)
   */
  private render(focusId?: string): void {
    const active = focusId ?? (document.activeElement instanceof HTMLElement && this.root.contains(document.activeElement) ? document.activeElement.id : '');
    // Only a changed status is written, so screen readers announce news, not every re-render.
    const lines = statusLines(this.view);
    if (lines.join('\n') !== this.statusText) {
      this.statusText = lines.join('\n');
      // Lines are blocks on screen; the spaces between them keep the status readable as one text.
      this.status.replaceChildren(...lines.flatMap((line, i) => [i ? ' ' : '', h('div', { class: i === 0 ? 'summary' : 'detail' }, line)]));
    }
    const shown = this.view.rejectedDraft ?? this.view.lastResult;
    // A check the user cancelled is not an error.
    this.status.dataset.state = this.view.verifying ? 'verifying' : !shown || shown.error?.kind === 'cancelled' ? 'none' : shown.ok ? 'ok' : 'error';

    const warnings = warningLines(this.view);
    // A <form autocomplete="off"> keeps the browser from saving the fields' values (form-associated
    // vscode-textfields included) in its session-restore state.
    const form = h('form', { class: 'form', autocomplete: 'off' });
    // Enter in a text field submits the form (vscode-textfield calls requestSubmit): that is Save,
    // the primary button, as in a native form. A textarea keeps Enter for new lines.
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit('save');
    });
    for (const item of formItems(this.view.kind, this.draft.values)) {
      if (item.type === 'field') form.append(this.field(item.field));
      if (item.type === 'choice') form.append(this.choice(item.choice));
      if (item.type === 'deployments') form.append(this.deployments());
      if (item.type === 'externalId') form.append(this.externalId());
    }
    const general = this.errors._;
    this.body.replaceChildren(
      ...[
        warnings.missing && h('p', { class: 'warning' }, h('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }), ' ', warnings.missing),
        warnings.endpointChanged &&
          h(
            'div',
            { class: 'warning' },
            h('p', {}, h('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }), ' ', warnings.endpointChanged),
            this.button(t('Send key to new endpoint'), () => this.send({ type: 'confirmEndpoint', providerId: this.view.id }), true),
          ),
        this.offeredFix(),
        stagedNotice(this.view, this.send),
        form,
        general && h('p', { class: 'message error' }, general, this.errors._detail ? h('span', { class: 'detail' }, ' ', this.errors._detail) : ''),
        this.actions(),
        this.models(),
        diagnoseLink(this.view, this.send),
      ].filter((n): n is HTMLElement => !!n),
    );
    if (!active) return;
    const again = this.root.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`#${CSS.escape(active)}`);
    // Web components take focus once they have rendered their inner control.
    void (again?.updateComplete ?? Promise.resolve()).then(() => again?.focus());
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
    const missing = spec.secret && this.view.missingOnThisMachine.includes(spec.id) ? t('Not stored on this machine') : undefined;
    const placeholder = state ? t('Leave empty to keep the stored value') : spec.placeholder;
    const input = h(spec.multiline ? 'vscode-textarea' : 'vscode-textfield', {
      id,
      type: spec.secret && !spec.multiline ? 'password' : undefined,
      placeholder,
      rows: spec.multiline ? 3 : undefined,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${id}-help ${domId(this.view.id, spec.id, 'msg')}`,
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
      message,
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
      const remove = this.button(t('Remove deployment {0}', deployment.name.trim() || index + 1), () => {
        this.draft.deployments.splice(index, 1);
        if (!this.draft.deployments.length) this.draft.deployments.push({ name: '' });
        this.dirty.add('deployments');
        this.render(domId(this.view.id, 'add-deployment'));
      }, true);
      list.append(h('div', { class: 'field deployment' }, h('vscode-label', { for: id }, spec.label), h('div', { class: 'row' }, input as unknown as HTMLElement, remove), message));
    });
    const add = this.button(t('Add deployment'), () => {
      this.draft.deployments.push({ name: '' });
      this.dirty.add('deployments');
      this.render(domId(this.view.id, `deployments.${this.draft.deployments.length - 1}`));
    }, true, { id: domId(this.view.id, 'add-deployment') });
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

  private actions(): HTMLElement {
    const id = this.view.id;
    const row = h(
      'div',
      { class: 'actions' },
      this.button(t('Save'), () => this.submit('save')),
      this.button(t('Verify'), () => this.submit('verify'), true),
      this.view.verifying && this.button(t('Cancel verification'), () => this.send({ type: 'cancelVerify', providerId: id }), true),
      this.button(t('Remove'), () => {
        this.confirmingRemove = true;
        this.render(domId(id, 'button', t('Cancel')));
      }, true),
    );
    if (!this.confirmingRemove) return row;
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
        this.render(domId(id, 'button', t('Remove')));
        this.send({ type: 'remove', providerId: id });
      }),
      this.button(t('Cancel'), () => {
        this.confirmingRemove = false;
        this.render(domId(id, 'button', t('Remove')));
      }, true),
    );
    return h('div', {}, row, confirm);
  }

  private models(): HTMLElement | undefined {
    const result = this.view.lastResult;
    if (!result?.ok || !result.models.length) return undefined;
    const titleId = domId('models', this.view.id);
    const enabled = new Set(this.view.enabledModels);
    const list = h('ul', { class: 'models' });
    for (const model of result.models) {
      const box = h('vscode-checkbox', { label: model.name ?? model.id, value: model.id, checked: enabled.has(model.id) });
      box.addEventListener('change', () => {
        const checked = [...list.querySelectorAll<HTMLElement & { checked: boolean; value: string }>('vscode-checkbox')].filter((b) => b.checked).map((b) => b.value);
        this.send({ type: 'setEnabledModels', providerId: this.view.id, models: checked });
      });
      const meta = modelMeta(model);
      const used = this.view.usage?.[model.id];
      // Listing models proves the key; only a call to a model proves quota and access to it.
      // (Azure's verification already calls every deployment.)
      const test =
        this.view.kind !== 'azure' &&
        this.button(t('Test'), () => this.send({ type: 'testModel', providerId: this.view.id, modelId: model.id }), true, {
          id: domId(this.view.id, 'test', model.id),
          'aria-label': t('Test {0} with a tiny request', model.name ?? model.id),
          class: 'test-model',
        });
      const checked = result.modelResults?.[model.id];
      list.append(
        h(
          'li',
          {},
          box,
          chatWithModelButton(this.view, model.id, this.send, this.button.bind(this)),
          test,
          meta && h('span', { class: 'meta' }, meta),
          used && h('span', { class: 'meta usage' }, usageText(used)),
          checked && h('span', { class: `meta row-result ${checked.ok ? 'ok' : 'error'}` }, modelResultLine(model.id, checked)),
        ),
      );
    }
    // Rows that failed their own check and are not offered (a wrong Azure deployment): said here, by name.
    for (const [id, checked] of Object.entries(result.modelResults ?? {})) {
      if (result.models.some((m) => m.id === id)) continue;
      list.append(h('li', {}, h('span', { class: `meta row-result ${checked.ok ? 'ok' : 'error'}` }, modelResultLine(id, checked, true))));
    }
    return h(
      'div',
      { class: 'group', role: 'group', 'aria-labelledby': titleId },
      h('h3', { id: titleId }, t('Models for chat')),
      h('p', { class: 'hint' }, t('Checked models appear in the chat model picker.')),
      justEnabledNote(this.view),
      offeredModelsNote(this.view, this.send, this.button.bind(this)),
      list,
      this.button(t('Use in chat'), () => this.send({ type: 'useInChat', providerId: this.view.id }), true),
    );
  }
}

