import type { ProviderView } from '../protocol/messages';
import { domId, h } from './element';
import { t } from './l10n';

type Button = (label: string, onClick: () => void, secondary?: boolean, extra?: Record<string, string>) => HTMLElement;

/** What a provider section's actions row shows and does; the callbacks act on the section as it is when clicked. */
export interface SectionActions {
  view: ProviderView;
  /** Something is stored (settings or a key): only then is there anything to remove. */
  hasStored: boolean;
  /** "Remove" was pressed: the row asks to confirm. */
  confirmingRemove: boolean;
  primaryId: string;
  button: Button;
  submit(type: 'save' | 'verify'): void;
  cancelVerify(): void;
  /** Asks (true) or stops asking (false) to confirm the removal. */
  setConfirmingRemove(confirming: boolean): void;
  remove(): void;
}

/** Verify and save, Save without verifying, Cancel verification, Remove (with its confirmation). */
export function actionsRow(a: SectionActions): HTMLElement {
  const id = a.view.id;
  const row = h(
    'div',
    { class: 'actions' },
    a.button(t('Verify and save'), () => a.submit('verify'), false, { id: a.primaryId }),
    a.button(t('Save without verifying'), () => a.submit('save'), true, { id: domId(id, 'button', 'save'), 'aria-describedby': domId(id, 'save-hint') }),
    a.view.verifying && a.button(t('Cancel verification'), () => a.cancelVerify(), true, { id: domId(id, 'button', 'cancel-verify') }),
    a.hasStored && a.button(t('Remove'), () => a.setConfirmingRemove(true), true, { id: domId(id, 'button', 'remove') }),
  );
  const hint = h('p', { class: 'hint', id: domId(id, 'save-hint') }, t('Save without verifying stores the values as typed; the provider’s models leave chat until it is verified.'));
  if (!a.confirmingRemove || !a.hasStored) return h('div', {}, row, hint);
  const confirm = h(
    'div',
    { class: 'confirm', role: 'group', 'aria-label': t('Confirm removal') },
    h('p', {}, t('Remove {0} and delete its stored keys from this machine?', a.view.displayName)),
    a.button(t('Yes, remove'), () => a.remove(), false, { id: domId(id, 'button', 'confirm-remove') }),
    a.button(t('Cancel'), () => a.setConfirmingRemove(false), true, { id: domId(id, 'button', 'cancel-remove') }),
  );
  // Escape backs out of the question, as in a dialog.
  confirm.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    a.setConfirmingRemove(false);
  });
  return h('div', {}, row, hint, confirm);
}
