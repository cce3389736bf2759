import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ProviderId } from '../core/providers/kinds';
import { modelsPageHtml } from './modelsPageHtml';
import { INITIAL_STATE_ID } from '../protocol/initialState';
import type { HostServices } from './services';
import { diagnoseModel } from './diagnoseModel';
import { announceReadyForChat } from './readyForChat';
import { useInChat } from './useInChat';
import { awsProfileNames } from '../core/providers/bedrock/profileNames';
import type { ModelsController } from './modelsController';
import { asPageRequest } from './modelsPageRequests';
import { attachTeamPage, teamSetupFlow } from './teamSetup';
import { followMonthSpend } from './monthSpend';
import { utilityModels } from './utilityModels';

/**
 * The one Models page (opened by `byok.openModels`, restored after a window reload; the activation
 * shell registers both): wires an opened page, and shows a provider's section on request.
 */
export function modelsPage(services: HostServices): { connect(panel: vscode.WebviewPanel): vscode.Disposable[]; showProvider(value: unknown): Promise<void> } {
  /** The open page's controller (undefined while no page is open). */
  let openPage: Promise<ModelsController> | undefined;
  return {
    connect: (panel) => {
      const { controller, disposables } = connect(panel, services);
      openPage = controller;
      return [...disposables, { dispose: () => openPage === controller && (openPage = undefined) }];
    },
    // From a rotation reminder or a key refused in chat: the provider's section, Rotate key or Verify.
    showProvider: async (value) => {
      const request = asPageRequest(value);
      await vscode.commands.executeCommand('byok.openModels');
      if (request && openPage) await (await openPage).show(request.providerId, request.action);
    },
  };
}

function connect(panel: vscode.WebviewPanel, services: HostServices): { controller: Promise<ModelsController>; disposables: vscode.Disposable[] } {
  const { store, verifier, log, context } = services;
  const webview = panel.webview;
  // The controller and its message schemas load with the first page, not at activation; messages
  // that arrive meanwhile wait for it, in order.
  // The page works without team setups should their module fail to load.
  const teamFlow = teamSetupFlow(services).catch((err: unknown) => void log.error(`Team setup unavailable: ${err instanceof Error ? err.name : 'error'}`));
  const controller = Promise.all([import('./modelsController'), teamFlow]).then(([{ ModelsController }, team]) => {
    const created = new ModelsController({
      store,
      verifier,
      selection: services.selection,
      usage: services.usage,
      post: (message) => void webview.postMessage(message),
      log,
      refreshChatModels: () => services.refreshChatModels(),
      useInChat: (providerId, modelId) => useInChat(services, { providerId, modelId }),
      diagnose: (providerId, modelId) => diagnoseModel(services, { providerId, modelId }),
      announceReady: (providerId, models) => void announceReadyForChat(services, providerId, models),
      copyToClipboard: (text) => vscode.env.clipboard.writeText(text),
      openUsage: () => void vscode.commands.executeCommand('byok.openUsage'),
      l10nBundle: () => vscode.l10n.bundle,
      awsProfileNames: () => awsProfileNames(),
      team,
      utility: { show: (post) => utilityModels.show(services, post), apply: (chosen, post) => utilityModels.apply(services, chosen, post) },
      noChat: services.noChat(),
      // In a web editor (code-server) secret storage is the browser's.
      keysInBrowser: vscode.env.uiKind === vscode.UIKind.Web,
    });
    created.prefetch();
    return created;
  });
  // The page's HTML carries its first state, so it renders without waiting for a message (see
  // modelsPageHtml); when that state cannot be read, the page asks for it and `ready` reports why.
  let disposed = false;
  void controller
    .then((c) => c.initialState())
    .then(
      (state) => !disposed && (webview.html = pageHtml(webview, context.extensionUri, state)),
      () => !disposed && (webview.html = pageHtml(webview, context.extensionUri)),
    );
  const report = (err: unknown) => log.error(`Models page: ${err instanceof Error ? err.name : 'error'} while handling a message`);
  const teamPage = controller.then((c) => attachTeamPage(services, c.teamPage, panel));
  const utilityFollow = controller.then((c) => utilityModels.follow(services, c.teamPage.post));
  let monthSpend: vscode.Disposable | undefined;
  const disposables = [
    { dispose: () => (disposed = true) },
    // A hidden page is rebuilt from its HTML when shown again: without the state it had at
    // opening, it asks for the current one instead of showing an old one first.
    panel.onDidChangeViewState(() => {
      if (!panel.visible && webview.html.includes(INITIAL_STATE_ID)) webview.html = pageHtml(webview, context.extensionUri);
    }),
    { dispose: () => void teamPage.then((d) => d.dispose()) },
    { dispose: () => void utilityFollow.then((d) => d.dispose()) },
    webview.onDidReceiveMessage((message: unknown) => {
      const handled = controller.then((c) => c.handle(message));
      handled.catch(report);
      // Once the page has its first state, the SDKs of the configured providers load in the
      // background, then Node's HTTP clients make their first-use setup against a loopback server
      // of this process, so the first Verify waits for neither (never at activation).
      // A runtime that cannot load is reported by the Verify that needs it.
      if ((message as { type?: unknown })?.type === 'ready') {
        void handled.then(() => verifier.preloadConfigured()).then(() => verifier.warmUpConnections()).catch(() => undefined);
        // The overview's month figures, once the page has rendered (again, after a reload of the page).
        void handled.then(async () => {
          const { post } = (await controller).teamPage;
          monthSpend?.dispose();
          monthSpend = followMonthSpend(services, post);
        });
      }
    }),
    { dispose: () => monthSpend?.dispose() },
    verifier.onDidVerify((result) => void controller.then((c) => c.refreshProvider(result.providerId)).catch(report)),
    services.spending.onDidRecord((providerId) => void controller.then((c) => c.refreshProvider(providerId)).catch(report)),
    // Settings Sync or another window may change settings or secrets while the page is open.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('byok')) void controller.then((c) => c.refreshAll()).catch(report);
    }),
    context.secrets.onDidChange((e) => {
      if (e.key.startsWith('byok/') && !e.key.includes('/pending/')) void controller.then((c) => c.refreshAll()).catch(report);
    }),
  ];
  return { controller, disposables };
}

function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, initialState?: unknown): string {
  return modelsPageHtml({
    initialState,
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    asset: (name) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString(),
    lang: vscode.env.language,
    title: vscode.l10n.t('BYOK Models'),
  });
}
