// The Models page's first script (a few hundred bytes, loaded before main.js): it asks the host
// for the page's state at once, so the ready → init round trip runs while the browser is still
// parsing the page's main script, and keeps what arrives meanwhile for main.js.
import type { ToHost } from '../protocol/messages';

/** The webview API (it can be acquired once per page) and the messages that came before main.js listened. */
export interface PageBoot {
  api: { postMessage(message: ToHost): void; getState(): unknown; setState(state: unknown): void };
  takeEarlyMessages(): unknown[];
}

declare function acquireVsCodeApi(): PageBoot['api'];

const api = acquireVsCodeApi();
const early: unknown[] = [];
const keep = (event: MessageEvent) => early.push(event.data);
window.addEventListener('message', keep);
performance.mark('ready-sent'); // for the startup benchmark
api.postMessage({ type: 'ready' });
(globalThis as { byokBoot?: PageBoot }).byokBoot = {
  api,
  takeEarlyMessages() {
    window.removeEventListener('message', keep);
    return early.splice(0);
  },
};
