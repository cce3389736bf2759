import type { ToHost } from '../protocol/messages';
import { h } from './element';
import { checkField } from './formSpec';
import { lookup, t } from './l10n';

type Input = HTMLElement & { value: string; invalid: boolean };

/** "Add OpenAI-compatible endpoint": a name and a base URL, checked here and again by the host. */
export class AddEndpointForm {
  readonly openButton: HTMLElement;
  readonly root: HTMLElement;
  private readonly name: Input;
  private readonly baseUrl: Input;
  private readonly messages: Record<'name' | 'baseUrl', HTMLElement>;

  constructor(private readonly send: (message: ToHost) => void) {
    this.openButton = h('vscode-button', { secondary: true, icon: 'add' }, t('Add OpenAI-compatible endpoint'));
    this.openButton.addEventListener('click', () => this.open());
    this.name = h('vscode-textfield', { id: 'new-endpoint-name', placeholder: 'Ollama', 'aria-describedby': 'new-endpoint-name-msg' }) as unknown as Input;
    this.baseUrl = h('vscode-textfield', { id: 'new-endpoint-baseUrl', placeholder: 'http://localhost:11434/v1', 'aria-describedby': 'new-endpoint-baseUrl-msg' }) as unknown as Input;
    this.messages = {
      name: h('div', { id: 'new-endpoint-name-msg', class: 'message error' }),
      baseUrl: h('div', { id: 'new-endpoint-baseUrl-msg', class: 'message error' }),
    };
    for (const [key, input, label] of [['name', this.name, t('Name')], ['baseUrl', this.baseUrl, t('Base URL')]] as const) {
      input.addEventListener('input', () => this.show(key, checkField('compatible', { id: key, label }, input.value).error));
      input.addEventListener('keydown', (e) => {
        // Not while an input method is composing: there Enter confirms the composed text.
        if ((e as KeyboardEvent).key === 'Enter' && !(e as KeyboardEvent).isComposing) this.submit();
      });
    }
    const add = h('vscode-button', {}, t('Add endpoint'));
    add.addEventListener('click', () => this.submit());
    const cancel = h('vscode-button', { secondary: true }, t('Cancel'));
    cancel.addEventListener('click', () => this.close());
    this.root = h(
      'section',
      { class: 'provider new-endpoint', 'aria-labelledby': 'new-endpoint-title', hidden: true },
      h('h2', { id: 'new-endpoint-title' }, t('New OpenAI-compatible endpoint')),
      h('div', { class: 'field' }, h('vscode-label', { for: 'new-endpoint-name' }, t('Name')), this.name as HTMLElement, this.messages.name),
      h('div', { class: 'field' }, h('vscode-label', { for: 'new-endpoint-baseUrl' }, t('Base URL')), this.baseUrl as HTMLElement, this.messages.baseUrl),
      h('div', { class: 'actions' }, add, cancel),
    );
  }

  /** The host's answer: field errors, or the endpoint exists now (the page focuses its section). */
  saved(ok: boolean, fieldErrors: Record<string, string>): void {
    if (ok) return this.close(false);
    // "An endpoint named {0} already exists": the name as typed.
    this.show('name', fieldErrors.name && lookup(fieldErrors.name, [this.name.value.trim()]));
    this.show('baseUrl', fieldErrors.baseUrl && lookup(fieldErrors.baseUrl));
  }

  private open(): void {
    this.root.hidden = false;
    this.name.focus();
  }

  private close(refocus = true): void {
    this.root.hidden = true;
    this.name.value = '';
    this.baseUrl.value = '';
    this.show('name', undefined);
    this.show('baseUrl', undefined);
    if (refocus) this.openButton.focus();
  }

  private show(key: 'name' | 'baseUrl', message: string | undefined): void {
    this.messages[key].textContent = message ?? '';
    (key === 'name' ? this.name : this.baseUrl).invalid = !!message;
  }

  private submit(): void {
    const name = checkField('compatible', { id: 'name', label: t('Name') }, this.name.value).error ?? (this.name.value.trim() ? undefined : t('Name is required.'));
    const baseUrl = checkField('compatible', { id: 'baseUrl', label: t('Base URL') }, this.baseUrl.value).error ?? (this.baseUrl.value.trim() ? undefined : t('Base URL is required.'));
    this.show('name', name);
    this.show('baseUrl', baseUrl);
    if (name) return this.name.focus();
    if (baseUrl) return this.baseUrl.focus();
    this.send({ type: 'addCompatible', name: this.name.value.trim(), baseUrl: this.baseUrl.value.trim() });
  }
}
