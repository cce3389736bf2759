import type { ProviderRuntime } from '../types';
import { streamBedrockChat } from './chat';
import { SigningCredentials } from './credentials';
import { BedrockTokenCounter } from './tokens';
import { prepareBedrockClients, verifyBedrock } from './verify';
import { warmUpVerification } from './warmUp';

/** Per-runtime caches only (assumed-role credentials, token counts); per-request state lives in each call. */
const signing = new SigningCredentials();
const tokens = new BedrockTokenCounter(signing);

export const bedrockRuntime: ProviderRuntime = {
  verify: (ctx, options) => verifyBedrock(ctx, options),
  streamChat: (ctx, request, model) => streamBedrockChat(ctx, request, model, signing),
  countTokens: (ctx, modelId, input) => tokens.count(ctx, modelId, input),
  warmUp: warmUpVerification,
  prepare: prepareBedrockClients,
};
