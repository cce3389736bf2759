import { createHash } from 'node:crypto';
import type { Message } from '@aws-sdk/client-bedrock-runtime';
import { LruMap } from '../../chat/tokenCountCache';
import type { ChatMessage } from '../../chat/types';
import type { CallContext } from '../types';
import { runtimeClient } from './clients';
import type { SigningCredentials } from './credentials';
import type { BedrockSettings } from './definition';

const CACHE_SIZE = 500;
/** Profile ids are `<geo>.<model id>`; CountTokens wants the model id. */
const PROFILE_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov|global)\./;
/** Claude bills about this many tokens for an image of ~1.15 megapixels; the size is unknown here. */
const IMAGE_TOKEN_ESTIMATE = 1600;

/** The counted content: everything the model reads, as one user message (roles add a few tokens at most). */
function countedText(input: string | ChatMessage): { text: string; images: number } {
  if (typeof input === 'string') return { text: input, images: 0 };
  const parts: string[] = [];
  let images = 0;
  for (const p of input.parts) {
    if (p.type === 'text') parts.push(p.text);
    else if (p.type === 'toolCall') parts.push(`${p.name} ${JSON.stringify(p.input)}`);
    else if (p.type === 'toolResult') parts.push(p.content);
    else images++;
  }
  return { text: parts.join('\n'), images };
}

/**
 * Token counts for the editor's context budgeting. Bedrock's free CountTokens API gives the exact
 * number for the models that support it; results are cached (LRU keyed by model + text hash).
 * For other models (and when the call fails) this returns an ESTIMATE: the o200k tokenizer from
 * `gpt-tokenizer` on the text, plus a fixed amount per image. Bedrock has no tokenizer for
 * Llama/Nova/Mistral we could bundle; o200k is typically within ~15% for English text and code.
 */
export class BedrockTokenCounter {
  private readonly cache = new LruMap<number>(CACHE_SIZE);
  /** Models whose CountTokens answered "not supported": not asked again. */
  private readonly unsupported = new Set<string>();

  constructor(private readonly signing: SigningCredentials) {}

  async count(ctx: CallContext, modelId: string, input: string | ChatMessage): Promise<number> {
    const { text, images } = countedText(input);
    if (!text.trim() && images === 0) return 0;
    const baseModel = modelId.replace(PROFILE_PREFIX, '');
    const key = createHash('sha256').update(`${baseModel}\u0000${text}\u0000${images}`).digest('hex');
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const exact = images === 0 && text.trim() && !this.unsupported.has(baseModel) ? await this.countWithBedrock(ctx, baseModel, text) : undefined;
    const value = exact ?? (await estimateTokens(text, images));
    this.cache.set(key, value);
    return value;
  }

  private async countWithBedrock(ctx: CallContext, modelId: string, text: string): Promise<number | undefined> {
    const s = ctx.settings as BedrockSettings;
    let client;
    try {
      const credentials = await this.signing.forCall(s, ctx);
      client = await runtimeClient(s, credentials, ctx.timeoutMs);
      const { CountTokensCommand } = await import('@aws-sdk/client-bedrock-runtime');
      const messages: Message[] = [{ role: 'user', content: [{ text }] }];
      const out = await client.send(new CountTokensCommand({ modelId, input: { converse: { messages } } }), { abortSignal: ctx.signal });
      return out.inputTokens;
    } catch (err) {
      const e = err as { name?: string; message?: string };
      if (e.name === 'ValidationException' && /count/i.test(e.message ?? '')) this.unsupported.add(modelId);
      return undefined;
    } finally {
      client?.destroy();
    }
  }
}

/** An estimate, not Bedrock's count: see `BedrockTokenCounter`. */
export async function estimateTokens(text: string, images = 0): Promise<number> {
  // Loaded on first use: the tokenizer's tables are megabytes and verification never needs them.
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
  return countTokens(text) + images * IMAGE_TOKEN_ESTIMATE;
}
