import * as vscode from 'vscode';

/**
 * Takes the user to chat with BYOK models in one step. Opening the editor's "Manage Language
 * Models" view switches Copilot Chat into its bring-your-own-key mode, where third-party models
 * can be picked without a GitHub sign-in; then the chat view opens.
 */
export async function useInChat(): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('workbench.action.chat.manage')) await vscode.commands.executeCommand('workbench.action.chat.manage');
  if (commands.includes('workbench.action.chat.open')) await vscode.commands.executeCommand('workbench.action.chat.open');
}
