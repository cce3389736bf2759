import type { ProviderView, ToHost } from '../protocol/messages';
import { domId, h } from './element';
import { t } from './l10n';

/**
 * What the page says about a provider's models and the chat picker: which models a Verify just
 * put there, which appeared since and wait to be added, and the way to ask why one is missing.
 * Self-contained renderers; the section places them.
 */

type Send = (message: ToHost) => void;
type Button = (label: string, onClick: () => void, secondary?: boolean, extra?: Record<string, string>) => HTMLElement;

const modelName = (view: ProviderView, id: string) => view.lastResult?.models.find((m) => m.id === id)?.name ?? id;

/** "4 models are now in the chat model picker: …; change below." after a Verify enabled them. */
export function justEnabledNote(view: ProviderView): HTMLElement | undefined {
  const ids = view.modelsJustEnabled;
  if (!ids?.length) return undefined;
  const names = ids.map((id) => modelName(view, id)).join(', ');
  const line =
    ids.length === 1
      ? t('{0} is now in the chat model picker; change below.', names)
      : t('{0} models are now in the chat model picker: {1}; change below.', ids.length, names);
  return h('p', { class: 'note ready' }, h('span', { class: 'codicon codicon-pass', 'aria-hidden': 'true' }), ' ', line);
}

/** "2 new models available: …" with one click to add them, or to leave them unticked. */
export function offeredModelsNote(view: ProviderView, send: Send, button: Button): HTMLElement | undefined {
  const ids = view.modelsOffered;
  if (!ids?.length) return undefined;
  const names = ids.map((id) => modelName(view, id)).join(', ');
  return h(
    'div',
    { class: 'note offered', role: 'group', 'aria-label': t('New models') },
    h('p', {}, ids.length === 1 ? t('1 new model available: {0}', names) : t('{0} new models available: {1}', ids.length, names)),
    button(t('Add to chat'), () => send({ type: 'addOfferedModels', providerId: view.id })),
    button(t('Dismiss'), () => send({ type: 'dismissOfferedModels', providerId: view.id }), true),
  );
}

/** Per model row: open the chat with exactly this model. */
export function chatWithModelButton(view: ProviderView, modelId: string, send: Send, button: Button): HTMLElement {
  return button(t('Chat'), () => send({ type: 'useInChat', providerId: view.id, modelId }), true, {
    id: domId(view.id, 'chat', modelId),
    'aria-label': t('Chat with {0}', modelName(view, modelId)),
    class: 'chat-model',
  });
}

/** The link to the diagnosis, for the provider as a whole (under its status) or its model list. */
export function diagnoseLink(view: ProviderView, send: Send): HTMLElement | undefined {
  if (!view.configured) return undefined;
  const link = h('a', { href: '#', class: 'diagnose', id: domId(view.id, 'diagnose') }, t("Why isn't my model in the chat picker?"));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    send({ type: 'diagnose', providerId: view.id });
  });
  return h('p', { class: 'diagnose-link' }, link);
}
