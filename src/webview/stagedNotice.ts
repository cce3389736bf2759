import type { ProviderView, ToHost } from '../protocol/messages';
import { domId, h } from './element';
import { t } from './l10n';

/**
 * "Unsaved changes · Verify to apply · Revert": a Verify staged settings that have not verified
 * yet. The working settings stay active (and in chat) until they do; Revert drops the staged ones.
 */
export function stagedNotice(view: ProviderView, send: (message: ToHost) => void): HTMLElement | undefined {
  if (!view.stagedSettings) return undefined;
  const revert = h('vscode-button', { secondary: true, id: domId(view.id, 'button', 'revert') }, t('Revert'));
  revert.addEventListener('click', () => send({ type: 'revert', providerId: view.id }));
  return h(
    'div',
    { class: 'warning staged', role: 'group', 'aria-label': t('Unsaved changes') },
    h('p', {}, h('span', { class: 'codicon codicon-info', 'aria-hidden': 'true' }), ' ', t('Unsaved changes · Verify to apply · Revert'), ' '),
    h('p', { class: 'hint' }, t('Until they verify, the working settings stay active and their models stay in chat.')),
    revert,
  );
}
