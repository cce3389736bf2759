import * as vscode from 'vscode';
import type { SettingsPort } from '../core/store/ports';

/** `byok.*` settings at user level (Settings Sync carries them); reads only the user's own value. */
export function userSettings(): SettingsPort {
  return {
    get<T>(key: string): T | undefined {
      return vscode.workspace.getConfiguration('byok').inspect<T>(key)?.globalValue;
    },
    update(key, value) {
      return vscode.workspace.getConfiguration('byok').update(key, value, vscode.ConfigurationTarget.Global);
    },
  };
}
