import * as vscode from 'vscode';
import { DEFAULT_CHAT_IDLE_SECONDS } from './core/chat/idleLimit';
import { ChatModelSelection } from './core/models/chatModelSelection';
import { UsageLedger } from './core/costs/ledger';
import { ModelUsageReader } from './core/costs/modelUsage';
import { providerKinds, providerDefinitions } from './core/providers/registry';
import { CredentialStore, EXTERNAL_IDS_KEY } from './core/store/credentialStore';
import { ModelChoiceStore } from './core/store/modelChoiceStore';
import { OrderedWrites } from './core/store/orderedWrites';
import { RotationReminders } from './core/store/rotationReminders';
import { Verifier } from './core/verify/verifier';
import { ByokChatProvider } from './host/chatProvider';
import { registerCommands } from './host/commands';
import { startKeyRotationReminders } from './host/keyRotationReminders';
import { registerModelsPage } from './host/modelsPanel';
import { Spending } from './host/spending';
import { registerTeamSetupCommands, teamRulesInForce } from './host/teamSetup';
import { registerUsageView } from './host/usagePanel';
import type { HostServices } from './host/services';
import { userSettings } from './host/vscodeStorage';
import { followEditorNetworkSettings } from './host/networkSettings';
import { watchEditorChat } from './host/editorChat';

/** Wires things up and nothing more: provider SDKs load on first use, not here. */
export function activate(context: vscode.ExtensionContext) {
  const activationStarted = performance.now();
  const log = vscode.window.createOutputChannel('BYOK Models', { log: true });
  // Before anything can call a provider: the proxy and certificates every call uses.
  context.subscriptions.push(followEditorNetworkSettings());
  // One write queue for globalState, shared by everything that writes it.
  const state = OrderedWrites.over(context.globalState);
  const store = new CredentialStore(context.secrets, userSettings(), state);
  void store.finishedInterruptedMoves.then((ids) => {
    for (const id of ids) log.info(`Finished a key change of ${id} that a stopped extension host left half done.`);
  });
  // External ids must match the trust policy the user created, on every machine they sync to.
  context.globalState.setKeysForSync([EXTERNAL_IDS_KEY]);
  const verifier = new Verifier({
    store,
    timeoutMs: () => Math.max(1, vscode.workspace.getConfiguration('byok').get<number>('verification.timeoutSeconds', 15)) * 1000,
  });
  // The ledger file is opened on the first answer, not here.
  const ledger = new UsageLedger(context.globalStorageUri.fsPath);
  const usage = new ModelUsageReader(ledger, state);
  const spending = new Spending({ ledger, state, log, displayName: (id) => store.displayName(id) });

  const chatIdleMs = () => Math.max(10, vscode.workspace.getConfiguration('byok').get<number>('chat.idleTimeoutSeconds', DEFAULT_CHAT_IDLE_SECONDS)) * 1000;
  const chatProviders = providerKinds.map((kind) => new ByokChatProvider(kind, store, spending, log, chatIdleMs, () => teamRulesInForce(context)));
  // An editor without the chat model provider API (older than VS Code 1.104, or a fork that
  // lacks it) still gets the page and Verify; the page says why chat has no BYOK models. So does
  // an editor with the API but no chat view that shows its models (host/editorChat.ts).
  const registerChatProvider = (vscode.lm as Partial<typeof vscode.lm> | undefined)?.registerLanguageModelChatProvider;
  const editorChat = watchEditorChat();
  context.subscriptions.push(editorChat.disposable);
  const services: HostServices = {
    context,
    store,
    verifier,
    selection: new ChatModelSelection(store, new ModelChoiceStore(state)),
    usage,
    ledger,
    spending,
    log,
    noChat: editorChat.noChat,
    refreshChatModels: () => chatProviders.forEach((p) => p.refresh()),
  };
  if (registerChatProvider) {
    chatProviders.forEach((provider, i) => {
      context.subscriptions.push(registerChatProvider(providerDefinitions[providerKinds[i]!].vendor, provider));
    });
  } else {
    log.info(`${vscode.env.appName} ${vscode.version} has no chat model provider API (VS Code 1.104 or later): the Models page and Verify work, chat cannot offer BYOK models.`);
  }
  // The walkthrough's "Add a key and verify it" step completes on this context key.
  const markVerified = () =>
    void vscode.commands.executeCommand('setContext', 'byok.anyVerified', store.providerIds().some((id) => store.lastResult(id)?.ok === true));
  markVerified();
  context.subscriptions.push(
    log,
    verifier.onDidVerify(() => {
      services.refreshChatModels();
      markVerified();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('byok')) services.refreshChatModels();
    }),
    context.secrets.onDidChange((e) => {
      if (e.key.startsWith('byok/')) services.refreshChatModels();
    }),
    { dispose: () => verifier.cancelAll() },
  );
  registerModelsPage(services);
  registerCommands(services);
  registerTeamSetupCommands(services);
  registerUsageView(services);
  context.subscriptions.push(startKeyRotationReminders(services, new RotationReminders(state, store.keyAges, () => store.providerIds())));
  // Our own activation mark: the benchmark reads it from the output channel's log file.
  log.info(`Activated in ${(performance.now() - activationStarted).toFixed(2)} ms`);
  return { services };
}

export function deactivate(): void {}
