import type { ErrorKind } from '../core/errors/errorKind';
import type { ModelUsage } from '../core/costs/modelUsage';
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
    case 'answer_cut_off': return t('Answer cut off');
    case 'proxy_auth_required': return t('Proxy needs a sign-in');
  }
}

/** The one status line of a provider: a summary, one fix, a note, and the rest behind "Details". */
export interface ProviderStatus {
  /** Drives the icon and border: a cancelled check is not an error. */
  state: 'none' | 'verifying' | 'ok' | 'error';
  /** "Verified · 7 models", "Invalid key", "Not verified yet". */
  summary: string;
  /** The one thing to do about it. */
  fix?: string;
  /** "Nothing was saved: the stored key … is unchanged." after a rejected new key. */
  note?: string;
  /** What a curious user opens: raw provider text, identity, stages, timing. Each line once. */
  details: string[];
}

export function providerStatus(view: ProviderView, now = Date.now()): ProviderStatus {
  if (view.verifying) return { state: 'verifying', summary: t('Verifying…'), details: [] };
  if (view.rejectedDraft) {
    const status = resultStatus(view, view.rejectedDraft, now);
    const stored = Object.values(view.secrets).find((s) => s.present);
    if (!stored || status.state !== 'error') return status;
    // The typed key failed; say that the stored one was not touched and is still what chat uses.
    const note = stored.last4 ? t('Nothing was saved: the stored key (ends with {0}) is unchanged.', stored.last4) : t('Nothing was saved: the stored key is unchanged.');
    return { ...status, note };
  }
  if (view.lastResult) return resultStatus(view, view.lastResult, now);
  if (view.resultOutdated) {
    return { state: 'none', summary: t('Not verified since the last change'), fix: t('Verify to check the saved settings and key; until then its models are not offered in chat.'), details: [] };
  }
  return { state: 'none', summary: t('Not verified yet'), details: [] };
}

/** Kinds whose generic hint says nothing the provider's own message does not: the message is the error. */
// Kinds whose message is the news itself (a refused redirect names both hosts; a timeout states the
// user's limit): shown on the status line, not behind Details as the provider's words.
const MESSAGE_IS_THE_ERROR = new Set<ErrorKind>(['invalid_configuration', 'bad_request', 'unexpected_response', 'redirect_refused', 'timeout']);
const REFUSED_KEY = new Set<ErrorKind>(['invalid_key', 'permission_denied', 'credentials_expired']);
const RATE_LIMIT_IN_SECONDS = '{0} is rate limiting this key. Try again in {1} s.';

function resultStatus(view: ProviderView, result: NonNullable<ProviderView['lastResult']>, now: number): ProviderStatus {
  const details: string[] = [];
  const add = (line: string | undefined) => {
    if (line && !details.includes(line)) details.push(line);
  };
  if (result.ok) {
    // Azure offers its deployments in chat, not the resource's model catalogue: count those.
    const deployments = result.kind === 'azure' ? result.proven.deploymentsReachable?.length : undefined;
    const models = result.proven.modelsVisible ?? result.models.length;
    const summary =
      deployments !== undefined
        ? deployments === 1 ? t('Verified · 1 deployment') : t('Verified · {0} deployments', deployments)
        : models === 1 ? t('Verified · 1 model') : t('Verified · {0} models', models);
    const checked = Date.parse(result.verifiedAt);
    // Without a time an old result looks as current as one from a minute ago.
    if (Number.isFinite(checked)) add(t('Checked {0} in {1} ms', new Date(checked).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }), result.latencyMs));
    // An assumed role's ARN comes back from AssumeRole and again from GetCallerIdentity: name it once.
    const named = new Set<string>();
    const stages = result.stages.map((stage) => {
      const args = (stage.label.args ?? []).map((arg) => {
        if (typeof arg !== 'string' || !arg.startsWith('arn:')) return arg;
        if (named.has(arg)) return t('the same identity');
        named.add(arg);
        return arg;
      });
      return `${stage.ok ? '✓' : '✗'} ${lookup(stage.label.message, args)}`;
    });
    // An assumed role's ARN names the account and the identity: say it once.
    const identity = result.proven.arn ?? result.proven.identity;
    if (identity && !stages.some((s) => s.includes(identity))) add(t('Signed in as {0}', identity));
    if (result.proven.account && !(identity ?? '').includes(result.proven.account) && !stages.some((s) => s.includes(result.proven.account!))) add(t('Account {0}', result.proven.account));
    if (result.proven.deploymentsReachable?.length) add(t('Deployments reachable: {0}', result.proven.deploymentsReachable.join(', ')));
    if (result.proven.modelInvocable) add(t('Model answered: {0}', result.proven.modelInvocable));
    if (result.proven.modelReachable) add(t('{0} is reachable; quota not checked (a free token count generates nothing)', result.proven.modelReachable));
    stages.forEach(add);
    // A failed model or deployment is said on its row; the status points there.
    const failedRows = Object.values(result.modelResults ?? {}).filter((r) => !r.ok).length;
    const expiry = credentialsExpiry(view, result.proven, now);
    add(expiry.detail);
    const rowsNote = failedRows ? (failedRows === 1 ? t('1 model or deployment failed its own check: see its row.') : t('{0} models or deployments failed their own check: see their rows.', failedRows)) : undefined;
    const note = [expiry.note, rowsNote].filter(Boolean).join(' ') || undefined;
    return note ? { state: 'ok', summary, note, details } : { state: 'ok', summary, details };
  }
  const error = result.error;
  if (!error) return { state: 'error', summary: t('Verification failed'), details };
  // The user stopped it: nothing went wrong, nothing to fix.
  if (error.kind === 'cancelled') return { state: 'none', summary: t('Verification cancelled'), details };
  // A key that had verified was refused by a chat request: the news is that it no longer works.
  if (result.seenInChat && REFUSED_KEY.has(error.kind)) {
    if (error.status !== undefined) add(t('HTTP status {0}', error.status));
    add(t('{0} said: {1}', view.displayName, error.message.trim()));
    // Temporary credentials say they expired, with how to renew them (the error's hint).
    if (error.kind === 'credentials_expired') return { state: 'error', summary: t('Temporary credentials expired'), fix: lookup(error.hint.message, error.hint.args), details };
    return { state: 'error', summary: t('Key revoked or expired'), fix: t('A chat request was refused with this key, which had verified. Rotate the key, or Verify to check it again.'), details };
  }
  const label = errorKindLabel(error.kind);
  const message = error.message.trim();
  const messageIsLabel = message.toLowerCase() === label.toLowerCase();
  const summary = MESSAGE_IS_THE_ERROR.has(error.kind) && !messageIsLabel ? `${label}: ${message}` : label;
  let fix = lookup(error.hint.message, error.hint.args);
  if (error.retryAfterSeconds !== undefined) {
    // A clock time stays true while the page sits there; "in N s" would not count down.
    const at = Date.parse(result.verifiedAt) + error.retryAfterSeconds * 1000;
    const upcoming = Number.isFinite(at) && at > now;
    // A quota that resets tomorrow needs the date, not only a clock time that reads like today's.
    const when = at - now > 12 * 3600_000 ? new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : new Date(at).toLocaleTimeString();
    if (error.hint.message === RATE_LIMIT_IN_SECONDS) {
      fix = upcoming ? t('{0} is rate limiting this key. Try again after {1}.', view.displayName, when) : t('{0} is rate limiting this key. Wait a moment and try again.', view.displayName);
    } else if (upcoming && !/\b(in|after) \d/i.test(fix)) {
      // Said once: not when the fix already names the wait ("Try again in 17 s").
      add(t('Retry after {0}', when));
    }
  }
  if (!messageIsLabel && summary === label && message !== fix) add(t('{0} said: {1}', view.displayName, message));
  if (error.step) add(t('Failed step: {0}', error.step));
  if (error.status !== undefined) add(t('HTTP status {0}', error.status));
  if (error.requestId) add(t('Request ID {0}', error.requestId));
  return { state: 'error', summary, fix, details };
}

/** The chip of a provider in the page's overview: where it stands, in three words. */
export interface OverviewState {
  tone: 'none' | 'stored' | 'busy' | 'ok' | 'error';
  text: string;
}

export function overviewState(view: ProviderView): OverviewState {
  if (view.verifying) return { tone: 'busy', text: t('Verifying…') };
  const result = view.lastResult;
  if (result?.ok) {
    const offered = new Set(result.models.map((m) => m.id));
    const inChat = view.enabledModels.filter((m) => offered.has(m)).length;
    return { tone: 'ok', text: inChat === 1 ? t('Verified, 1 model in chat') : t('Verified, {0} models in chat', inChat) };
  }
  if (result?.error && result.error.kind !== 'cancelled') return { tone: 'error', text: errorKindLabel(result.error.kind) };
  if (Object.values(view.secrets).some((s) => s.present)) return { tone: 'stored', text: t('Key stored, not verified') };
  // Set up without a key of its own (a local server, a profile, Entra ID): nothing is missing.
  if (view.configured && !view.missingOnThisMachine.length) return { tone: 'stored', text: t('Not verified') };
  return { tone: 'none', text: t('No key') };
}

/**
 * Settings Sync brought a provider set up on another machine: settings and a choice of chat
 * models, but no key here. Settings written by hand or by a sandbox carry no model choice.
 * In a web editor the same happens in another browser (settings on the server, keys in the browser that saved them).
 */
export function syncedWithoutKey(view: ProviderView): boolean {
  return view.missingOnThisMachine.length > 0 && view.enabledModels.length > 0;
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
/** `keysInBrowser`: a web editor, whose secret storage is the browser's. */
export function warningLines(view: ProviderView, keysInBrowser = false): { missing?: string; endpointChanged?: string } {
  const missing = keysInBrowser
    ? t('Configured, but the key is not stored in this browser (this editor keeps keys in the browser that saved them): paste it and Verify.')
    : t('The key is not stored on this machine (Settings Sync carries settings, never keys): paste it and Verify.');
  return {
    missing: syncedWithoutKey(view) ? missing : undefined,
    endpointChanged: view.endpointChanged
      ? t('The endpoint changed since the key was saved. The key is not sent to the new endpoint until you confirm.')
      : undefined,
  };
}

export function secretState(status: { present: boolean; last4?: string } | undefined): string | undefined {
  if (!status?.present) return undefined;
  return status.last4 ? t('Stored · ends with {0}', status.last4) : t('Stored');
}

/** The context column of the model table: input window, and output limit when known. */
export function modelContext(model: ModelInfo): string {
  if (!model.contextWindow) return '—';
  const context = model.contextWindow.toLocaleString();
  return model.maxOutputTokens ? t('{0} in, {1} out', context, model.maxOutputTokens.toLocaleString()) : context;
}

export function modelCapabilities(model: ModelInfo): string {
  const parts: string[] = [];
  if (model.toolCalling) parts.push(t('tool calling'));
  if (model.imageInput) parts.push(t('image input'));
  return parts.join(', ') || '—';
}

/** The SSO session's end is news this close to it (an hour): the status line says it, not only Details. */
const SSO_WARNING_MS = 60 * 60_000;

/**
 * Temporary AWS credentials: when they expire and how they are renewed. An SSO session needs the
 * user (`aws sso login`); the status line says so when its end is near or past.
 */
export function credentialsExpiry(view: ProviderView, proven: NonNullable<ProviderView['lastResult']>['proven'], now: number): { detail?: string; note?: string } {
  const at = Date.parse(proven.credentialsExpireAt ?? '');
  if (!Number.isFinite(at)) return pastedSessionToken(view) ? { note: t('Temporary credentials (session token): AWS does not say when they expire, and a pasted token cannot show it. When they do, get new ones (after aws sso login --profile …, aws configure export-credentials --profile … prints them) and paste them with Rotate key, or use a named profile so they renew on their own.') } : {};
  const when = new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  if (proven.credentialsRenewal !== 'sso_login') return { detail: t('Temporary credentials expire {0}; they are renewed automatically.', when) };
  const profile = typeof view.settings.profile === 'string' && view.settings.profile ? view.settings.profile : undefined;
  const renew = profile ? `aws sso login --profile ${profile}` : 'aws sso login';
  if (at <= now) return { note: t('The AWS SSO session ended {0}. Renew it with {1}, then Verify.', when, renew) };
  if (at - now < SSO_WARNING_MS) return { note: t('The AWS SSO session ends {0}. Renew it before then with {1}.', when, renew) };
  return { detail: t('The AWS SSO session ends {0}; renew it with {1}.', when, renew) };
}

/** Bedrock with access keys and a session token: temporary credentials whose expiry is not readable. */
function pastedSessionToken(view: ProviderView): boolean {
  const settings = view.settings;
  const keys = (settings.authMode ?? 'accessKeys') === 'accessKeys' || (settings.authMode === 'role' && settings.roleSource === 'accessKeys');
  return view.kind === 'bedrock' && keys && view.secrets.sessionToken?.present === true;
}

/** What chat has used of a model so far, as the provider counted it. */
export function usageText(usage: ModelUsage): string {
  const requests = usage.requests === 1 ? t('1 request') : t('{0} requests', usage.requests.toLocaleString());
  const used = t('Used in chat: {0}, {1} input and {2} output tokens', requests, usage.inputTokens.toLocaleString(), usage.outputTokens.toLocaleString());
  if (!usage.fallbackRequests) return used;
  return `${used} · ${usage.fallbackRequests === 1 ? t('1 answered by the fallback key') : t('{0} answered by the fallback key', usage.fallbackRequests.toLocaleString())}`;
}
