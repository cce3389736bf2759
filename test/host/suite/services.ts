import * as vscode from 'vscode';
import type { HostServices } from '../../../src/host/services';

export const EXTENSION_ID = 'byok-models.byok-models';

/** The running extension's own services, as `activate` returns them (the same objects the page and chat use). */
export async function extensionServices(): Promise<HostServices> {
  const extension = vscode.extensions.getExtension<{ services: HostServices }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  const api = await extension.activate();
  return api.services;
}
