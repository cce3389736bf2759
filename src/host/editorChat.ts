import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { defaultChatExtensionIds, noChatIn, productChatExtensionId, type NoChat } from '../core/chat/chatReach';

/**
 * Whether this editor's chat can show BYOK models (see core/chat/chatReach.ts), asked again after
 * extensions change (the user installs or enables GitHub Copilot Chat).
 */
export function watchEditorChat(): { noChat(): NoChat | undefined; disposable: vscode.Disposable } {
  let known: NoChat | undefined | null = null;
  const disposable = vscode.extensions.onDidChange(() => (known = null));
  return {
    noChat: () => {
      if (known === null) known = noChatIn(editorChatFacts());
      return known;
    },
    disposable,
  };
}

function editorChatFacts() {
  const hasChatProviderApi = typeof (vscode.lm as Partial<typeof vscode.lm> | undefined)?.registerLanguageModelChatProvider === 'function';
  const defaultChatExtensions = hasChatProviderApi ? defaultChatExtensionIds(vscode.extensions.all) : [];
  return {
    editor: `${vscode.env.appName} ${vscode.version}`,
    hasChatProviderApi,
    defaultChatExtensions,
    // Only asked when no chat extension is enabled: a fresh VS Code profile has Copilot Chat set up by the chat view.
    productChatExtension: hasChatProviderApi && defaultChatExtensions.length === 0 ? productChatExtensionId(productJson()) : undefined,
  };
}

function productJson(): string | undefined {
  try {
    return readFileSync(path.join(vscode.env.appRoot, 'product.json'), 'utf8');
  } catch {
    return undefined;
  }
}

/** The page's and the command's sentence: why chat here has no BYOK models. */
export function noChatSentence(noChat: NoChat): string {
  return noChat.reason === 'api'
    ? vscode.l10n.t('Chat in {0} cannot use BYOK models: that needs VS Code 1.104 or later. The Models page and Verify work here.', noChat.editor)
    : vscode.l10n.t(
        "Verified models are registered with {0}'s language model API, but this editor has no chat view that shows them: they appear in the model picker of GitHub Copilot Chat, which is not installed here. The Models page and Verify work here.",
        noChat.editor,
      );
}

/**
 * After a successful Verify in an editor with the API but no chat view: which models the editor's
 * language model API lists now, and that nothing shows them. A model enabled a moment ago reaches
 * the editor after our change event, so the API is asked again for a few seconds; an editor that
 * accepts the registration and lists nothing (Eclipse Theia) is told apart.
 */
export async function announceWithoutChatView(noChat: NoChat, providerName: string, vendor: string): Promise<void> {
  let names: string[] = [];
  for (let attempt = 0; attempt < 10 && names.length === 0; attempt++) {
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 300));
    names = (await vscode.lm.selectChatModels({ vendor }).then(undefined, () => [])).map((m) => m.name);
  }
  void vscode.window.showInformationMessage(
    names.length
      ? vscode.l10n.t(
          "{0} is verified and its models are registered with {1}'s language model API ({2}), but this editor has no chat view that shows them: they appear in the model picker of GitHub Copilot Chat, which is not installed here.",
          providerName,
          noChat.editor,
          names.join(', '),
        )
      : vscode.l10n.t("{0} is verified, but {1}'s language model API lists none of its models: chat here cannot use BYOK models. The Models page and Verify work here.", providerName, noChat.editor),
  );
}
