import * as vscode from 'vscode';
import { chatVendors } from './core/providers/chatVendors';
import type { ProviderKind } from './core/providers/kinds';
import { EXTERNAL_IDS_KEY } from './core/store/externalIds';
import { SHOW_PROVIDER_COMMAND } from './host/modelsPageRequests';
import { registerSingletonPanel } from './host/singletonPanel';
import type { Wired } from './host/wiring';

/**
 * Registers what the editor needs to know about (commands, the two panels, one chat provider per
 * vendor) and nothing more: the stores, the verifier, their schemas and the pages' code are built
 * on first use (`host/wiring.ts`), and provider SDKs load later still, on first call.
 */
export function activate(context: vscode.ExtensionContext) {
  const activationStarted = performance.now();
  const log = vscode.window.createOutputChannel('BYOK Models', { log: true });
  context.subscriptions.push(log);
  // External ids must match the trust policy the user created, on every machine they sync to.
  context.globalState.setKeysForSync([EXTERNAL_IDS_KEY]);
  /** The editor's change events of each vendor's chat models, forwarded from the real providers once built. */
  const chatChanged = new Map<ProviderKind, vscode.EventEmitter<void>>();
  let wired: Wired | undefined;
  const wiring = (): Wired => {
    if (wired) return wired;
    // dist/host.js (esbuild.config.mjs keeps this require external): loaded here, on first use.
    const built = (require('./host/wiring') as typeof import('./host/wiring')).wire(context, log);
    for (const [kind, changed] of chatChanged) context.subscriptions.push(built.chatProviders[kind].onDidChangeLanguageModelChatInformation(() => changed.fire()));
    return (wired = built);
  };

  // An editor without the chat model provider API (older than VS Code 1.104, or a fork that
  // lacks it) still gets the page and Verify; the page says why chat has no BYOK models. So does
  // an editor with the API but no chat view that shows its models (host/editorChat.ts).
  const registerChatProvider = (vscode.lm as Partial<typeof vscode.lm> | undefined)?.registerLanguageModelChatProvider;
  if (registerChatProvider) {
    for (const [kind, vendor] of Object.entries(chatVendors) as [ProviderKind, string][]) {
      const changed = new vscode.EventEmitter<void>();
      chatChanged.set(kind, changed);
      context.subscriptions.push(changed, registerChatProvider(vendor, forwardingChatProvider(changed.event, () => wiring().chatProviders[kind])));
    }
  } else {
    log.info(`${vscode.env.appName} ${vscode.version} has no chat model provider API (VS Code 1.104 or later): the Models page and Verify work, chat cannot offer BYOK models.`);
  }
  registerSingletonPanel(context, { viewType: 'byok.models', command: 'byok.openModels', title: () => vscode.l10n.t('BYOK Models'), connect: (panel) => wiring().connectModelsPage(panel) });
  registerSingletonPanel(context, { viewType: 'byok.usage', command: 'byok.openUsage', title: () => vscode.l10n.t('Usage and Costs'), connect: (panel) => wiring().connectUsageView(panel) });
  for (const command of ['byok.useInChat', 'byok.diagnoseModel', 'byok.verifyAll', 'byok.exportConfiguration', 'byok.importConfiguration', SHOW_PROVIDER_COMMAND]) {
    context.subscriptions.push(vscode.commands.registerCommand(command, (...args: never[]) => wiring().commands[command]!(...args)));
  }
  // Our own activation mark: the benchmark reads it from the output channel's log file.
  log.info(`Activated in ${(performance.now() - activationStarted).toFixed(2)} ms`);
  return {
    /** The extension's services (tests and the benchmark): built on first use like everything else. */
    get services() {
      return wiring().services;
    },
  };
}

/** A chat provider that builds the real one on the editor's first question and forwards to it. */
function forwardingChatProvider(changed: vscode.Event<void>, provider: () => vscode.LanguageModelChatProvider): vscode.LanguageModelChatProvider {
  return {
    onDidChangeLanguageModelChatInformation: changed,
    provideLanguageModelChatInformation: (options, token) => provider().provideLanguageModelChatInformation(options, token),
    provideLanguageModelChatResponse: (model, messages, options, progress, token) => provider().provideLanguageModelChatResponse(model, messages, options, progress, token),
    provideTokenCount: (model, text, token) => provider().provideTokenCount(model, text, token),
  };
}

export function deactivate(): void {}
