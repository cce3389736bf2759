import * as vscode from 'vscode';
import { assumedCapabilities } from '../core/providers/assumedCapabilities';
import { kindOfId, type ProviderId } from '../core/providers/kinds';
import { providerDefinitions, providerKinds } from '../core/providers/registry';
import type { CredentialStore } from '../core/store/credentialStore';
import { splitChatModelId } from './chatModelInfo';
import type { HostServices } from './services';

type UseInChatServices = Pick<HostServices, 'context'> & { store: Pick<CredentialStore, 'lastResult' | 'displayName'> };

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
 */
export async function useInChat(services?: UseInChatServices, providerId?: ProviderId): Promise<void> {
  if (vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures') === true) {
    const open = vscode.l10n.t('Open Setting');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Chat is turned off in this editor ("Disable AI Features"). Turn it back on to use your models in chat.'),
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'chat.disableAIFeatures');
    return;
  }
  // From a provider's section: that provider's model, never another's.
  const models = (await offeredModels()).filter((m) => !providerId || splitChatModelId(m.id)?.providerId === providerId);
  const model = models[0];
  if (!model) {
    const open = vscode.l10n.t('Open Models');
    const providerName = providerId && services?.store.displayName(providerId);
    const choice = await vscode.window.showInformationMessage(
      providerName
        ? vscode.l10n.t('No model of {0} is ready for chat yet: verify it and enable at least one of its models on the Models page.', providerName)
        : vscode.l10n.t('No BYOK model is ready for chat yet: verify a provider and enable at least one of its models on the Models page.'),
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('byok.openModels');
    return;
  }
  const displayName = vendorDisplayName(model.vendor);
  if (!(await hasOwnModelGroup(services?.context.globalStorageUri))) {
    const add = vscode.l10n.t('Add and Open Chat');
    const chatOnly = vscode.l10n.t('Open Chat Only');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Use your own models in chat without a GitHub account?'),
      {
        modal: true,
        detail: vscode.l10n.t(
          'VS Code sends chat prompts to other providers without a GitHub sign-in once their models are listed in "Chat: Manage Language Models". BYOK Models will add the group "{0}" there; you can remove it in the same place. Your keys stay in BYOK Models.',
          displayName,
        ),
      },
      add,
      chatOnly,
    );
    if (choice === undefined) return;
    if (choice === add) await addModelGroup(model.vendor, displayName);
  }
  // The command first enables the editor's built-in chat extension when it is still disabled (a
  // fresh profile); without it a prompt goes to the setup agent, which asks for a GitHub sign-in.
  // It opens the "Language Models" editor (a modal in 1.139), which we close again: the user asked for the chat.
  const opened = await vscode.commands.executeCommand('workbench.action.chat.manage').then(() => true, () => false);
  if (opened) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  const toolCalling = services ? supportsTools(services.store, model.id) : false;
  await vscode.commands.executeCommand('workbench.action.chat.open', {
    mode: toolCalling ? 'agent' : 'ask',
    modelSelector: { vendor: model.vendor, id: model.id },
  });
}

const ourVendors = (): string[] => providerKinds.map((kind) => providerDefinitions[kind].vendor);

function vendorDisplayName(vendor: string): string {
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

function supportsTools(store: Pick<CredentialStore, 'lastResult'>, chatModelId: string): boolean {
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
async function hasOwnModelGroup(storage: vscode.Uri | undefined): Promise<boolean> {
  if (!storage) return false;
  try {
    const file = vscode.Uri.joinPath(storage, '..', '..', 'chatLanguageModels.json');
    const groups = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as unknown;
    const vendors = new Set(ourVendors());
    return Array.isArray(groups) && groups.some((g) => typeof g === 'object' && g !== null && vendors.has((g as { vendor?: string }).vendor ?? ''));
  } catch {
    return false;
  }
}

/** The group holds no settings: our provider still offers its models itself; the group only marks the vendor as configured. */
async function addModelGroup(vendor: string, name: string): Promise<void> {
  try {
    await vscode.commands.executeCommand('lm.addLanguageModelsProviderGroup', { name, vendor });
  } catch (error) {
    // "already exists" is fine; anything else means this editor lacks the command (older or newer VS Code).
    if (!/already exists/i.test(error instanceof Error ? error.message : String(error))) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Could not add "{0}" to the language models. Open "Chat: Manage Language Models" and add it there.', name),
      );
    }
  }
}
