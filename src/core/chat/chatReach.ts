/**
 * Whether this editor has a chat that shows models from extensions. Having
 * `vscode.lm.registerLanguageModelChatProvider` (VS Code 1.104+) is not enough: the chat view and
 * its model picker come from GitHub Copilot Chat, the extension that contributes the default chat
 * participant. code-server 4.104 and VSCodium have the API but no such extension; Cursor and
 * Windsurf have their own chats, which do not list extension models. An editor whose product
 * names a chat extension (`defaultChatAgent` in product.json: VS Code, code-server 4.139) sets it
 * up from its chat view, even while that extension is not enabled yet (a fresh profile).
 */

export interface EditorChatFacts {
  /** `vscode.env.appName` with `vscode.version`, as the page names the editor ("code-server 1.104.0"). */
  editor: string;
  hasChatProviderApi: boolean;
  /** Enabled extensions whose chat participants include a default one (`isDefault`), i.e. a chat view. */
  defaultChatExtensions: string[];
  /** product.json's `defaultChatAgent.chatExtensionId`: the chat extension the editor sets up itself. */
  productChatExtension?: string;
}

/** Why BYOK models cannot be picked in a chat here: no API at all, or nothing that shows them. */
export type NoChat = { editor: string; reason: 'api' | 'view' };

/** undefined: a chat here shows the models the provider API offers. */
export function noChatIn(facts: EditorChatFacts): NoChat | undefined {
  if (!facts.hasChatProviderApi) return { editor: facts.editor, reason: 'api' };
  if (facts.defaultChatExtensions.length > 0 || facts.productChatExtension) return undefined;
  return { editor: facts.editor, reason: 'view' };
}

/** The ids of extensions (from their package.json) that contribute a default chat participant. */
export function defaultChatExtensionIds(extensions: readonly { id: string; packageJSON: unknown }[]): string[] {
  return extensions
    .filter((e) => {
      const participants = (e.packageJSON as { contributes?: { chatParticipants?: unknown } } | undefined)?.contributes?.chatParticipants;
      return Array.isArray(participants) && participants.some((p) => typeof p === 'object' && p !== null && (p as { isDefault?: unknown }).isDefault === true);
    })
    .map((e) => e.id);
}

/** `defaultChatAgent.chatExtensionId` from product.json's text; undefined when absent or unreadable. */
export function productChatExtensionId(productJson: string | undefined): string | undefined {
  if (!productJson) return undefined;
  try {
    const id = (JSON.parse(productJson) as { defaultChatAgent?: { chatExtensionId?: unknown } }).defaultChatAgent?.chatExtensionId;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}
