import type { ProviderRuntime } from '../types';
import { streamAnthropicChat } from './chat';
import { createTokenCounter } from './tokens';
import { verifyAnthropic } from './verify';
import { warmUpVerification } from './warmUp';

/** Anthropic Messages API through the official SDK (loaded lazily as its own bundle). */
export const anthropicRuntime: ProviderRuntime = {
  verify: verifyAnthropic,
  streamChat: streamAnthropicChat,
  countTokens: createTokenCounter(),
  warmUp: warmUpVerification,
};
