import type { ErrorKind } from '../core/errors/errorKind';
import type { UsageTotals } from '../core/chat/usageLog';
import type { ModelInfo, ModelResult } from '../core/verify/result';
import type { ProviderView } from '../protocol/messages';
import { lookup, t } from './l10n';

/** The words of a provider's status line and warnings; pure, so the wording is unit-tested. */

export function errorKindLabel(kind: ErrorKind): string {
  switch (kind) {
    case 'invalid_key': return t('Invalid key');
    case 'missing_credentials': return t('Missing credentials');
    case 'permission_denied': return t('Permission denied');
    case 'model_access_not_enabled': return t('Model access not enabled');
    case 'quota_exhausted': return t('Quota exhausted');
    case 'rate_limited': return t('Rate limited');
    case 'model_not_found': return t('Model not found');
    case 'deployment_not_found': return t('Deployment not found');
    case 'wrong_base_url': return t('Wrong base URL');
    case 'azure_api_version_rejected': return t('API version rejected');
    case 'needs_inference_profile': return t('Needs an inference profile');
    case 'credentials_expired': return t('Credentials expired');
    case 'role_assumption_refused': return t('Role assumption refused');
    case 'endpoint_not_confirmed': return t('Endpoint not confirmed');
    case 'invalid_configuration': return t('Invalid configuration');
    case 'network_unreachable': return t('Network unreachable');
    case 'dns': return t('Host not found');
    case 'tls_or_proxy': return t('TLS or proxy problem');
    case 'redirect_refused': return t('Redirect to another host refused');
    case 'timeout': return t('Timed out');
    case 'cancelled': return t('Cancelled');
    case 'overloaded': return t('Provider overloaded');
    case 'server_error': return t('Provider error');
    case 'bad_request': return t('Request rejected');
    case 'unexpected_response': return t('Unexpected response');
  }
}

/** Status lines: the first is the summary ("Verified · …", the error kind), the rest detail it. */
export function statusLines(view: ProviderView, now = Date.now()): string[] {
  if (view.verifying) return [t('Verifying…')];
  if (view.rejectedDraft) {
    const lines = resultLines(view.rejectedDraft, now);
    const stored = Object.values(view.secrets).find((s) => s.present);
    if (!stored) return lines;
    // The typed key failed; say that the stored one was not touched and is still what chat uses.
    const keep = stored.last4 ? t('Nothing was saved: the stored key (ends with {0}) is unchanged.', stored.last4) : t('Nothing was saved: the stored key is unchanged.');
    return [lines[0]!, keep, ...lines.slice(1)];
  }
  if (view.lastResult) return resultLines(view.lastResult, now);
  if (view.resultOutdated) return [t('Not verified since the last change'), t('Verify to check the saved settings and key; until then its models are not offered in chat.')];
  return [t('Not verified yet')];
}

function resultLines(result: NonNullable<ProviderView['lastResult']>, now: number): string[] {
  if (result.ok) {
    // Azure offers its deployments in chat, not the resource's model catalogue: count those.
    const deployments = result.kind === 'azure' ? result.proven.deploymentsReachable?.length : undefined;
    const models = result.proven.modelsVisible ?? result.models.length;
    const lines = [
      deployments !== undefined
        ? deployments === 1
          ? t('Verified · 1 deployment · {0} ms', result.latencyMs)
          : t('Verified · {0} deployments · {1} ms', deployments, result.latencyMs)
        : models === 1
          ? t('Verified · 1 model · {0} ms', result.latencyMs)
          : t('Verified · {0} models · {1} ms', models, result.latencyMs),
    ];
    const checked = Date.parse(result.verifiedAt);
    // Without a time an old result looks as current as one from a minute ago.
    if (Number.isFinite(checked)) lines.push(t('Checked {0}', new Date(checked).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })));
    const identity = result.proven.arn ?? result.proven.identity;
    if (identity) lines.push(t('Signed in as {0}', identity));
    if (result.proven.account) lines.push(t('Account {0}', result.proven.account));
    if (result.proven.deploymentsReachable?.length) lines.push(t('Deployments reachable: {0}', result.proven.deploymentsReachable.join(', ')));
    if (result.proven.modelInvocable) lines.push(t('Model answered: {0}', result.proven.modelInvocable));
    if (result.proven.modelReachable) lines.push(t('{0} is reachable; quota not checked (a free token count generates nothing)', result.proven.modelReachable));
    for (const stage of result.stages) lines.push(`${stage.ok ? '✓' : '✗'} ${lookup(stage.label.message, stage.label.args)}`);
    const failedRows = Object.values(result.modelResults ?? {}).filter((r) => !r.ok).length;
    if (failedRows) lines.push(failedRows === 1 ? t('1 model or deployment failed its own check: see its row.') : t('{0} models or deployments failed their own check: see their rows.', failedRows));
    return lines;
  }
  const error = result.error;
  if (!error) return [t('Verification failed')];
  const label = errorKindLabel(error.kind);
  // "Endpoint not confirmed: endpoint not confirmed" says it twice.
  const summary = error.message.trim().toLowerCase() === label.toLowerCase() ? label : `${label}: ${error.message}`;
  const lines = [summary, lookup(error.hint.message, error.hint.args)];
  if (error.retryAfterSeconds !== undefined) {
    // A clock time stays true while the page sits there; "in N s" would not count down.
    const at = Date.parse(result.verifiedAt) + error.retryAfterSeconds * 1000;
    // A quota that resets tomorrow needs the date, not only a clock time that reads like today's.
    const when = at - now > 12 * 3600_000 ? new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : new Date(at).toLocaleTimeString();
    if (Number.isFinite(at) && at > now) lines.push(t('Retry after {0}', when));
  }
  return lines;
}

/**
 * A model's or deployment's own check, on its row: "✓ gpt-4o-mini answered a 1-token request",
 * "✗ Quota exhausted: The OpenAI account has no credit left." `named`: the row shows no name of
 * its own (a deployment that failed is not in the model list), so the line starts with it.
 */
export function modelResultLine(id: string, result: ModelResult, named = false): string {
  const prefix = named ? `${id}: ` : '';
  if (result.ok) return `✓ ${prefix}${lookup(result.label.message, result.label.args)}`;
  const error = result.error;
  if (!error) return `✗ ${prefix}${lookup(result.label.message, result.label.args)}`;
  return `✗ ${prefix}${errorKindLabel(error.kind)}: ${lookup(error.hint.message, error.hint.args)}`;
}

/** Warnings shown above the form (not in the live region: they are states, not news). */
export function warningLines(view: ProviderView): { missing?: string; endpointChanged?: string } {
  return {
    missing: view.missingOnThisMachine.length ? t('The key is not stored on this machine (Settings Sync carries settings, never keys): paste it and Verify.') : undefined,
    endpointChanged: view.endpointChanged
      ? t('The endpoint changed since the key was saved. The key is not sent to the new endpoint until you confirm.')
      : undefined,
  };
}

export function secretState(status: { present: boolean; last4?: string } | undefined): string | undefined {
  if (!status?.present) return undefined;
  return status.last4 ? t('Stored · ends with {0}', status.last4) : t('Stored');
}

export function modelMeta(model: ModelInfo): string {
  const parts: string[] = [];
  if (model.name && model.name !== model.id) parts.push(model.id);
  if (model.contextWindow) parts.push(t('{0} tokens context', model.contextWindow.toLocaleString()));
  if (model.maxOutputTokens) parts.push(t('{0} tokens output', model.maxOutputTokens.toLocaleString()));
  if (model.toolCalling) parts.push(t('tool calling'));
  if (model.imageInput) parts.push(t('image input'));
  return parts.join(' · ');
}

/** What chat has used of a model so far, as the provider counted it. */
export function usageText(usage: UsageTotals): string {
  const requests = usage.requests === 1 ? t('1 request') : t('{0} requests', usage.requests.toLocaleString());
  return t('Used in chat: {0}, {1} input and {2} output tokens', requests, usage.inputTokens.toLocaleString(), usage.outputTokens.toLocaleString());
}
