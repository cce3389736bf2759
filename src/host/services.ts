import type * as vscode from 'vscode';
import type { ChatModelSelection } from '../core/models/chatModelSelection';
import type { UsageLedger } from '../core/costs/ledger';
import type { ModelUsageReader } from '../core/costs/modelUsage';
import type { CredentialStore } from '../core/store/credentialStore';
import type { Verifier } from '../core/verify/verifier';
import type { Spending } from './spending';

/** What activation wires together and hands to the page, the commands and the chat providers. */
export interface HostServices {
  context: vscode.ExtensionContext;
  store: CredentialStore;
  verifier: Verifier;
  /** Which verified models are in the chat picker (defaults, user choices, offers). */
  selection: ChatModelSelection;
  /** Per-model totals for the Models page, read from the ledger. */
  usage: ModelUsageReader;
  /** Every answer's tokens and cost, shared by all windows. */
  ledger: UsageLedger;
  spending: Spending;
  log: vscode.LogOutputChannel;
  /**
   * This editor's name and version when its chat cannot use models from extensions (no chat model
   * provider API: VS Code before 1.104, or a fork without it); undefined where it can.
   */
  editorWithoutChat: string | undefined;
  /** Tell the chat providers that the offered models may have changed. */
  refreshChatModels(): void;
}
