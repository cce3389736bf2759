import type { ProviderRuntime } from '../types';
import { createChatStreamer } from './chat';
import { createTokenCounter } from './tokens';
import { verifyGemini } from './verify';
import { warmUpVerification } from './warmUp';

/** Google Gemini API (AI Studio key) through @google/genai (loaded lazily as its own bundle). */
export const geminiRuntime: ProviderRuntime = {
  verify: verifyGemini,
  streamChat: createChatStreamer(),
  countTokens: createTokenCounter(),
  warmUp: warmUpVerification,
};
