import type { ProviderRuntime } from '../types';

// Placeholder until this provider's runtime lands; the verifier reports it as not implemented.
export const azureRuntime: ProviderRuntime = {
  async verify() {
    throw new Error('not implemented');
  },
  async *streamChat() {
    throw new Error('not implemented');
  },
  async countTokens() {
    throw new Error('not implemented');
  },
};
