import * as vscode from 'vscode';
import { awsProfileNames } from '../core/providers/bedrock/profileNames';
import { ADOPTED_TEAM_RULES_KEY, type TeamRules } from '../core/teamSetup/teamRules';
import type { HostServices } from './services';
import type { FoundTeamFile, TeamPage, TeamSetupFlow } from './teamSetupFlow';

/** Where a workspace keeps its team file. */
export const TEAM_FILE_PATH = '.vscode/byok-team.json';
/** The administrator's team file (machine or user settings; never read from a workspace). */
const ADMIN_SETTING = 'teamSetup.file';

/**
 * The editor side of team setups: finds the team file (the workspace's only when the workspace is
 * trusted; Restricted Mode ignores it), dialogs for import and export, and the commands.
 */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function findTeamFile(): Promise<FoundTeamFile | undefined> {
  if (vscode.workspace.isTrusted) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, TEAM_FILE_PATH);
      const text = await readText(uri);
      if (text !== undefined) return { origin: 'workspace', file: vscode.workspace.asRelativePath(uri, true), text };
    }
  }
  // Only the user's and the machine's value: a workspace must not point at a file of its choosing.
  const admin = vscode.workspace.getConfiguration('byok').inspect<string>(ADMIN_SETTING)?.globalValue?.trim();
  if (admin) {
    const text = await readText(vscode.Uri.file(admin));
    if (text !== undefined) return { origin: 'admin', file: admin, text };
  }
  return undefined;
}

/** Where the adoption of a team file of each origin is remembered. */
function adoptionState(context: vscode.ExtensionContext, origin: FoundTeamFile['origin']): vscode.Memento {
  return origin === 'workspace' ? context.workspaceState : context.globalState;
}

/**
 * The adopted team setup's rules in force now: those adopted for the team file found (a file
 * removed, or a workspace in Restricted Mode, takes its rules with it). For the chat providers,
 * without loading the flow.
 */
export async function teamRulesInForce(context: vscode.ExtensionContext): Promise<TeamRules | undefined> {
  const found = await findTeamFile();
  return found && adoptionState(context, found.origin).get<TeamRules>(ADOPTED_TEAM_RULES_KEY);
}

let flow: Promise<TeamSetupFlow> | undefined;

/** The flow, created on first use (not at activation). */
export function teamSetupFlow(services: HostServices): Promise<TeamSetupFlow> {
  const { context, store } = services;
  return (flow ??= import('./teamSetupFlow').then(
    ({ TeamSetupFlow }) =>
      new TeamSetupFlow({
        store,
        findTeamFile,
        adoptionState: (origin) => adoptionState(context, origin),
        pickImportFile: async () => {
          const [uri] =
            (await vscode.window.showOpenDialog({
              title: vscode.l10n.t('Import BYOK configuration'),
              filters: { [vscode.l10n.t('BYOK configuration')]: ['json'] },
              canSelectMany: false,
            })) ?? [];
          const text = uri && (await readText(uri));
          return uri && text !== undefined ? { file: uri.fsPath, text } : undefined;
        },
        saveExport: async (json) => {
          const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
          const uri = await vscode.window.showSaveDialog({
            title: vscode.l10n.t('Export BYOK configuration (no keys)'),
            defaultUri: folder ? vscode.Uri.joinPath(folder, 'byok-configuration.json') : undefined,
            filters: { [vscode.l10n.t('BYOK configuration')]: ['json'] },
          });
          if (!uri) return undefined;
          await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(json));
          return uri.fsPath;
        },
        keyHints: context.globalState,
        environment: () => process.env,
        awsProfileNames: () => awsProfileNames(),
      }),
  ));
}

/** A second look after a watcher event: a file written in pieces may be read half-written at the first. */
const SETTLE_MS = 1_000;

/**
 * Watchers for the team file of each workspace folder. A watcher for a file in a folder that does
 * not exist yet may miss it, so the folder's `.vscode` is watched for creation too, and the watchers
 * are made again once it exists.
 */
function watchTeamFiles(onEvent: () => void): vscode.Disposable {
  let watchers: vscode.Disposable[] = [];
  const watch = (pattern: vscode.GlobPattern) => {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    watchers.push(watcher, watcher.onDidCreate(onFolderOrFile), watcher.onDidChange(onEvent), watcher.onDidDelete(onFolderOrFile));
  };
  const rebuild = () => {
    watchers.forEach((w) => w.dispose());
    watchers = [];
    watch(`**/${TEAM_FILE_PATH}`);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      watch(new vscode.RelativePattern(folder, TEAM_FILE_PATH));
      watch(new vscode.RelativePattern(folder, '.vscode'));
      watch(new vscode.RelativePattern(vscode.Uri.joinPath(folder.uri, '.vscode'), 'byok-team.json'));
    }
  };
  function onFolderOrFile(uri: vscode.Uri): void {
    if (uri.path.endsWith('/.vscode')) rebuild();
    onEvent();
  }
  rebuild();
  const folders = vscode.workspace.onDidChangeWorkspaceFolders(() => {
    rebuild();
    onEvent();
  });
  return new vscode.Disposable(() => {
    folders.dispose();
    watchers.forEach((w) => w.dispose());
  });
}

/**
 * The Models page connects its controller's way to the page; the offer follows the file from then
 * on: on a watcher event, and whenever the page is shown or focused again (a watcher can miss a file).
 */
export function attachTeamPage(services: HostServices, page: TeamPage, panel: vscode.WebviewPanel): vscode.Disposable {
  // A file that changed may change the rules in force: the chat's models follow them.
  const recheck = () =>
    void teamSetupFlow(services)
      .then((f) => f.recheck(page))
      .then((changed) => changed && services.refreshChatModels())
      .catch((err: unknown) => services.log.warn(`Team setup: re-reading the team file failed (${err instanceof Error ? err.name : 'error'})`));
  let settle: ReturnType<typeof setTimeout> | undefined;
  const onFileEvent = () => {
    recheck();
    clearTimeout(settle);
    settle = setTimeout(recheck, SETTLE_MS);
  };
  const subscriptions = [
    watchTeamFiles(onFileEvent),
    vscode.workspace.onDidGrantWorkspaceTrust(recheck),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`byok.${ADMIN_SETTING}`)) recheck();
    }),
    panel.onDidChangeViewState(() => {
      if (panel.visible) recheck();
    }),
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused && panel.visible) recheck();
    }),
  ];
  return new vscode.Disposable(() => {
    clearTimeout(settle);
    void teamSetupFlow(services).then((f) => f.detach(page));
    subscriptions.forEach((s) => s.dispose());
  });
}

/** "Export configuration" and "Import configuration" from the Command Palette: the Models page does the rest. */
export function teamSetupCommandHandlers(services: HostServices) {
  const onPage = (type: 'exportConfiguration' | 'importConfiguration') => async () => {
    await vscode.commands.executeCommand('byok.openModels');
    const f = await teamSetupFlow(services);
    // A page that is still starting is there once it asked for its state.
    await f.handle({ type }, await f.shownPage());
  };
  return { 'byok.exportConfiguration': onPage('exportConfiguration'), 'byok.importConfiguration': onPage('importConfiguration') };
}
