import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { budgetSettingsFromForm, type BudgetForm } from '../core/costs/budgetForm';
import { budgetLimits, BudgetSettingsSchema } from '../core/costs/budgets';
import { billingPage } from '../core/costs/billingPages';
import { summarizeUsage, usageCsv } from '../core/costs/usageSummary';
import { kindOfId, type ProviderId } from '../core/providers/kinds';
import { UsageToHostSchema, type UsageToPage } from '../protocol/usageMessages';
import { modelsPageHtml } from './modelsPageHtml';
import type { HostServices } from './services';

/** Wires an opened or restored "BYOK: Show Usage and Costs" panel (its own bundle), read from the usage ledger. */
export function connectUsageView(panel: vscode.WebviewPanel, services: HostServices): vscode.Disposable[] {
  const { context, log } = services;
  const webview = panel.webview;
  webview.html = modelsPageHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    asset: (name) => webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview', name)).toString(),
    lang: vscode.env.language,
    title: vscode.l10n.t('Usage and Costs'),
    scripts: ['usage.js'],
    stylesheets: ['webview.css', 'usage.css'],
  });
  const post = (message: UsageToPage) => void webview.postMessage(message);
  const send = () => void viewOf(services).then(post, (err: unknown) => log.error(`Usage view: ${err instanceof Error ? err.name : 'error'} while reading the ledger`));
  return [
    webview.onDidReceiveMessage(async (raw: unknown) => {
      const parsed = UsageToHostSchema.safeParse(raw);
      if (!parsed.success) return log.warn('Usage view: rejected a malformed message');
      switch (parsed.data.type) {
        case 'ready':
          return send();
        case 'exportCsv':
          return exportCsv(services, post);
        case 'editPrices':
          return void vscode.commands.executeCommand('workbench.action.openSettings', 'byok.prices');
        case 'saveBudgets':
          return saveBudgets(parsed.data.form, post);
        case 'openModels':
          return void vscode.commands.executeCommand('byok.openModels');
      }
    }),
    services.spending.onDidRecord(send),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('byok')) send();
    }),
  ];
}

async function viewOf(services: HostServices): Promise<UsageToPage> {
  const { store, ledger } = services;
  const now = new Date();
  const rows = await ledger.dailySums();
  const budgetSetting = vscode.workspace.getConfiguration('byok').get('budgets');
  const { limits, stopAtLimit } = budgetLimits(budgetSetting);
  const budgetSettings = BudgetSettingsSchema.safeParse(budgetSetting ?? {});
  const configured = new Set<string>(store.providerIds());
  const providerNames: Record<string, string> = {};
  // A provider removed since keeps its id as its name in the ledger's figures.
  for (const row of rows) providerNames[row.provider] ??= row.provider;
  const billing: { name: string; url: string }[] = [];
  for (const id of configured as Set<ProviderId>) {
    providerNames[id] = store.displayName(id);
    const url = billingPage(kindOfId(id), store.rawSettings(id) ?? {});
    if (url && !billing.some((b) => b.url === url)) billing.push({ name: providerNames[id]!, url });
  }
  return {
    type: 'usage',
    locale: vscode.env.language,
    l10n: vscode.l10n.bundle ?? {},
    summary: summarizeUsage(rows, now),
    budgets: await services.spending.statuses(limits, now),
    stopAtLimit,
    budgetSettings: budgetSettings.success ? budgetSettings.data : {},
    budgetSettingsInvalid: !budgetSettings.success,
    budgetProviders: [...configured].map((id) => ({ id, name: store.displayName(id as ProviderId) })),
    gatewayBudgets: [...configured].flatMap((id) => {
      const result = store.lastResult(id as ProviderId);
      return result?.gatewayBudget ? [{ provider: store.displayName(id as ProviderId), budget: result.gatewayBudget, checkedAt: result.verifiedAt }] : [];
    }),
    providerNames,
    billing,
  };
}

/** Checks the form again (the view is not trusted) and writes byok.budgets in the user's settings. */
async function saveBudgets(form: BudgetForm, post: (message: UsageToPage) => void): Promise<void> {
  const config = vscode.workspace.getConfiguration('byok');
  const current = BudgetSettingsSchema.safeParse(config.inspect('budgets')?.globalValue ?? {});
  const result = budgetSettingsFromForm(form, current.success ? current.data : {});
  if ('errors' in result) return post({ type: 'budgetErrors', errors: result.errors });
  try {
    await config.update('budgets', Object.keys(result.settings).length ? result.settings : undefined, vscode.ConfigurationTarget.Global);
    post({ type: 'budgetsSaved', text: vscode.l10n.t('Budgets saved in your user settings (byok.budgets).') });
  } catch (err) {
    // The editor's reason (such as a syntax error in settings.json) names no secret.
    post({ type: 'notice', text: vscode.l10n.t('Budgets not saved: {0}', err instanceof Error ? err.message : String(err)) });
  }
}

async function exportCsv(services: HostServices, post: (message: UsageToPage) => void): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? services.context.globalStorageUri, 'byok-usage.csv'),
    filters: { CSV: ['csv'] },
    title: vscode.l10n.t('Export usage as CSV'),
  });
  if (!target) return;
  const csv = usageCsv(await services.ledger.rows());
  if (target.scheme === 'file') await writeFile(target.fsPath, csv);
  else await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
  post({ type: 'notice', text: vscode.l10n.t('Exported to {0}.', target.fsPath) });
}
