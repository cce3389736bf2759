import * as vscode from 'vscode';
import { DEFAULT_CHAT_IDLE_SECONDS } from '../core/chat/idleLimit';
import { ChatModelSelection } from '../core/models/chatModelSelection';
import { UsageLedger } from '../core/costs/ledger';
import { ModelUsageReader } from '../core/costs/modelUsage';
import type { ProviderKind } from '../core/providers/kinds';
import { providerKinds } from '../core/providers/registry';
import { CredentialStore } from '../core/store/credentialStore';
import { ModelChoiceStore } from '../core/store/modelChoiceStore';
import { OrderedWrites } from '../core/store/orderedWrites';
import { RotationReminders } from '../core/store/rotationReminders';
import { Verifier } from '../core/verify/verifier';
import { ByokChatProvider } from './chatProvider';
import { commandHandlers } from './commands';
import { watchEditorChat } from './editorChat';
import { startKeyRotationReminders } from './keyRotationReminders';
import { modelsPage } from './modelsPanel';
import { followEditorNetworkSettings } from './networkSettings';
import { SHOW_PROVIDER_COMMAND } from './modelsPageRequests';
import type { HostServices } from './services';
import { Spending } from './spending';
import { teamRulesInForce, teamSetupCommandHandlers } from './teamSetup';
import { connectUsageView } from './usagePanel';
import { userSettings } from './vscodeStorage';

/** What the activation shell forwards to once the extension is first used. */
export interface Wired {
  services: HostServices;
  chatProviders: Record<ProviderKind, ByokChatProvider>;
  connectModelsPage(panel: vscode.WebviewPanel): vscode.Disposable[];
  connectUsageView(panel: vscode.WebviewPanel): vscode.Disposable[];
  /** The handler of each command the shell registered. */
  commands: Record<string, (...args: never[]) => unknown>;
}

/**
 * Builds the stores, the verifier, the chat providers and the pages' wiring: everything behind
 * the commands, panels and chat providers that activation registers. Runs once, on first use.
 */
export function wire(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Wired {
  // Before anything can call a provider: the proxy and certificates every call uses.
  context.subscriptions.push(followEditorNetworkSettings());
  // One write queue for globalState, shared by everything that writes it.
  const state = OrderedWrites.over(context.globalState);
  const store = new CredentialStore(context.secrets, userSettings(), state);
  void store.finishedInterruptedMoves.then((ids) => {
    for (const id of ids) log.info(`Finished a key change of ${id} that a stopped extension host left half done.`);
  });
  const verifier = new Verifier({
    store,
    timeoutMs: () => Math.max(1, vscode.workspace.getConfiguration('byok').get<number>('verification.timeoutSeconds', 15)) * 1000,
  });
  // The ledger file is opened on the first answer, not here.
  const ledger = new UsageLedger(context.globalStorageUri.fsPath);
  const usage = new ModelUsageReader(ledger, state);
  const spending = new Spending({ ledger, state, log, displayName: (id) => store.displayName(id) });

  const chatIdleMs = () => Math.max(10, vscode.workspace.getConfiguration('byok').get<number>('chat.idleTimeoutSeconds', DEFAULT_CHAT_IDLE_SECONDS)) * 1000;
  const chatProviders = Object.fromEntries(
    providerKinds.map((kind) => [kind, new ByokChatProvider(kind, store, spending, log, chatIdleMs, () => teamRulesInForce(context))]),
  ) as Record<ProviderKind, ByokChatProvider>;
  // An editor with the chat API but no chat view that shows its models (host/editorChat.ts).
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
    refreshChatModels: () => Object.values(chatProviders).forEach((p) => p.refresh()),
  };
  // The walkthrough's "Add a key and verify it" step completes on this context key.
  const markVerified = () =>
    void vscode.commands.executeCommand('setContext', 'byok.anyVerified', store.providerIds().some((id) => store.lastResult(id)?.ok === true));
  markVerified();
  context.subscriptions.push(
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
    startKeyRotationReminders(services, new RotationReminders(state, store.keyAges, () => store.providerIds())),
  );
  const page = modelsPage(services);
  return {
    services,
    chatProviders,
    connectModelsPage: page.connect,
    connectUsageView: (panel) => connectUsageView(panel, services),
    commands: { ...commandHandlers(services), ...teamSetupCommandHandlers(services), [SHOW_PROVIDER_COMMAND]: page.showProvider },
  };
}
