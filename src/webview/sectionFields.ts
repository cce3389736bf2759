import type { ProviderView, ToHost } from '../protocol/messages';
import { domId, h } from './element';
import { checkField, type ChoiceSpec, type Draft, type FieldSpec, type FormItem } from './formSpec';
import { t } from './l10n';
import { secretState, syncedWithoutKey } from './statusText';
import { trustPolicyFor } from './trustPolicy';

type Input = HTMLElement & { value: string; invalid: boolean };

/** What the editor the page runs in can do, from `init`. */
export interface EditorFacts {
  /** False where its chat cannot use BYOK models: nothing offers the chat then (the page says why). */
  chat: boolean;
  /** Its secret storage is the browser's (code-server and other web editors): a key saved in another browser is not here. */
  keysInBrowser: boolean;
}

/** The provider section's state the form's fields read and edit (the draft survives re-renders). */
export interface SectionContext {
  readonly view: ProviderView;
  readonly draft: Draft;
  readonly dirty: Set<string>;
  readonly errors: Record<string, string>;
  readonly editor: EditorFacts;
  readonly send: (message: ToHost) => void;
  render(focusId?: string): void;
  button(label: string, onClick: () => void, secondary?: boolean, extra?: Record<string, string>): HTMLElement;
}

/** One item of a provider's form: a field, a choice, Azure's deployments or Bedrock's external ID. */
export function formItem(ctx: SectionContext, item: FormItem): HTMLElement {
  switch (item.type) {
    case 'field': return field(ctx, item.field);
    case 'choice': return choice(ctx, item.choice);
    case 'deployments': return deployments(ctx);
    case 'externalId': return externalId(ctx);
  }
}

function messageFor(ctx: SectionContext, id: string, check: { error?: string; warning?: string }): HTMLElement {
  const text = ctx.errors[id] ?? check.error ?? check.warning;
  // Kept up to date as the user types (see keepUnchanged): an update arriving meanwhile keeps the field.
  return h('div', { id: domId(ctx.view.id, id, 'msg'), class: `message ${ctx.errors[id] || check.error ? 'error' : 'warning'}`, 'data-live': 'class' }, text);
}

function field(ctx: SectionContext, spec: FieldSpec): HTMLElement {
  const id = domId(ctx.view.id, spec.id);
  const value = spec.secret ? (ctx.draft.secrets[spec.id] ?? '') : (ctx.draft.values[spec.id] ?? '');
  const stored = ctx.view.secrets[spec.id];
  // The last four characters identify a key; of a block of header lines they say nothing ("y: b").
  const state = spec.secret ? secretState(spec.multiline ? stored && { present: stored.present } : stored) : undefined;
  const missing = spec.secret && syncedWithoutKey(ctx.view) && ctx.view.missingOnThisMachine.includes(spec.id) ? (ctx.editor.keysInBrowser ? t('Not stored in this browser') : t('Not stored on this machine')) : undefined;
  const placeholder = state ? t('Leave empty to keep the stored value') : spec.placeholder;
  const input = h(spec.multiline ? 'vscode-textarea' : 'vscode-textfield', {
    id,
    type: spec.secret && !spec.multiline && !spec.clear ? 'password' : undefined,
    placeholder,
    rows: spec.multiline ? 3 : undefined,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${id}-help ${id}-about ${domId(ctx.view.id, spec.id, 'msg')}`,
  }) as unknown as Input;
  input.value = value;
  const check = checkField(ctx.view.kind, spec, value);
  input.invalid = !!(ctx.errors[spec.id] ?? check.error);
  const message = messageFor(ctx, spec.id, check);
  input.addEventListener('input', () => {
    if (spec.secret) ctx.draft.secrets[spec.id] = input.value;
    else {
      ctx.draft.values[spec.id] = input.value;
      ctx.dirty.add(spec.id);
    }
    delete ctx.errors[spec.id];
    const now = checkField(ctx.view.kind, spec, input.value);
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
    spec.id === 'profile' && profileChoices(ctx, input),
    message,
  );
}

/** The profiles in the user's AWS config files, one click each (names only; the host never reads their keys for this). */
function profileChoices(ctx: SectionContext, input: Input): HTMLElement | undefined {
  const profiles = ctx.view.awsProfiles ?? [];
  if (!profiles.length) return undefined;
  const titleId = domId(ctx.view.id, 'profiles');
  return h(
    'div',
    { class: 'row profiles', role: 'group', 'aria-labelledby': titleId },
    h('span', { class: 'hint', id: titleId }, t('Profiles found:')),
    ...profiles.map((name) =>
      ctx.button(name, () => {
        input.value = name;
        ctx.draft.values.profile = name;
        ctx.dirty.add('profile');
        ctx.render(domId(ctx.view.id, 'profile'));
      }, true, { id: domId(ctx.view.id, 'use-profile', name), 'aria-label': t('Use profile {0}', name), 'aria-pressed': String(ctx.draft.values.profile === name) }),
    ),
  );
}

function choice(ctx: SectionContext, choice: ChoiceSpec): HTMLElement {
  const id = domId(ctx.view.id, choice.id);
  const current = ctx.draft.values[choice.id] || choice.options[0]!.value;
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
    ctx.draft.values[choice.id] = value;
    ctx.dirty.add(choice.id);
    ctx.render();
  };
  group.addEventListener('change', sync);
  group.addEventListener('keyup', sync);
  return h('div', { class: 'field choice' }, h('vscode-label', { for: id }, choice.label), group);
}

function deployments(ctx: SectionContext): HTMLElement {
  const list = h('div', { class: 'deployments' });
  ctx.draft.deployments.forEach((deployment, index) => {
    const spec = { id: `deployments.${index}`, label: index === 0 ? t('Deployment') : t('Deployment {0}', index + 1) };
    const id = domId(ctx.view.id, spec.id);
    const input = h('vscode-textfield', { id, 'aria-describedby': domId(ctx.view.id, spec.id, 'msg'), placeholder: 'gpt-4o' }) as unknown as Input;
    input.value = deployment.name;
    const check = checkField(ctx.view.kind, { id: 'deployment', label: t('Deployment') }, deployment.name);
    input.invalid = !!(ctx.errors[spec.id] ?? check.error);
    const message = messageFor(ctx, spec.id, check);
    input.addEventListener('input', () => {
      // The draft's list as it is now (a kept field outlives the render that built it).
      const now = ctx.draft.deployments[index];
      if (now) now.name = input.value;
      ctx.dirty.add('deployments');
      delete ctx.errors[spec.id];
      const check = checkField(ctx.view.kind, { id: 'deployment', label: t('Deployment') }, input.value);
      input.invalid = !!check.error;
      message.className = 'message error';
      message.textContent = check.error ?? '';
      labelRemove(input.value);
    });
    const remove = h('vscode-button', { secondary: true, 'icon-only': true, icon: 'close', id: domId(ctx.view.id, 'remove-deployment', String(index)), 'data-live': 'aria-label title' });
    // The button names the deployment it removes, as typed so far.
    const labelRemove = (name: string) => {
      const label = t('Remove deployment {0}', name.trim() || index + 1);
      remove.setAttribute('aria-label', label);
      remove.setAttribute('title', label);
    };
    labelRemove(deployment.name);
    remove.addEventListener('click', () => {
      ctx.draft.deployments.splice(index, 1);
      if (!ctx.draft.deployments.length) ctx.draft.deployments.push({ name: '' });
      ctx.dirty.add('deployments');
      ctx.render(domId(ctx.view.id, 'add-deployment'));
    });
    list.append(h('div', { class: 'field deployment' }, h('vscode-label', { for: id }, spec.label), h('div', { class: 'row' }, input as unknown as HTMLElement, remove), message));
  });
  const add = ctx.button(t('Add deployment'), () => {
    ctx.draft.deployments.push({ name: '' });
    ctx.dirty.add('deployments');
    ctx.render(domId(ctx.view.id, `deployments.${ctx.draft.deployments.length - 1}`));
  }, true, { id: domId(ctx.view.id, 'add-deployment'), icon: 'add' });
  const error = ctx.errors.deployments;
  return h('div', { class: 'group' }, h('h3', {}, t('Deployments')), list, error && h('p', { class: 'message error' }, error), add);
}

function externalId(ctx: SectionContext): HTMLElement {
  const id = domId(ctx.view.id, 'externalId');
  const externalId = ctx.view.externalId;
  const input = h('vscode-textfield', { id, readonly: true, 'aria-describedby': `${id}-help` }) as unknown as Input;
  input.value = externalId ?? '';
  const roleArn = ctx.draft.values.roleArn ?? '';
  const policy = externalId ? trustPolicyFor(roleArn, externalId) : undefined;
  return h(
    'div',
    { class: 'group' },
    h(
      'div',
      { class: 'field' },
      h('vscode-label', { for: id }, t('External ID')),
      h('div', { class: 'row' }, input as unknown as HTMLElement, externalId && ctx.button(t('Copy external ID'), () => ctx.send({ type: 'copy', text: externalId }), true, { icon: 'copy' })),
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
        ctx.button(t('Copy trust policy'), () => ctx.send({ type: 'copy', text: policy }), true, { icon: 'copy' }),
        h('vscode-form-helper', {}, t('The principal is the role’s own account; replace it if your credentials belong to another account.')),
      ),
  );
}
