import * as vscode from 'vscode';
import { diagnoseChatPicker, diagnosisSummary, type FixAction, type PickerCheck, type PickerFacts } from '../core/diagnosis/chatPickerDiagnosis';
import { kindOfId, ProviderIdSchema, type ProviderId } from '../core/providers/kinds';
import { providerDefinitions } from '../core/providers/registry';
import { disabledByTeam } from '../core/teamSetup/teamRules';
import { chatModelId } from './chatModelInfo';
import { teamRulesInForce } from './teamSetup';
import { localize } from './localize';
import { verifyForChat } from './verifyForChat';
import type { HostServices } from './services';
import { openInAskMode, readOwnModelGroup, supportsTools, useInChat, vendorDisplayName } from './useInChat';

export interface DiagnosisTarget {
  providerId?: ProviderId;
  modelId?: string;
}

const ICONS: Record<PickerCheck['status'], string> = { passed: '$(pass)', failed: '$(error)', unknown: '$(question)' };

/**
 * "Why isn't my model in the chat picker?" (`byok.diagnoseModel`): asks which provider and model
 * when not given, then shows every check as a QuickPick item; choosing a failed one runs its fix,
 * and fixes that change things here (Verify, enable, turn chat on) show the checks again.
 */
export async function diagnoseModel(services: HostServices, target: DiagnosisTarget = {}): Promise<void> {
  const providerId = target.providerId && ProviderIdSchema.safeParse(target.providerId).success ? target.providerId : await pickProvider(services);
  if (!providerId) return;
  const modelId = target.modelId ?? (await pickModel(services, providerId));
  if (modelId === null) return;
  for (;;) {
    const facts = await gatherFacts(services, providerId, modelId);
    const checks = diagnoseChatPicker(facts);
    const chosen = await showChecks(facts, checks);
    if (!chosen?.fix) return;
    const again = await runFix(services, chosen.fix.action, providerId, modelId);
    if (!again) return;
  }
}

async function pickProvider(services: HostServices): Promise<ProviderId | undefined> {
  const configured = (await services.store.snapshot()).filter((p) => p.configured);
  if (!configured.length) {
    const open = vscode.l10n.t('Open Models');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No provider is set up yet: add a key on the Models page and click Verify.'), open);
    if (choice === open) await vscode.commands.executeCommand('byok.openModels');
    return undefined;
  }
  if (configured.length === 1) return configured[0]!.id;
  const picked = await vscode.window.showQuickPick(
    configured.map((p) => ({ label: p.displayName, id: p.id })),
    { title: vscode.l10n.t("Why isn't my model in the chat picker?"), placeHolder: vscode.l10n.t('Which provider?'), ignoreFocusOut: true },
  );
  return picked?.id;
}

/** A model of the provider (undefined: the provider as a whole; null: the user cancelled). */
async function pickModel(services: HostServices, providerId: ProviderId): Promise<string | undefined | null> {
  const listed = services.store.lastResult(providerId)?.models ?? [];
  const enabled = services.store.enabledModels(providerId);
  const ids = [...new Set([...enabled, ...listed.map((m) => m.id)])];
  if (!ids.length) return undefined;
  const whole = { label: vscode.l10n.t('Any model of {0}', services.store.displayName(providerId)), id: undefined as string | undefined };
  const picked = await vscode.window.showQuickPick(
    [...ids.map((id) => ({ label: listed.find((m) => m.id === id)?.name ?? id, description: enabled.includes(id) ? vscode.l10n.t('ticked for chat') : undefined, id })), whole],
    // Started from the Models page, the webview can take focus back a moment later: the pick stays open.
    { title: vscode.l10n.t("Why isn't my model in the chat picker?"), placeHolder: vscode.l10n.t('Which model?'), ignoreFocusOut: true },
  );
  return picked ? picked.id : null;
}

async function gatherFacts(services: HostServices, providerId: ProviderId, modelId: string | undefined): Promise<PickerFacts> {
  const { store } = services;
  const team = await teamRulesInForce(services.context);
  const snapshot = await store.snapshotOf(providerId);
  const resolved = await store.resolve(providerId);
  const vendor = providerDefinitions[kindOfId(providerId)].vendor;
  const result = snapshot.lastResult;
  const model = modelId === undefined ? undefined : result?.models.find((m) => m.id === modelId);
  const chatId = modelId === undefined ? undefined : chatModelId(providerId, modelId);
  const editorHasModel =
    chatId === undefined ? undefined : (await vscode.lm.selectChatModels({ vendor, id: chatId }).then((m) => m.length > 0, () => false));
  return {
    providerName: snapshot.displayName,
    modelName: modelId === undefined ? undefined : (model?.name ?? modelId),
    vendorName: vendorDisplayName(vendor),
    keyStored: snapshot.configured && resolved.problem !== 'missing_credentials',
    verification: result ? (result.ok ? 'current' : 'failed') : snapshot.resultOutdated ? 'outdated' : 'never',
    modelListed: result?.ok && modelId !== undefined ? model !== undefined : undefined,
    modelEnabled: modelId === undefined ? undefined : snapshot.enabledModels.includes(modelId),
    modelToolCalling: model && chatId ? supportsTools(store, chatId) : undefined,
    editorVersion: vscode.version,
    chatProviderApi: typeof vscode.lm?.registerLanguageModelChatProvider === 'function',
    chatView: services.noChat()?.reason !== 'view',
    aiFeaturesDisabled: vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures') === true,
    workspaceTrusted: vscode.workspace.isTrusted,
    editorHasModel,
    ownModelGroup: await readOwnModelGroup(services.context.globalStorageUri),
    teamDisabled: disabledByTeam(team, kindOfId(providerId)) ? { teamName: team?.name, reason: team?.allowedReason } : undefined,
  };
}

type CheckItem = vscode.QuickPickItem & { check: PickerCheck };

async function showChecks(facts: PickerFacts, checks: PickerCheck[]): Promise<PickerCheck | undefined> {
  const items: CheckItem[] = checks.map((check) => ({
    label: `${ICONS[check.status]} ${localize(check.title)}`,
    description: check.fix ? `$(wrench) ${localize(check.fix.label)}` : undefined,
    detail: check.detail ? localize(check.detail) : undefined,
    check,
  }));
  const pick = vscode.window.createQuickPick<CheckItem>();
  pick.title = facts.modelName
    ? vscode.l10n.t("Why isn't {0} in the chat picker? ({1})", facts.modelName, facts.providerName)
    : vscode.l10n.t("Why aren't {0} models in the chat picker?", facts.providerName);
  pick.placeholder = `${localize(diagnosisSummary(checks))} · ${vscode.l10n.t('Choose a check with a fix to run it')}`;
  pick.items = items;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  // Start on the first problem, so Enter fixes it.
  const firstFailed = items.find((i) => i.check.status === 'failed');
  if (firstFailed) pick.activeItems = [firstFailed];
  return new Promise((resolve) => {
    let chosen: PickerCheck | undefined;
    pick.onDidAccept(() => {
      const item = pick.activeItems[0];
      // A check without a fix stays open: there is nothing to run.
      if (!item?.check.fix) return;
      chosen = item.check;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

/** Runs a fix; true when the checks should be shown again. */
async function runFix(services: HostServices, action: FixAction, providerId: ProviderId, modelId: string | undefined): Promise<boolean> {
  const vendor = providerDefinitions[kindOfId(providerId)].vendor;
  switch (action) {
    case 'openModels':
      await vscode.commands.executeCommand('byok.openModels');
      return false;
    case 'verify':
      await verifyForChat(services, providerId);
      return true;
    case 'enableModel':
      if (modelId !== undefined) await services.selection.setEnabled(providerId, [...services.store.enabledModels(providerId), modelId]);
      services.refreshChatModels();
      return true;
    case 'turnOnChat':
      await turnOnChat();
      return true;
    case 'trustWorkspace':
      await vscode.commands.executeCommand('workbench.trust.manage');
      return false;
    case 'openInAskMode':
      if (modelId !== undefined) await openInAskMode(vendor, chatModelId(providerId, modelId));
      return false;
    case 'setUpChat':
      await useInChat(services, { providerId, modelId }, { consented: true });
      return false;
    case 'manageLanguageModels':
      await vscode.commands.executeCommand('workbench.action.chat.manage');
      return false;
    case 'reloadWindow':
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      return false;
  }
}

/** Clears `chat.disableAIFeatures` wherever it is set to true (user or workspace settings). */
async function turnOnChat(): Promise<void> {
  const config = vscode.workspace.getConfiguration('chat');
  const inspected = config.inspect<boolean>('disableAIFeatures');
  if (inspected?.workspaceValue === true) await config.update('disableAIFeatures', undefined, vscode.ConfigurationTarget.Workspace);
  if (inspected?.globalValue === true) await config.update('disableAIFeatures', undefined, vscode.ConfigurationTarget.Global);
}
