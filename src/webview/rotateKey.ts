import { oldestKey, daysSince } from '../core/store/keyAges';
import type { ProviderView, ToHost } from '../protocol/messages';
import { domId, h } from './element';
import { fieldsOf, formItems, keyPages, type FieldSpec } from './formSpec';
import { t } from './l10n';

type Button = (label: string, onClick: () => void, secondary?: boolean, extra?: Record<string, string>) => HTMLElement;

/** "Key saved 97 days ago · last verified today": the age of the provider's oldest stored key. */
export function keyAgeLine(view: ProviderView, now = new Date()): HTMLElement | undefined {
  const key = oldestKey(view.keyAges ?? {});
  if (!key) return undefined;
  const savedDays = daysSince(key.savedAt, now);
  const saved = savedDays === 0 ? t('Key saved today') : savedDays === 1 ? t('Key saved yesterday') : t('Key saved {0} days ago', savedDays);
  const verifiedDays = key.verifiedAt ? daysSince(key.verifiedAt, now) : undefined;
  const verified =
    verifiedDays === undefined ? undefined : verifiedDays === 0 ? t('last verified today') : verifiedDays === 1 ? t('last verified yesterday') : t('last verified {0} days ago', verifiedDays);
  return h('p', { class: 'hint key-age', id: domId(view.id, 'key-age') }, h('span', { class: 'codicon codicon-history', 'aria-hidden': 'true' }), ' ', verified ? `${saved} · ${verified}` : saved);
}

/** The fields a rotation asks for: the key fields the provider's current mode uses (no header blocks). */
export function rotationFields(view: ProviderView): FieldSpec[] {
  const values = Object.fromEntries(Object.entries(view.settings).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  return fieldsOf(formItems(view.kind, values)).filter((f) => f.secret && !f.multiline);
}

/** A stored key that can be rotated: verified setup, no staged settings waiting. */
export function canRotate(view: ProviderView): boolean {
  return !view.stagedSettings && rotationFields(view).some((f) => view.secrets[f.id]?.present);
}

export interface RotationForm {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/**
 * Rotate key: the new key is verified first and swapped in only if it works; the old one stays
 * until then. Its own small form, so the provider's settings form is not involved.
 */
export function rotationForm(view: ProviderView, form: RotationForm, send: (message: ToHost) => void, button: Button, close: () => void): HTMLElement {
  const fields = rotationFields(view);
  const titleId = domId(view.id, 'rotate-title');
  const submit = () => send({ type: 'rotateKey', providerId: view.id, secrets: Object.fromEntries(Object.entries(form.values).filter(([, v]) => v.trim() !== '')) });
  const element = h(
    'form',
    { class: 'group rotate', autocomplete: 'off', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, t('Rotate key')),
    h('p', { class: 'hint' }, t('Paste the new key. It is verified first and replaces the stored key only if it works; answers already streaming finish on the old key.')),
    ...fields.map((spec) => {
      const id = domId(view.id, 'rotate', spec.id);
      const input = h('vscode-textfield', { id, type: spec.clear ? undefined : 'password', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-msg` }) as unknown as HTMLElement & { value: string; invalid: boolean };
      input.value = form.values[spec.id] ?? '';
      input.invalid = !!form.errors[spec.id];
      input.addEventListener('input', () => (form.values[spec.id] = input.value));
      return h('div', { class: 'field' }, h('vscode-label', { for: id }, t('{0} (new)', spec.label)), input as unknown as HTMLElement, h('div', { id: `${id}-msg`, class: 'message error' }, form.errors[spec.id] ?? ''));
    }),
    h(
      'div',
      { class: 'actions' },
      button(t('Verify and rotate'), submit, false, { id: domId(view.id, 'button', 'rotate-submit') }),
      button(t('Cancel'), close, true, { id: domId(view.id, 'button', 'rotate-cancel') }),
    ),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  return element;
}

/** After a rotation: revoke the old key at the provider, and the new key's automatic test call. */
export function rotationChecklist(view: ProviderView, send: (message: ToHost) => void, button: Button): HTMLElement | undefined {
  const rotation = view.rotation;
  if (!rotation) return undefined;
  const keyPage = keyPages[view.kind];
  const test = rotation.modelId
    ? rotation.modelTest === 'running'
      ? t('Testing {0} with the new key…', rotation.modelId)
      : rotation.modelTest === 'ok'
        ? t('{0} answered with the new key.', rotation.modelId)
        : t('{0} did not answer with the new key; its row says why.', rotation.modelId)
    : t('No model is enabled for chat, so no test call was made.');
  const titleId = domId(view.id, 'rotated-title');
  return h(
    'div',
    { class: 'group rotated', role: 'group', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, h('span', { class: 'codicon codicon-pass', 'aria-hidden': 'true' }), ' ', t('Key rotated')),
    h('p', {}, t('New requests use the new key; answers that were already streaming finished on the old one.')),
    h(
      'ul',
      { class: 'checklist' },
      h(
        'li',
        {},
        ...(keyPage
          ? [t('Revoke the old key at'), ' ', h('a', { href: keyPage, id: domId(view.id, 'revoke-link') }, new URL(keyPage).hostname)]
          : [t('Revoke the old key where it was issued.')]),
      ),
      // Announced when the test call ends; not a second role=status (the provider's status line is the one).
      h('li', { 'aria-live': 'polite' }, test),
    ),
    button(t('Done'), () => send({ type: 'dismissRotation', providerId: view.id }), true, { id: domId(view.id, 'button', 'rotation-done') }),
  );
}
