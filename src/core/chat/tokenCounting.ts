/** Counts one text or message with a provider's settings and secrets already in hand. */
export type Counter<I> = (modelId: string, input: I) => Promise<number>;

/**
 * Token counts for the chat, which asks for thousands in one agent turn (each message, tool and
 * instruction, over and over while it fits the prompt: 23,800 in six turns in code-server 4.139).
 * Reading the provider's settings and secrets for every count cost ~12 ms there (each secret is a
 * round trip to the browser), so an agent turn waited 40-60 s before its request went out. The
 * provider is read once and reused until `forget()` (settings, secrets or a verification changed).
 */
export class TokenCounting<I> {
  private readonly counters = new Map<string, Promise<Counter<I>>>();

  constructor(private readonly open: (providerId: string) => Promise<Counter<I>>) {}

  async count(providerId: string, modelId: string, input: I): Promise<number> {
    let counter = this.counters.get(providerId);
    if (!counter) {
      counter = this.open(providerId);
      this.counters.set(providerId, counter);
      // A failed read is not kept: the next count tries again.
      counter.catch(() => {
        if (this.counters.get(providerId) === counter) this.counters.delete(providerId);
      });
    }
    return (await counter)(modelId, input);
  }

  forget(): void {
    this.counters.clear();
  }
}
