import type { ToHost, ToPage } from '../protocol/messages';
import { setBundle } from './l10n';

declare function acquireVsCodeApi(): { postMessage(message: ToHost): void };
const vscode = acquireVsCodeApi();

window.addEventListener('message', (event: MessageEvent<ToPage>) => {
  const message = event.data;
  if (message.type === 'init') {
    setBundle(message.l10n);
    document.body.dataset.ready = 'true';
  }
});
vscode.postMessage({ type: 'ready' });
