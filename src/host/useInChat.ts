import * as vscode from 'vscode';
import { assumedCapabilities } from '../core/providers/assumedCapabilities';
import { kindOfId, type ProviderId } from '../core/providers/kinds';
import { providerDefinitions, providerKinds } from '../core/providers/registry';
import type { CredentialStore } from '../core/store/credentialStore';
import { splitChatModelId } from './chatModelInfo';
import { noChatSentence } from './editorChat';
import type { HostServices } from './services';

type UseInChatServices = Pick<HostServices, 'context' | 'noChat'> & { store: Pick<CredentialStore, 'lastResult' | 'displayName'> };

/** What to open: a provider's model (`modelId`), any of a provider's, or any BYOK model. */
export interface ChatTarget {
  providerId?: ProviderId;
  modelId?: string;
}

/**
 * "Use in chat": takes the user from a verified provider to the chat view with a BYOK model
 * selected, in one step. Findings behind each step: docs/dev/chat-integration.md.
 *
 * 1. Without a GitHub sign-in, VS Code 1.139 sends chat prompts only once a language-model
 *    provider group of a non-Copilot vendor exists in the profile's `chatLanguageModels.json`
 *    (context key `github.copilot.hasByokModels`); otherwise sending opens the Copilot sign-in.
 *    With the user's consent we add one for our vendor through the editor's own command.
 * 2. On a fresh profile the built-in Copilot Chat is not running, and prompts go to a setup agent
 *    that asks for a sign-in anyway; "Chat: Manage Language Models" enables it (and nothing else does).
 * 3. `workbench.action.chat.open` with `{ mode, modelSelector }` opens the chat view with the
 *    model picked; agent mode lists only models with tool calling, so others open in Ask mode.
 *
 * `consented`: the user already agreed to step 1 (the "ready for chat" message says what it does).
 */
export async function useInChat(services?: UseInChatServices, target: ChatTarget = {}, options: { consented?: boolean } = {}): Promise<void> {
  const noChat = services?.noChat();
  if (noChat) {
    void vscode.window.showInformationMessage(noChatSentence(noChat));
    return;
  }
  if (vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures') === true) {
    const open = vscode.l10n.t('Open Setting');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Chat is turned off in this editor ("Disable AI Features"). Turn it back on to use your models in chat.'),
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'chat.disableAIFeatures');
    return;
  }
  const model = await offeredModel(target);
  if (!model) return notReady(services, target);
  const displayName = vendorDisplayName(model.vendor);
  const toolCalling = services ? supportsTools(services.store, model.id) : false;
  const modeNote = toolCalling
    ? vscode.l10n.t(
        'It opens in Agent mode, because {0} can use tools there (read and edit files, run commands); every Agent prompt also sends the editor\'s tool definitions, about 18,000 input tokens. For questions alone, pick Ask mode in the chat: it sends far fewer.',
        model.name,
      )
    : vscode.l10n.t('It opens in Ask mode: {0} cannot call tools, which Agent mode needs.', model.name);
  const hadGroup = await hasOwnModelGroup(services?.context.globalStorageUri);
  if (!hadGroup && !options.consented) {
    // One action: "Cancel" (the dialog's own) leaves everything as it was. Opening the chat
    // without the group led to a GitHub sign-in wall, so that is no choice here.
    const open = vscode.l10n.t('Open Chat');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Open the chat with {0}?', model.name),
      {
        modal: true,
        detail: [
          vscode.l10n.t(
            'VS Code sends chat prompts to other providers without a GitHub sign-in once their models are listed in "Chat: Manage Language Models". BYOK Models will add the group "{0}" there; you can remove it in the same place. Your keys stay in BYOK Models.',
            displayName,
          ),
          modeNote,
        ].join('\n\n'),
      },
      open,
    );
    if (choice !== open) return;
  }
  if (!hadGroup && !(await addModelGroup(model.vendor, displayName))) return;
  // The command first enables the editor's built-in chat extension when it is still disabled (a
  // fresh profile); without it a prompt goes to the setup agent, which asks for a GitHub sign-in.
  // It opens the "Language Models" editor (a modal in 1.139), which we close again: the user asked for the chat.
  const opened = await vscode.commands.executeCommand('workbench.action.chat.manage').then(() => true, () => false);
  if (opened) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await vscode.commands.executeCommand('workbench.action.chat.open', {
    mode: toolCalling ? 'agent' : 'ask',
    modelSelector: { vendor: model.vendor, id: model.id },
  });
  // Without a dialog the user has not been told which mode and why; the status bar says it quietly.
  if (hadGroup || options.consented) vscode.window.setStatusBarMessage(modeNote, 15_000);
}

/** Opens the chat in Ask mode with a model, whatever its tool calling (the diagnosis' fix for Agent mode hiding it). */
export async function openInAskMode(vendor: string, chatModelId: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.chat.open', { mode: 'ask', modelSelector: { vendor, id: chatModelId } });
}

/**
 * The chosen model when the editor has it, else the provider's (or any) first. A model ticked a
 * moment ago reaches the editor after our change event: it is asked again for a few seconds.
 */
async function offeredModel(target: ChatTarget): Promise<vscode.LanguageModelChat | undefined> {
  for (let attempt = 0; ; attempt++) {
    const models = (await offeredModels()).filter((m) => !target.providerId || splitChatModelId(m.id)?.providerId === target.providerId);
    const chosen = models.find((m) => target.modelId !== undefined && splitChatModelId(m.id)?.modelId === target.modelId);
    if (chosen || target.modelId === undefined || attempt >= 10) return chosen ?? models[0];
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function notReady(services: UseInChatServices | undefined, target: ChatTarget): Promise<void> {
  const providerName = target.providerId && services?.store.displayName(target.providerId);
  const verified = target.providerId && services?.store.lastResult(target.providerId)?.ok;
  const why = vscode.l10n.t('Why Not?');
  const open = vscode.l10n.t('Open Models');
  const message = !providerName
    ? vscode.l10n.t('No BYOK model is ready for chat yet: verify a provider and enable at least one of its models on the Models page.')
    : verified
      ? vscode.l10n.t('No model of {0} is in the chat yet: tick one under "Models for chat" on the Models page.', providerName)
      : vscode.l10n.t('No model of {0} is ready for chat yet: verify it and enable at least one of its models on the Models page.', providerName);
  const choice = await vscode.window.showInformationMessage(message, ...(target.providerId ? [why] : []), open);
  if (choice === open) await vscode.commands.executeCommand('byok.openModels');
  if (choice === why) await vscode.commands.executeCommand('byok.diagnoseModel', target);
}

export const ourVendors = (): string[] => providerKinds.map((kind) => providerDefinitions[kind].vendor);

export function vendorDisplayName(vendor: string): string {
  const contributed = vscode.extensions.getExtension('byok-models.byok-models')?.packageJSON?.contributes?.languageModelChatProviders as
    | { vendor: string; displayName: string }[]
    | undefined;
  return contributed?.find((p) => p.vendor === vendor)?.displayName ?? vendor;
}

/** The models our providers offer right now (verified provider, enabled model), in vendor order. */
async function offeredModels(): Promise<vscode.LanguageModelChat[]> {
  const perVendor = await Promise.all(ourVendors().map((vendor) => vscode.lm.selectChatModels({ vendor }).then(undefined, () => [])));
  return perVendor.flat();
}

export function supportsTools(store: Pick<CredentialStore, 'lastResult'>, chatModelId: string): boolean {
  const split = splitChatModelId(chatModelId);
  if (!split) return false;
  const model = store.lastResult(split.providerId as ProviderId)?.models.find((m) => m.id === split.modelId);
  // As the chat provider describes it (results saved by older versions carry no tool calling).
  return model !== undefined && (model.toolCalling ?? assumedCapabilities(kindOfId(split.providerId as ProviderId), model).toolCalling) === true;
}

/**
 * Whether the profile's chatLanguageModels.json already lists a group of one of our vendors.
 * The file sits next to the profile's globalStorage folder; when it cannot be read we ask anyway
 * (adding is idempotent below).
 */
export async function hasOwnModelGroup(storage: vscode.Uri | undefined): Promise<boolean> {
  return (await readOwnModelGroup(storage)) === true;
}

/** As `hasOwnModelGroup`, but undefined when the file exists and cannot be read (the diagnosis then cannot tell). */
export async function readOwnModelGroup(storage: vscode.Uri | undefined): Promise<boolean | undefined> {
  if (!storage) return undefined;
  let content: Uint8Array;
  try {
    content = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(storage, '..', '..', 'chatLanguageModels.json'));
  } catch (error) {
    // No file: the profile has no groups at all.
    return error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? false : undefined;
  }
  try {
    const groups = JSON.parse(new TextDecoder().decode(content)) as unknown;
    const vendors = new Set(ourVendors());
    return Array.isArray(groups) && groups.some((g) => typeof g === 'object' && g !== null && vendors.has((g as { vendor?: string }).vendor ?? ''));
  } catch {
    return undefined;
  }
}

/** The group holds no settings: our provider still offers its models itself; the group only marks the vendor as configured. */
export async function addModelGroup(vendor: string, name: string): Promise<boolean> {
  try {
    await vscode.commands.executeCommand('lm.addLanguageModelsProviderGroup', { name, vendor });
    return true;
  } catch (error) {
    // "already exists" is fine; anything else means this editor lacks the command (older or newer VS Code).
    if (/already exists/i.test(error instanceof Error ? error.message : String(error))) return true;
    // The chat would ask for a GitHub sign-in: say so, and offer the diagnosis, which says how to add it by hand.
    const why = vscode.l10n.t('Why Not?');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Could not add "{0}" to the language models, so the chat may ask for a GitHub sign-in. Open "Chat: Manage Language Models" and add it there.', name),
      why,
    );
    if (choice === why) await vscode.commands.executeCommand('byok.diagnoseModel');
    return false;
  }
}
