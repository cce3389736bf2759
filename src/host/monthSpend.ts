import * as vscode from 'vscode';
import { summarizeUsage } from '../core/costs/usageSummary';
import type { MonthSpendView } from '../protocol/spendMessages';
import type { HostServices } from './services';

/** This month's chat cost per provider, from the usage ledger (all windows, across restarts). */
export async function monthSpendView(services: Pick<HostServices, 'ledger'>, now = new Date()): Promise<MonthSpendView> {
  const providers: MonthSpendView['providers'] = {};
  for (const totals of summarizeUsage(await services.ledger.dailySums(), now).byProvider) {
    providers[totals.key] = { requests: totals.requests, costUsd: totals.costUsd, unpriced: totals.unpriced };
  }
  return { type: 'monthSpend', locale: vscode.env.language, providers };
}

/** Sends the overview's month figures now and after every recorded answer, until disposed. */
export function followMonthSpend(services: Pick<HostServices, 'ledger' | 'spending' | 'log'>, post: (view: MonthSpendView) => void): vscode.Disposable {
  const send = () =>
    void monthSpendView(services).then(post, (err: unknown) => services.log.error(`Models page: ${err instanceof Error ? err.name : 'error'} while reading the usage ledger`));
  send();
  return services.spending.onDidRecord(send);
}
