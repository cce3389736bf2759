import type { ProviderError } from '../errors/errorKind';
import { providerError } from '../errors/providerError';
import { redact } from '../errors/redact';
import { warmUpHttpClients } from '../net/warmUpHttp';
import { kindOfId, type ProviderId } from '../providers/kinds';
import { providerDefinitions } from '../providers/registry';
import type { ProviderRuntime, VerifyOptions } from '../providers/types';
import type { CredentialStore, ResolvedProvider } from '../store/credentialStore';
import { configFingerprint } from '../store/fingerprint';
import { VerifyOutcomeSchema, type VerifyOutcome, type VerifyResult } from './result';

/** Why a verification's signal was aborted; runtimes read `signal.reason` to tell timeout from cancel. */
export class VerificationTimeout extends Error {
  override readonly name = 'TimeoutError';
  constructor(ms: number) {
    super(`The check did not finish within the verification timeout of ${ms / 1000} s.`);
  }
}
export class VerificationCancelled extends Error {
  override readonly name = 'AbortError';
  constructor(why: 'superseded' | 'cancelled') {
    super(why === 'superseded' ? 'Superseded by a newer verification' : 'Verification cancelled');
  }
}

export interface VerifierDeps {
  store: CredentialStore;
  /** Time the whole check may take, every stage together (setting `byok.verification.timeoutSeconds`). */
  timeoutMs(): number;
  loadRuntime?(id: ProviderId): Promise<ProviderRuntime>;
  now?(): Date;
}

export interface VerifyRequest extends VerifyOptions {
  /** Verify the staged (pending) secrets instead of the stored ones: verify-then-swap. */
  pending?: boolean;
  /** With `pending`: the user agreed that a stored key may go to the staged settings' new endpoint. */
  endpointConfirmed?: boolean;
  /** Persist the result and notify listeners (default true; false for pending checks). */
  persist?: boolean;
  /** Check this fallback key in place of the stored key (never persisted): a fallback key is verified before it is kept. */
  fallbackKey?: { field: string; value: string };
  /** Aborted: this verification ends as cancelled (`whileStarting` gives one that `cancel` aborts). */
  signal?: AbortSignal;
}

interface InFlight {
  fingerprint: string;
  key: string;
  controller: AbortController;
  promise: Promise<VerifyResult | undefined>;
  /** Settles when the provider call itself has ended (after an abort: when the SDK let go of its connection), or will not be made. */
  callEnded: Promise<void>;
  endCall(): void;
  callStarted?: boolean;
}

/**
 * Runs provider verifications: one in flight per provider configuration, a hard timeout that
 * aborts, cancellation, and stale results (configuration changed meanwhile) discarded.
 */
export class Verifier {
  private readonly inFlight = new Map<string, InFlight>();
  /**
   * Per provider, the cancel switches of verifications asked for and not in `inFlight` yet (the
   * caller stages values, the configuration is read): `cancel` reaches those too, or a cancel
   * pressed as the page shows "Verifying…" would find nothing to stop.
   */
  private readonly starting = new Map<ProviderId, Set<AbortController>>();
  /** Per provider, the end of its latest call: the next waits for it. */
  private readonly lastCall = new Map<ProviderId, Promise<void>>();
  private readonly listeners = new Set<(result: VerifyResult) => void>();
  /** Runtimes already warmed up (compatible endpoints share one; the page may open again). */
  private readonly warmed = new WeakSet<ProviderRuntime>();
  private httpWarmedUp = false;

  constructor(private readonly deps: VerifierDeps) {}

  onDidVerify(listener: (result: VerifyResult) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  isVerifying(id: ProviderId): boolean {
    return this.inFlight.has(id) || this.inFlight.has(`${id}#pending`) || this.inFlight.has(`${id}#fallback`);
  }

  /**
   * Runs `prepare` (what the caller does before `verify`: staging the typed values, reading
   * storage) as the start of a verification of `id`: a `cancel(id)` meanwhile aborts the signal it
   * gets, and `verify` given that signal ends as cancelled, with no call. Nothing outlives
   * `prepare`, so a cancel cannot stop a Verify asked for later.
   */
  async whileStarting<T>(id: ProviderId, prepare: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const starting = this.addStarting(id);
    try {
      return await prepare(starting.signal);
    } finally {
      this.removeStarting(id, starting);
    }
  }

  async verify(id: ProviderId, request: VerifyRequest = {}): Promise<VerifyResult | undefined> {
    // Cancellable from the call on: the entry in `inFlight` needs the configuration, read first.
    const starting = this.addStarting(id);
    let resolved: ResolvedProvider;
    try {
      resolved = withFallbackKey(await this.deps.store.resolve(id, { pending: request.pending, endpointConfirmed: request.endpointConfirmed }), request.fallbackKey);
    } finally {
      this.removeStarting(id, starting);
    }
    if (starting.signal.aborted || request.signal?.aborted) return this.cancelledBeforeStart(resolved, request);
    const slot = request.fallbackKey ? `${id}#fallback` : request.pending ? `${id}#pending` : id;
    const key = `${resolved.fingerprint}|${request.modelId ?? ''}`;
    const current = this.inFlight.get(slot);
    if (current?.key === key) return current.promise;
    current?.controller.abort(new VerificationCancelled('superseded'));

    const controller = new AbortController();
    request.signal?.addEventListener('abort', () => controller.abort(new VerificationCancelled('cancelled')), { once: true });
    let endCall = () => {};
    const callEnded = new Promise<void>((resolve) => (endCall = resolve));
    const entry: InFlight = { fingerprint: resolved.fingerprint, key, controller, promise: Promise.resolve(undefined), callEnded, endCall };
    // The provider's previous call (superseded: aborted; the other slot's: bounded by its timeout)
    // ends before this one starts: one request per provider in flight, however fast the clicks.
    const previous = this.lastCall.get(id);
    this.lastCall.set(id, callEnded);
    void callEnded.then(() => this.lastCall.get(id) === callEnded && this.lastCall.delete(id));
    entry.promise = this.run(resolved, request, controller, entry, previous).finally(() => {
      if (this.inFlight.get(slot) === entry) this.inFlight.delete(slot);
    });
    this.inFlight.set(slot, entry);
    return entry.promise;
  }

  /** Every configured provider in parallel. */
  async verifyAll(ids?: ProviderId[]): Promise<(VerifyResult | undefined)[]> {
    const snapshot = await this.deps.store.snapshot();
    const targets = ids ?? snapshot.filter((p) => p.configured).map((p) => p.id);
    return Promise.all(targets.map((id) => this.verify(id)));
  }

  /**
   * Loads the runtimes (with their SDKs) of the configured providers and warms each up once
   * (`ProviderRuntime.warmUp`: its verification against in-process answers), one step at a time
   * and each only when the event loop has nothing else queued: the Models page asks for it once
   * it has rendered, so the user's first Verify waits neither for an SDK to load nor for its
   * first-call costs. Then a runtime with `prepare` readies the clients of the stored
   * configuration (no request either). Nothing is sent or stored; a runtime that fails to load is
   * left for that Verify to report.
   */
  async preloadConfigured(): Promise<void> {
    const configured = (await this.deps.store.snapshot()).filter((p) => p.configured).map((p) => p.id);
    for (const id of configured) {
      await nextTurn();
      const runtime = await this.loadRuntime(id).catch(() => undefined);
      if (runtime?.warmUp && !this.warmed.has(runtime)) {
        this.warmed.add(runtime);
        await nextTurn();
        const outcome = await runtime.warmUp().catch(() => undefined);
        // The result's checks run on every Verify: compiled here too.
        if (outcome) checked(outcome, []);
      }
      // Read-only, and what the Verify does first: its settings parsed, its fingerprint computed.
      await nextTurn();
      const resolved = await this.deps.store.resolve(id).catch(() => undefined);
      if (runtime?.prepare && resolved && !resolved.problem) {
        await nextTurn();
        const signal = AbortSignal.abort(new VerificationCancelled('cancelled'));
        await runtime.prepare({ settings: resolved.settings, secrets: resolved.secrets, timeoutMs: this.deps.timeoutMs(), signal }).catch(() => undefined);
      }
    }
  }

  /**
   * After `preloadConfigured`, when at least one provider is configured: Node's own HTTP clients
   * (fetch, http, TLS) make their first-use setup against a loopback server of this process
   * (`core/net/warmUpHttp.ts`), so the first Verify's request costs what a later one does. No
   * provider is contacted and no key is sent.
   */
  async warmUpConnections(): Promise<void> {
    if (this.httpWarmedUp || !(await this.deps.store.snapshot()).some((p) => p.configured)) return;
    this.httpWarmedUp = true;
    await nextTurn();
    await warmUpHttpClients();
  }

  private loadRuntime(id: ProviderId): Promise<ProviderRuntime> {
    return this.deps.loadRuntime?.(id) ?? providerDefinitions[kindOfId(id)].loadRuntime();
  }

  cancel(id: ProviderId): void {
    for (const starting of this.starting.get(id) ?? []) starting.abort(new VerificationCancelled('cancelled'));
    for (const slot of [id, `${id}#pending`, `${id}#fallback`]) this.inFlight.get(slot)?.controller.abort(new VerificationCancelled('cancelled'));
  }

  cancelAll(): void {
    for (const all of this.starting.values()) for (const starting of all) starting.abort(new VerificationCancelled('cancelled'));
    for (const entry of this.inFlight.values()) entry.controller.abort(new VerificationCancelled('cancelled'));
  }

  private addStarting(id: ProviderId): AbortController {
    const starting = new AbortController();
    const all = this.starting.get(id) ?? new Set<AbortController>();
    all.add(starting);
    this.starting.set(id, all);
    return starting;
  }

  private removeStarting(id: ProviderId, starting: AbortController): void {
    const all = this.starting.get(id);
    all?.delete(starting);
    if (all?.size === 0) this.starting.delete(id);
  }

  /**
   * Cancelled before it was in flight: a cancelled result like any other, without a call, and
   * without taking the provider's slot (a Verify asked for after the cancel may hold it).
   */
  private cancelledBeforeStart(resolved: ResolvedProvider, request: VerifyRequest): Promise<VerifyResult | undefined> {
    const controller = new AbortController();
    controller.abort(new VerificationCancelled('cancelled'));
    const entry: InFlight = { fingerprint: resolved.fingerprint, key: '', controller, promise: Promise.resolve(undefined), callEnded: Promise.resolve(), endCall: () => {} };
    return this.run(resolved, request, controller, entry);
  }

  private async run(resolved: ResolvedProvider, request: VerifyRequest, controller: AbortController, entry: InFlight, previous?: Promise<unknown>): Promise<VerifyResult | undefined> {
    await previous;
    const started = performance.now();
    const timeoutMs = this.deps.timeoutMs();
    const outcome = await this.outcome(resolved, request, controller, timeoutMs, entry).finally(() => {
      if (!entry.callStarted) entry.endCall();
    });
    const latencyMs = Math.round(performance.now() - started);

    const reason = controller.signal.reason;
    if (reason instanceof VerificationCancelled && reason.message.startsWith('Superseded')) return undefined;

    const result: VerifyResult = {
      ...outcome,
      providerId: resolved.id,
      kind: resolved.kind,
      latencyMs,
      verifiedAt: (this.deps.now?.() ?? new Date()).toISOString(),
      fingerprint: resolved.fingerprint,
    };
    if (request.persist === false || request.pending || request.fallbackKey) return result;
    // A result about a configuration the user has since changed is stale: drop it.
    if ((await this.deps.store.fingerprint(resolved.id)) !== resolved.fingerprint) return undefined;
    await this.deps.store.saveResult(result);
    for (const listener of this.listeners) listener(result);
    return result;
  }

  private async outcome(resolved: ResolvedProvider, request: VerifyRequest, controller: AbortController, timeoutMs: number, entry: InFlight): Promise<VerifyOutcome> {
    const signal = controller.signal;
    const provider = resolved.displayName;
    const secrets = Object.values(resolved.secrets);
    // Cancelled (or superseded) before it began: the user asked to stop, so that is what it says; no runtime to load.
    if (signal.reason instanceof VerificationCancelled) return failed(providerError('cancelled', { provider, message: signal.reason.message }));
    if (resolved.problem) {
      return failed(providerError(resolved.problem, { provider, message: resolved.problemDetail ?? resolved.problem.replace(/_/g, ' '), secrets }));
    }
    let guard: ReturnType<typeof setTimeout> | undefined;
    let checking: Promise<VerifyOutcome> | undefined;
    try {
      const runtime = await this.loadRuntime(resolved.id);
      // The user's timeout bounds the whole check, whatever stage hangs (headers, a body that stalls,
      // a later stage): the runtimes' per-call timeouts cannot, a stalled body outlives most of them.
      // The clock starts once the runtime is loaded: the timeout is the provider's time to answer.
      guard = setTimeout(() => controller.abort(new VerificationTimeout(timeoutMs)), timeoutMs);
      if (signal.aborted) throw signal.reason; // superseded while the previous call was ending: no request at all
      checking = runtime.verify({ settings: resolved.settings, secrets: resolved.secrets, timeoutMs, signal }, { modelId: request.modelId });
      entry.callStarted = true;
      checking.then(entry.endCall, entry.endCall);
      const raw = await Promise.race([checking, abortedPromise(signal)]);
      return checked(raw, secrets) ?? failed(providerError('unexpected_response', { provider, message: 'The provider check returned an invalid result.', secrets }));
    } catch (err) {
      const reason = signal.reason;
      if (reason instanceof VerificationTimeout) return scrub(await timedOut(checking, reason, provider), secrets);
      if (reason instanceof VerificationCancelled) return failed(providerError('cancelled', { provider, message: reason.message }));
      return failed(providerError('unexpected_response', { provider, message: err instanceof Error ? err.message : String(err), secrets }));
    } finally {
      clearTimeout(guard);
    }
  }
}

/** How long a runtime may take to report the stage the timeout stopped (it reacts to the abort within moments). */
const TIMEOUT_REPORT_GRACE_MS = 150;

/**
 * The timeout as the user sees it: the verifier's message (it states their setting), with the
 * stages the runtime finished and the step that hung when it reports them right after the abort.
 */
async function timedOut(checking: Promise<VerifyOutcome> | undefined, reason: VerificationTimeout, provider: string): Promise<VerifyOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = checking
    ? await Promise.race([checking.catch(() => undefined), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), TIMEOUT_REPORT_GRACE_MS)))])
    : undefined;
  clearTimeout(timer);
  const parsed = VerifyOutcomeSchema.safeParse(late);
  const own = parsed.success && !parsed.data.ok ? parsed.data : undefined;
  const error = providerError('timeout', { provider, message: reason.message, step: own?.error?.step });
  return own ? { ...own, error } : failed(error);
}

function withFallbackKey(resolved: ResolvedProvider, fallback: VerifyRequest['fallbackKey']): ResolvedProvider {
  if (!fallback) return resolved;
  const secrets = { ...resolved.secrets, [fallback.field]: fallback.value };
  return { ...resolved, secrets, fingerprint: configFingerprint(resolved.kind, resolved.settings, secrets) };
}

/** Lets everything already queued (input, I/O, the page's messages) run first. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function abortedPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function failed(error: ProviderError): VerifyOutcome {
  return { ok: false, stages: [], proven: {}, models: [], error };
}

/** A runtime's outcome validated and scrubbed; undefined when it is not a valid outcome. */
function checked(raw: unknown, secrets: readonly (string | undefined)[]): VerifyOutcome | undefined {
  const parsed = VerifyOutcomeSchema.safeParse(raw);
  return parsed.success ? scrub(parsed.data, secrets) : undefined;
}

/** Belt and braces: no string in a result may contain a secret, whatever a runtime returned. */
function scrub(outcome: VerifyOutcome, secrets: readonly (string | undefined)[]): VerifyOutcome {
  const json = JSON.stringify(outcome);
  // Without escapes every string appears verbatim in the JSON text, so when the whole text needs no
  // redaction no string does: one pass instead of one per string (most results have nothing to hide).
  if (!json.includes('\\') && redact(json, secrets) === json) return outcome;
  return JSON.parse(json, (_key, value: unknown) => (typeof value === 'string' ? redact(value, secrets) : value)) as VerifyOutcome;
}
