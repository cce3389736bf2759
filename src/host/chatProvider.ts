import * as vscode from 'vscode';
import { streamWithIdleLimit } from '../core/chat/idleLimit';
import { streamWithFallback } from '../core/chat/keyFallback';
import { REFUSED_KEY_KINDS, refusedInChatText, refusedNotice } from '../core/chat/refusedKey';
import type { KeyServed } from '../core/costs/ledger';
import type { ProviderError } from '../core/errors/errorKind';
import { TokenCounting } from '../core/chat/tokenCounting';
import type { ChatMessage, ChatRequest } from '../core/chat/types';
import { chatUsageReport, USAGE_MIME_TYPE } from '../core/chat/usageReport';
import { providerError } from '../core/errors/providerError';
import { assumedCapabilities } from '../core/providers/assumedCapabilities';
import type { ProviderId, ProviderKind } from '../core/providers/kinds';
import { providerDefinitions } from '../core/providers/registry';
import type { CredentialStore } from '../core/store/credentialStore';
import type { TeamRules } from '../core/teamSetup/teamRules';
import type { VerifyResult } from '../core/verify/result';
import { chatModelId, describeChatModel, splitChatModelId } from './chatModelInfo';
import { sayModelsLeftChat, type DepartedModel } from './modelDepartures';
import { toChatMessages } from './chatMessages';
import { answersFailureAsText, chatFailure } from './chatErrorText';
import { describeError, localize } from './localize';
import { showOnModelsPage } from './modelsPageRequests';
import { notServedText, whyNotServed } from './servedModels';
import type { Spending } from './spending';

/** A request that cannot be answered, as a value: the (redacted) sentence with its fix. */
class ChatRequestFailed {
  /** `fixOnModelsPage` false: the message names its own fix (a budget is raised in the usage view). */
  constructor(
    readonly message: string,
    readonly fixOnModelsPage = true,
  ) {}
}

/** What an answer streams (`vscode.LanguageModelResponsePart` from 1.104; spelled out for older typings, see vscodeChatProviderApi.d.ts). */
type ChatResponsePart = vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart | vscode.LanguageModelToolCallPart;

/** `vscode.LanguageModelDataPart` (VS Code 1.104+ API; this extension's typings predate it). */
type DataPartClass = new (data: Uint8Array, mimeType: string) => ChatResponsePart;

/**
 * The answer's token usage for the chat's context-window meter (VS Code 1.120+). Older editors
 * lack the class or drop the part, so it is sent only when the class exists.
 */
function usageDataPart(inputTokens: number, outputTokens: number): ChatResponsePart | undefined {
  const DataPart = (vscode as unknown as { LanguageModelDataPart?: DataPartClass }).LanguageModelDataPart;
  if (typeof DataPart !== 'function') return undefined;
  return new DataPart(new TextEncoder().encode(JSON.stringify(chatUsageReport(inputTokens, outputTokens))), USAGE_MIME_TYPE);
}

/** A key that verified before was refused in chat: say so beside the chat, with the two ways out. */
async function offerRotation(providerId: ProviderId, displayName: string, kind: ProviderError['kind']): Promise<void> {
  const rotate = vscode.l10n.t('Rotate key');
  const verify = vscode.l10n.t('Verify');
  const choice = await vscode.window.showWarningMessage(localize(refusedNotice(displayName, kind)), rotate, verify);
  if (choice) await showOnModelsPage({ providerId, action: choice === rotate ? 'rotate' : 'verify' });
}

interface ByokChatInformation extends vscode.LanguageModelChatInformation {
  readonly providerId: ProviderId;
  readonly modelId: string;
}

/**
 * One vendor per provider kind. Offers exactly the enabled models of providers whose last
 * verification succeeded for the current configuration, and streams answers from the provider.
 */
export class ByokChatProvider implements vscode.LanguageModelChatProvider<ByokChatInformation> {
  private readonly changed = new vscode.EventEmitter<void>();
  /** What the picker got last time, to notice models a change takes away. */
  private offered = new Set<string>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly tokenCounting = new TokenCounting<string | ChatMessage>(async (providerId) => {
    const resolved = await this.store.resolve(providerId as ProviderId);
    const runtime = await providerDefinitions[this.kind].loadRuntime();
    // A provider with a problem (an endpoint changed and not confirmed among them) counts without its key: an estimate.
    const ctx = { settings: resolved.settings, secrets: resolved.problem ? {} : resolved.secrets, timeoutMs: 10_000, signal: new AbortController().signal };
    return (modelId, input) => runtime.countTokens(ctx, modelId, input);
  });

  constructor(
    private readonly kind: ProviderKind,
    private readonly store: CredentialStore,
    private readonly spending: Spending,
    private readonly log: vscode.LogOutputChannel,
    /** Longest silence of a streaming answer (setting `byok.chat.idleTimeoutSeconds`). */
    private readonly idleMs: () => number,
    /** The adopted team setup's rules in force (providers it does not allow offer nothing). */
    private readonly teamRules: () => Promise<TeamRules | undefined> = async () => undefined,
  ) {}

  /** Called when verification results, enabled models, settings or keys change. */
  refresh(): void {
    this.tokenCounting.forget();
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(options?: vscode.PrepareLanguageModelChatModelOptions): Promise<ByokChatInformation[]> {
    // Only an explicit user action asks non-silently (in VS Code 1.139: "Add Models… > <vendor>" in
    // Chat: Manage Language Models); keys are managed on our page, so take the user there.
    if (options?.silent === false) void vscode.commands.executeCommand('byok.openModels');
    const models: ByokChatInformation[] = [];
    const departed: DepartedModel[] = [];
    const team = await this.teamRules();
    for (const id of this.store.providerIds()) {
      if (!id.startsWith(this.kind)) continue;
      const result = this.store.lastResult(id);
      const enabled = this.store.enabledModels(id);
      const offeredBefore = [...this.offered].filter((m) => m.startsWith(`${id}/`));
      if ((!result || enabled.length === 0) && offeredBefore.length === 0) continue;
      const resolved = await this.store.resolve(id);
      for (const modelId of new Set([...enabled, ...offeredBefore.map((m) => splitChatModelId(m)!.modelId)])) {
        const why = resolved.problem ? 'not_verified' : whyNotServed(this.store, id, modelId, resolved.fingerprint, team);
        if (why) {
          // Without any result the provider was removed: the user did that on the page, nothing to say.
          if (result && this.offered.has(chatModelId(id, modelId))) departed.push({ providerName: resolved.displayName, modelId, why });
          continue;
        }
        const model = result!.models.find((m) => m.id === modelId)!;
        const d = describeChatModel(id, resolved.displayName, model, assumedCapabilities(this.kind, model));
        models.push({
          id: d.id,
          name: d.name,
          family: d.family,
          version: d.version,
          maxInputTokens: d.maxInputTokens,
          maxOutputTokens: d.maxOutputTokens,
          tooltip: d.assumedLimits
            ? vscode.l10n.t('{0} via your own key. Token limits are assumed; the provider did not report them.', resolved.displayName)
            : vscode.l10n.t('{0} via your own key.', resolved.displayName),
          detail: 'BYOK',
          capabilities: { toolCalling: d.toolCalling, imageInput: d.imageInput },
          providerId: id,
          modelId: model.id,
        });
      }
    }
    this.offered = new Set(models.map((m) => m.id));
    if (departed.length) void sayModelsLeftChat(departed);
    return models;
  }

  private target(model: ByokChatInformation): { providerId: ProviderId; modelId: string } {
    if (model.providerId) return { providerId: model.providerId, modelId: model.modelId };
    const split = splitChatModelId(model.id);
    if (!split) throw new ChatRequestFailed(vscode.l10n.t('Unknown BYOK model {0}.', model.id));
    return { providerId: split.providerId as ProviderId, modelId: split.modelId };
  }

  async provideLanguageModelChatResponse(
    model: ByokChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<ChatResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    try {
      await this.answer(model, messages, options, progress, token);
    } catch (err) {
      if (token.isCancellationRequested) throw err;
      // Expected failures are ChatRequestFailed; anything else is our bug: its text may quote a
      // request, so it goes to the log by name only, and the user still gets one sentence.
      if (!(err instanceof ChatRequestFailed)) this.log.error(`chat request failed unexpectedly: ${err instanceof Error ? err.name : typeof err}`);
      const message = err instanceof ChatRequestFailed ? err.message : vscode.l10n.t('BYOK Models could not complete the request; the "BYOK Models" output channel has details.');
      // One sentence (provider, cause, fix) and the way to the page: as the answer in the chat view
      // (plain text: Copilot Chat renders model text untrusted, so a command: link would not work),
      // as a stack-free error for other callers (see chatErrorText.ts for why not a LanguageModelError).
      if (!answersFailureAsText(options)) throw chatFailure(message);
      const fix = !(err instanceof ChatRequestFailed) || err.fixOnModelsPage ? ` ${vscode.l10n.t('Fix it on the BYOK Models page (Command Palette: "BYOK: Open Models Settings").')}` : '';
      progress.report(new vscode.LanguageModelTextPart(`${message}${fix}`));
    }
  }

  private async answer(
    model: ByokChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<ChatResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { providerId, modelId } = this.target(model);
    const resolved = await this.store.resolve(providerId);
    if (resolved.problem) {
      throw new ChatRequestFailed(describeError(resolved.displayName, providerError(resolved.problem, { provider: resolved.displayName, message: resolved.problemDetail })));
    }
    // A model the chat still has selected after it left the picker (removed, turned off, failed check).
    const why = whyNotServed(this.store, providerId, modelId, resolved.fingerprint, await this.teamRules());
    if (why) throw new ChatRequestFailed(notServedText(why, resolved.displayName, modelId));
    // A reached budget with "stop at the limit" refuses before anything is sent.
    const refusal = await this.spending.refusal(providerId);
    if (refusal) throw new ChatRequestFailed(refusal, false);
    const request: ChatRequest = {
      modelId,
      messages: toChatMessages(messages as unknown as { role: number; content: readonly unknown[] }[]),
      tools: options.tools?.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema as Record<string, unknown> | undefined })),
      toolMode: options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto',
      maxOutputTokens: typeof options.modelOptions?.maxOutputTokens === 'number' ? options.modelOptions.maxOutputTokens : undefined,
      temperature: typeof options.modelOptions?.temperature === 'number' ? options.modelOptions.temperature : undefined,
    };
    const info = this.store.lastResult(providerId)?.models.find((m) => m.id === modelId);
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const runtime = await providerDefinitions[this.kind].loadRuntime();
      const countTokens = (text: string) => runtime.countTokens({ settings: resolved.settings, secrets: resolved.secrets, timeoutMs: 10_000, signal: controller.signal }, modelId, text);
      const declined = await this.spending.confirmLargeRequest(this.kind, resolved.settings as Record<string, unknown>, modelId, request, countTokens);
      if (declined) throw new ChatRequestFailed(declined, false);
      // The keys are read once, here: an answer that is streaming when the key is rotated finishes on this one.
      const fallback = await this.store.fallbackSecrets(resolved);
      let servedBy: KeyServed = 'primary';
      const useFallback = (primaryError: { kind: string }) => {
        servedBy = 'fallback';
        this.log.info(`chat ${providerId}/${modelId}: primary key ${primaryError.kind}, retrying once with the fallback key`);
        progress.report(new vscode.LanguageModelTextPart(`${vscode.l10n.t('(Answered with the fallback key: the primary key is rate-limited or out of quota.)')}\n\n`));
      };
      const open = (signal: AbortSignal) => (secrets: typeof resolved.secrets) => runtime.streamChat({ settings: resolved.settings, secrets, timeoutMs: 10 * 60_000, signal }, request, info);
      const events = streamWithIdleLimit((signal) => streamWithFallback(open(signal), resolved.secrets, fallback, useFallback), {
        signal: controller.signal,
        idleMs: this.idleMs(),
        provider: resolved.displayName,
      });
      for await (const event of events) {
        if (token.isCancellationRequested) break;
        switch (event.type) {
          case 'text':
            progress.report(new vscode.LanguageModelTextPart(event.text));
            break;
          case 'toolCall':
            progress.report(new vscode.LanguageModelToolCallPart(event.callId, event.name, event.input));
            break;
          case 'usage': {
            const { type: _type, ...usage } = event;
            void this.spending.record(providerId, this.kind, resolved.settings as Record<string, unknown>, modelId, usage, servedBy).catch((err: unknown) => this.log.warn(`Recording usage failed: ${err instanceof Error ? err.name : 'error'}`));
            const part = usageDataPart(event.inputTokens, event.outputTokens);
            if (part) progress.report(part);
            break;
          }
          case 'error': {
            if (event.error.kind === 'cancelled' && token.isCancellationRequested) return;
            this.log.warn(`chat ${providerId}/${modelId} failed: ${event.error.kind} ${event.error.status ?? ''}`);
            if (REFUSED_KEY_KINDS.has(event.error.kind)) {
              const verifiedBefore = this.store.lastResult(providerId)?.ok === true;
              await this.markNeedsVerification(providerId, resolved.fingerprint, event.error);
              if (verifiedBefore) {
                void offerRotation(providerId, resolved.displayName, event.error.kind);
                throw new ChatRequestFailed(refusedInChatText(resolved.displayName, event.error).map(localize).join(' '));
              }
            }
            throw new ChatRequestFailed(describeError(resolved.displayName, event.error));
          }
        }
      }
    } finally {
      subscription.dispose();
    }
  }

  /** A 401/403 in chat means the stored verification no longer holds: the page shows it, the models leave the picker. */
  private async markNeedsVerification(providerId: ProviderId, fingerprint: string, error: VerifyResult['error']): Promise<void> {
    const previous = this.store.lastResult(providerId);
    await this.store.saveResult({
      providerId,
      kind: this.kind,
      ok: false,
      stages: [],
      proven: {},
      models: previous?.models ?? [],
      error,
      latencyMs: 0,
      verifiedAt: new Date().toISOString(),
      fingerprint,
      seenInChat: true,
    });
    this.refresh();
  }

  async provideTokenCount(model: ByokChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    const { providerId, modelId } = this.target(model);
    const input = typeof text === 'string' ? text : (toChatMessages([text as unknown as { role: number; content: readonly unknown[] }])[0] ?? '');
    return this.tokenCounting.count(providerId, modelId, input);
  }
}
