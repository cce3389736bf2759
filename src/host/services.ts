import type * as vscode from 'vscode';
import type { NoChat } from '../core/chat/chatReach';
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
   * This editor's name and version, and why, when no chat here can use models from extensions: no
   * chat model provider API (VS Code before 1.104), or no chat view that shows them (no GitHub
   * Copilot Chat: code-server 4.104, VSCodium, Cursor); undefined where a chat can.
   */
  noChat(): NoChat | undefined;
  /** Tell the chat providers that the offered models may have changed. */
  refreshChatModels(): void;
}
