import type * as vscode from 'vscode';
import type { UsageLog } from '../core/chat/usageLog';
import type { ChatModelSelection } from '../core/models/chatModelSelection';
import type { CredentialStore } from '../core/store/credentialStore';
import type { Verifier } from '../core/verify/verifier';

/** What activation wires together and hands to the page, the commands and the chat providers. */
export interface HostServices {
  context: vscode.ExtensionContext;
  store: CredentialStore;
  verifier: Verifier;
  /** Which verified models are in the chat picker (defaults, user choices, offers). */
  selection: ChatModelSelection;
  usage: UsageLog;
  log: vscode.LogOutputChannel;
  /** Tell the chat providers that the offered models may have changed. */
  refreshChatModels(): void;
}
