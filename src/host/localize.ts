import * as vscode from 'vscode';
import type { ProviderError } from '../core/errors/errorKind';
import type { LocalizableText } from '../core/text';

export function localize(t: LocalizableText): string {
  return vscode.l10n.t(t.message, ...t.args);
}

/** One line for a chat error or notification: what went wrong and how to fix it. */
export function describeError(providerName: string, error: ProviderError): string {
  return vscode.l10n.t('{0}: {1}. {2}', providerName, error.message, localize(error.hint));
}
