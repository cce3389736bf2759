import * as vscode from 'vscode';
import { utilityModelsOffer, utilitySettingValue, type OfferedChatModel, type UtilitySettingsState } from '../core/chat/utilityModels';
import type { ProviderId } from '../core/providers/kinds';
import type { ToPageInput } from '../protocol/messages';
import { splitChatModelId } from './chatModelInfo';
import type { HostServices } from './services';
import { ourVendors } from './useInChat';

type Post = (message: ToPageInput) => void;

/** The chat's own settings for small tasks, as this editor declares them (see core/chat/utilityModels.ts). */
function settingsState(): UtilitySettingsState {
  const chat = vscode.workspace.getConfiguration('chat');
  const byokDefault = chat.inspect<string>('byokUtilityModelDefault');
  return {
    editorHasUtilityModels: byokDefault?.defaultValue !== undefined,
    byokDefault: chat.get<string>('byokUtilityModelDefault'),
    utilityModel: chat.get('utilityModel'),
    utilitySmallModel: chat.get('utilitySmallModel'),
  };
}

/** Our models in the chat right now, as the editor lists them (verified provider, ticked model). */
async function offeredModels(services: Pick<HostServices, 'store'>): Promise<OfferedChatModel[]> {
  const perVendor = await Promise.all(ourVendors().map((vendor) => vscode.lm.selectChatModels({ vendor }).then(undefined, () => [])));
  return perVendor.flat().flatMap((model) => {
    const split = splitChatModelId(model.id);
    if (!split) return [];
    return [{ vendor: model.vendor, id: model.id, modelId: split.modelId, name: split.modelId, providerName: services.store.displayName(split.providerId as ProviderId) }];
  });
}

/** The Models page's part: the offer, and the user's "Use … for small tasks". */
export const utilityModels = {
  async show(services: Pick<HostServices, 'store' | 'noChat'>, post: Post): Promise<void> {
    if (services.noChat()) return;
    const state = settingsState();
    // Editors without utility models (before VS Code 1.139) need nothing: no lookup.
    const offer = state.editorHasUtilityModels ? utilityModelsOffer(state, await offeredModels(services)) : undefined;
    post({ type: 'utilityModels', offer });
  },

  /** Writes only the settings the chat lacks, and only with a model that is in the chat now (the page names it, the host checks it). */
  async apply(services: Pick<HostServices, 'store' | 'noChat'>, chosen: { vendor: string; id: string }, post: Post): Promise<void> {
    const state = settingsState();
    const model = (await offeredModels(services)).find((m) => m.vendor === chosen.vendor && m.id === chosen.id);
    const offer = model && utilityModelsOffer(state, [model]);
    if (!model || !offer) return this.show(services, post);
    const chat = vscode.workspace.getConfiguration('chat');
    for (const setting of offer.missing) await chat.update(setting, utilitySettingValue(model), vscode.ConfigurationTarget.Global);
    post({ type: 'utilityModels', applied: { name: model.name, providerName: model.providerName } });
  },

  /** The offer follows the chat's models and the user's settings while the page is open. */
  follow(services: Pick<HostServices, 'store' | 'noChat'>, post: Post): vscode.Disposable {
    const again = () => void this.show(services, post).catch(() => undefined);
    return vscode.Disposable.from(
      vscode.lm.onDidChangeChatModels(again),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('chat.utilityModel') || e.affectsConfiguration('chat.utilitySmallModel') || e.affectsConfiguration('chat.byokUtilityModelDefault')) again();
      }),
    );
  },
};
