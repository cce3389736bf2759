import type { z } from 'zod/mini';
import type { ChatEvent, ChatMessage, ChatRequest } from '../chat/types';
import type { ModelInfo, VerifyOutcome } from '../verify/result';
import type { KeyOwner } from './fields';
import type { ProviderKind } from './kinds';

export interface SecretField {
  /** Key inside the provider's secrets object and in SecretStorage. */
  id: string;
  /** English field label (also the page's accessible name), e.g. "API key". */
  label: string;
  /** Whether the provider cannot work without it for the given settings (auth mode decides). */
  requiredFor(settings: unknown): boolean;
  /** A shape every value of this field has (checked before any call), with the message naming the field. */
  shape?: { pattern: RegExp; message: string };
  /** Whose keys go here: another vendor's key is refused while the provider's own host is the base URL. */
  keyOwner?: KeyOwner;
}

/**
 * The cheap, always-loaded description of a provider kind: schemas and labels only.
 * Everything that needs an SDK lives in its runtime, loaded on first use.
 */
export interface ProviderDefinition<S extends z.ZodMiniType = z.ZodMiniType> {
  kind: ProviderKind;
  displayName: string;
  /** Vendor id for `languageModelChatProviders`, e.g. "byok-openai". */
  vendor: string;
  settingsSchema: S;
  secretFields: readonly SecretField[];
  /** The host a stored key is bound to; a changed value means the key needs confirmation. */
  endpointOf(settings: z.infer<S>): string;
  /** Loads the SDK-backed part on first use (a separate bundle in the packaged extension). */
  loadRuntime(): Promise<ProviderRuntime>;
}

export type Secrets = Record<string, string | undefined>;

export interface CallContext {
  /** Validated settings of this provider instance (per the definition's schema). */
  settings: unknown;
  secrets: Secrets;
  /** Per-call timeout; every SDK call must really abort when it elapses. */
  timeoutMs: number;
  signal: AbortSignal;
  /**
   * Set only by a runtime's warm-up: the verification's requests are answered by this in-process
   * fetch instead of going to the network. Never set for a user's call.
   */
  inProcessFetch?: typeof globalThis.fetch;
}

export interface VerifyOptions {
  /** Also run the optional, tiny paid/free model check (stage 2) on this model. */
  modelId?: string;
}

export interface ProviderRuntime {
  /** Cheapest real calls that prove the credentials. Never throws for provider failures. */
  verify(ctx: CallContext, options?: VerifyOptions): Promise<VerifyOutcome>;
  /** Streams a chat answer; provider failures end the stream with an `error` event. */
  streamChat(ctx: CallContext, request: ChatRequest, model: ModelInfo | undefined): AsyncIterable<ChatEvent>;
  /** Token count of a text or message, from the provider's free counter or a bundled tokenizer. */
  countTokens(ctx: CallContext, modelId: string, input: string | ChatMessage): Promise<number>;
  /**
   * Runs the provider's verification once against answers made in-process (placeholder settings
   * and key; nothing sent, read, stored or logged), so the SDK's first-call costs are paid before
   * the user's first Verify. Called after the Models page rendered; its outcome goes through the
   * verifier's checks, then is dropped, and what it throws is dropped too.
   */
  warmUp?(): Promise<VerifyOutcome>;
  /**
   * Builds the clients a Verify with these stored settings and secrets will reuse and resolves
   * their configuration (for the AWS SDK: endpoint rules, signer, handler and agent, all done on a
   * client's first request), with no request: `ctx.signal` is already aborted, so each call ends
   * in the request handler before a connection opens. Called with the warm-up; never rejects.
   */
  prepare?(ctx: CallContext): Promise<void>;
}
