import * as vscode from 'vscode';
import type { ProviderError } from '../core/errors/errorKind';
import type { LocalizableText } from '../core/text';
import { messageWithoutClosingPeriod } from './chatErrorText';

export function localize(t: LocalizableText): string {
  return vscode.l10n.t(t.message, ...t.args);
}

/** One line for a chat error or notification: what went wrong and how to fix it. */
export function describeError(providerName: string, error: ProviderError): string {
  return vscode.l10n.t('{0}: {1}. {2}', providerName, messageWithoutClosingPeriod(error.message), localize(error.hint)).trim();
}
