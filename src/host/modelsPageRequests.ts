import * as vscode from 'vscode';
import type { ProviderId } from '../core/providers/kinds';

/** A provider's section to open on the Models page, with Rotate key unfolded or its Verify run. */
export interface PageRequest {
  providerId: string;
  action?: 'rotate' | 'verify';
}

/** Internal command (not in the Command Palette): the page opens and shows the request. */
export const SHOW_PROVIDER_COMMAND = 'byok.showProvider';

export function showOnModelsPage(request: PageRequest): Thenable<unknown> {
  return vscode.commands.executeCommand(SHOW_PROVIDER_COMMAND, request);
}

export function asPageRequest(value: unknown): { providerId: ProviderId; action?: PageRequest['action'] } | undefined {
  const request = value as Partial<PageRequest> | undefined;
  if (typeof request?.providerId !== 'string') return undefined;
  const action = request.action === 'rotate' || request.action === 'verify' ? request.action : undefined;
  return { providerId: request.providerId as ProviderId, action };
}
