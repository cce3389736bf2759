import tls from 'node:tls';
import * as vscode from 'vscode';
import { networkRouteFrom, setNetworkRoute } from '../core/net/networkRoute';

/**
 * The operating system's certificate store, as the editor trusts it (`http.systemCertificates`).
 * Read only when a proxy is set: without one, provider calls use the editor's own patched fetch
 * and agents, which add these certificates themselves. Node lists them from 22.15 on.
 */
function systemCertificates(): string[] {
  const list = (tls as { getCACertificates?: (kind: 'system') => string[] }).getCACertificates;
  try {
    return list?.('system') ?? [];
  } catch {
    return [];
  }
}

/** Keeps provider calls on the route the editor's `http.*` settings and the proxy environment describe. */
export function followEditorNetworkSettings(): vscode.Disposable {
  const apply = () => {
    const http = vscode.workspace.getConfiguration('http');
    // `http.proxySupport: off`: the user wants no proxy for extensions, from settings or environment.
    const proxyOff = http.get<string>('proxySupport') === 'off';
    const route = networkRouteFrom(
      { proxy: http.get<string>('proxy'), proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true), noProxy: http.get<string[]>('noProxy', []) },
      proxyOff ? {} : process.env,
    );
    if (proxyOff) route.proxy = undefined;
    const withCertificates = route.proxy && http.get<boolean>('systemCertificates', true);
    setNetworkRoute(withCertificates ? { ...route, extraCertificates: systemCertificates() } : route);
  };
  apply();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('http')) apply();
  });
}
