import type { ProviderView, ToHost } from '../protocol/messages';
import { domId, h } from './element';
import { t } from './l10n';
import { canRotate } from './rotateKey';

type Button = (label: string, onClick: () => void, secondary?: boolean, extra?: Record<string, string>) => HTMLElement;

export interface FallbackForm {
  value: string;
  error?: string;
}

/**
 * The optional fallback key: used once when the key above is rate-limited or out of quota, never
 * when it is refused. Verified before it is kept; the page only ever sees its last four.
 */
export function fallbackKeyBlock(view: ProviderView, form: FallbackForm, send: (message: ToHost) => void, button: Button): HTMLElement | undefined {
  if (!canRotate(view)) return undefined;
  const id = domId(view.id, 'fallbackKey');
  const about = h('p', { class: 'hint', id: `${id}-about` }, t('Used once when the key above is rate-limited or out of quota; never when it is refused.'));
  const stored = view.fallbackKey;
  if (stored?.present) {
    return h(
      'div',
      { class: 'group fallback-key', role: 'group', 'aria-label': t('Fallback key') },
      h('p', {}, stored.last4 ? t('Fallback key stored · ends with {0}', stored.last4) : t('Fallback key stored')),
      about,
      button(t('Remove fallback key'), () => send({ type: 'removeFallbackKey', providerId: view.id }), true, { id: domId(view.id, 'button', 'remove-fallback') }),
    );
  }
  const input = h('vscode-textfield', { id, type: 'password', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-about ${id}-msg` }) as unknown as HTMLElement & { value: string; invalid: boolean };
  input.value = form.value;
  input.invalid = !!form.error;
  input.addEventListener('input', () => (form.value = input.value));
  const submit = () => send({ type: 'setFallbackKey', providerId: view.id, value: form.value });
  const element = h(
    'form',
    { class: 'group fallback-key', autocomplete: 'off' },
    h('div', { class: 'field' }, h('vscode-label', { for: id }, t('Fallback key (optional)')), input as unknown as HTMLElement, h('div', { id: `${id}-msg`, class: 'message error' }, form.error ?? '')),
    about,
    button(t('Verify and save fallback key'), submit, true, { id: domId(view.id, 'button', 'save-fallback') }),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  return h('details', { class: 'advanced', open: !!form.value || !!form.error }, h('summary', {}, t('Fallback key')), element);
}
