import * as vscode from 'vscode';
import type { ChatRequest, ChatUsage } from '../core/chat/types';
import { blockingLimit, budgetLimits, budgetStatuses, BudgetSettingsSchema, newWarnings, type BudgetLimit, type BudgetStatus, type BudgetWarning } from '../core/costs/budgets';
import type { KeyServed, UsageLedger } from '../core/costs/ledger';
import { loadCatalogue, priceAnswer, pricedModel, priceOverrides, type CatalogueLookup } from '../core/costs/prices';
import { costToConfirm } from '../core/costs/requestEstimate';
import type { ProviderId, ProviderKind } from '../core/providers/kinds';
import type { OrderedWrites } from '../core/store/orderedWrites';

const WARNED_KEY = 'byok.budgetWarnings';

export interface SpendingDeps {
  ledger: UsageLedger;
  state: OrderedWrites;
  log: vscode.LogOutputChannel;
  displayName(providerId: ProviderId): string;
}

/** USD as the user reads it; amounts under a cent with two significant digits ($0.000031), never as $0.00. */
export function formatUsd(usd: number): string {
  const small = usd > 0 && usd < 0.01;
  return new Intl.NumberFormat(vscode.env.language, small ? { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 } : { style: 'currency', currency: 'USD' }).format(usd);
}

/**
 * Prices each answer, records it in the ledger (which the Models page and the usage view read), warns as budgets fill up
 * and refuses requests past a limit when the user asked for that. Nothing here runs at activation.
 */
export class Spending {
  private catalogue: Promise<CatalogueLookup | undefined> | undefined;
  /** "Send, and stop asking": large requests go out without asking until the editor restarts. */
  private sendLargeWithoutAsking = false;
  private readonly recorded = new vscode.EventEmitter<ProviderId>();
  readonly onDidRecord = this.recorded.event;

  constructor(private readonly deps: SpendingDeps) {}

  private budgets() {
    return budgetLimits(vscode.workspace.getConfiguration('byok').get('budgets'));
  }

  /** The catalogue loads while the answer streams, so pricing it at the end does not wait. */
  private loadCatalogue(): Promise<CatalogueLookup | undefined> {
    this.catalogue ??= loadCatalogue().then(
      (m) => m.cataloguePrice,
      () => {
        this.deps.log.warn('The price catalogue could not be loaded; answers are recorded without a catalogue price.');
        return undefined;
      },
    );
    return this.catalogue;
  }

  /** Before a request: the refusal text when a reached limit stops it, else undefined. */
  async refusal(providerId: ProviderId): Promise<string | undefined> {
    void this.loadCatalogue();
    const { limits, stopAtLimit } = this.budgets();
    if (!stopAtLimit || limits.length === 0) return undefined;
    const blocked = blockingLimit(await this.statuses(limits), providerId, stopAtLimit);
    if (!blocked) return undefined;
    return vscode.l10n.t(
      'Not sent: your BYOK budget of {0} {1} for {2} is reached ({3} spent). To continue, raise or remove the limit, or turn off "stop at the limit", under Budgets in "BYOK: Show Usage and Costs" (Command Palette).',
      formatUsd(blocked.limitUsd),
      this.periodText(blocked),
      this.scopeText(blocked),
      formatUsd(blocked.spentUsd),
    );
  }

  /**
   * Before a request, when the user set `askAboveUsd`: estimates what its prompt alone costs (the
   * provider runtime's token count at the model's input price) and, above that amount, asks once
   * in a modal dialog. Returns the sentence for the chat when the user chose not to send it.
   */
  async confirmLargeRequest(
    kind: ProviderKind,
    settings: Record<string, unknown>,
    modelId: string,
    request: Pick<ChatRequest, 'messages' | 'tools'>,
    countTokens: (text: string) => Promise<number>,
  ): Promise<string | undefined> {
    const askAboveUsd = BudgetSettingsSchema.safeParse(vscode.workspace.getConfiguration('byok').get('budgets') ?? {}).data?.askAboveUsd;
    if (askAboveUsd === undefined || this.sendLargeWithoutAsking) return undefined;
    const overrides = priceOverrides(vscode.workspace.getConfiguration('byok').get('prices'));
    const estimate = await costToConfirm(request, countTokens, pricedModel(kind, settings, modelId), { overrides, catalogue: await this.loadCatalogue() }, askAboveUsd, new Date());
    if (!estimate) return undefined;
    const { inputTokens, usd } = estimate;
    const send = vscode.l10n.t('Send');
    const sendAll = vscode.l10n.t('Send, and stop asking until the editor restarts');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send this large request to {0}? Its prompt alone is about {1} tokens, about {2} at the model’s input price; you asked to confirm requests above {3}.', modelId, new Intl.NumberFormat(vscode.env.language).format(inputTokens), formatUsd(usd), formatUsd(askAboveUsd)),
      { modal: true, detail: vscode.l10n.t('The answer adds to that. Change or clear the amount under Budgets in "BYOK: Show Usage and Costs".') },
      send,
      sendAll,
    );
    if (choice === sendAll) this.sendLargeWithoutAsking = true;
    if (choice === send || choice === sendAll) return undefined;
    return vscode.l10n.t('Not sent: you chose not to send this request (its prompt alone is about {0}).', formatUsd(usd));
  }

  async statuses(limits: readonly BudgetLimit[] = this.budgets().limits, now = new Date()): Promise<BudgetStatus[]> {
    if (limits.length === 0) return [];
    return budgetStatuses(await this.deps.ledger.dailySums(), limits, now);
  }

  async record(providerId: ProviderId, kind: ProviderKind, settings: Record<string, unknown>, modelId: string, usage: ChatUsage, servedBy: KeyServed = 'primary'): Promise<void> {
    const now = new Date();
    const catalogue = usage.reportedCostUsd === undefined ? await this.loadCatalogue() : undefined;
    const overrides = priceOverrides(vscode.workspace.getConfiguration('byok').get('prices'));
    const cost = priceAnswer(usage, pricedModel(kind, settings, modelId), overrides, catalogue, now);
    this.deps.ledger.append({ time: now, provider: providerId, model: modelId, workspace: vscode.workspace.workspaceFolders?.[0]?.name, usage, cost, servedBy });
    this.recorded.fire(providerId);
    await this.warnIfNeeded(now);
    void this.deps.ledger.compactIfLarge(now).catch((err: unknown) => this.deps.log.warn(`Usage ledger compaction failed: ${(err as NodeJS.ErrnoException).code ?? 'error'}`));
  }

  private async warnIfNeeded(now: Date): Promise<void> {
    const { limits, stopAtLimit } = this.budgets();
    if (limits.length === 0) return;
    const statuses = await this.statuses(limits, now);
    const keys = new Set(statuses.map((s) => s.periodKey));
    const warned = new Set((this.deps.state.get<string[]>(WARNED_KEY) ?? []).filter((mark) => keys.has(mark.split('|')[3]!)));
    const warnings = newWarnings(statuses, warned);
    if (warnings.length === 0) return;
    await this.deps.state.update(WARNED_KEY, [...warned, ...warnings.map((w) => w.mark)]);
    for (const warning of warnings) void this.notify(warning, stopAtLimit);
  }

  private async notify({ status, threshold }: BudgetWarning, stopAtLimit: boolean): Promise<void> {
    const args = [formatUsd(status.spentUsd), formatUsd(status.limitUsd), this.periodText(status), this.scopeText(status)] as const;
    const message =
      threshold < 1
        ? vscode.l10n.t('BYOK budget: {0} spent of your {1} {2} limit for {3} (80 %).', ...args)
        : stopAtLimit
          ? vscode.l10n.t('BYOK budget reached: {0} spent of your {1} {2} limit for {3}. Chat requests it covers are stopped until the period ends or you raise the limit.', ...args)
          : vscode.l10n.t('BYOK budget reached: {0} spent of your {1} {2} limit for {3}.', ...args);
    const show = vscode.l10n.t('Show Usage and Costs');
    const choice = await (threshold < 1 ? vscode.window.showInformationMessage(message, show) : vscode.window.showWarningMessage(message, show));
    if (choice === show) void vscode.commands.executeCommand('byok.openUsage');
  }

  private periodText(limit: BudgetLimit): string {
    return limit.period === 'month' ? vscode.l10n.t('per month') : vscode.l10n.t('per day');
  }

  private scopeText(limit: BudgetLimit): string {
    return limit.provider ? this.deps.displayName(limit.provider as ProviderId) : vscode.l10n.t('all providers');
  }
}
