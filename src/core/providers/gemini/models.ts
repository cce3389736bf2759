import type { GoogleGenAI, Model } from '@google/genai/web';
import * as z from '../../zodMini';
import type { ModelInfo } from '../../verify/result';

/** One entry of `GET /v1beta/models` as @google/genai returns it (`supportedGenerationMethods` → `supportedActions`). */
const GeminiModelSchema = z.object({
  name: z.string().check(z.startsWith('models/')),
  displayName: z.optional(z.string()),
  inputTokenLimit: z.optional(z.number().check(z.int(), z.positive())),
  outputTokenLimit: z.optional(z.number().check(z.int(), z.positive())),
  supportedActions: z.optional(z.array(z.string())),
});

/** Speech-only and retrieval models answer `generateContent` but cannot hold a chat. */
const NOT_CHAT = /-tts\b|native-audio|\baqa\b|embedding/;

/** A chat model: can generate content and is not a speech/retrieval special. Undefined for the rest. */
export function toChatModel(model: Model): ModelInfo | undefined {
  const parsed = GeminiModelSchema.safeParse(model);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  const id = m.name.slice('models/'.length);
  if (!m.supportedActions?.includes('generateContent') || NOT_CHAT.test(id)) return undefined;
  // Gemma models on the Gemini API take neither function declarations nor images.
  const gemma = id.startsWith('gemma-');
  return {
    id,
    name: m.displayName,
    family: /^(gemini|gemma)-[\d.]+/.exec(id)?.[0],
    contextWindow: m.inputTokenLimit,
    // Embedding models report 1; anything that small is not a usable output limit.
    maxOutputTokens: m.outputTokenLimit && m.outputTokenLimit > 1 ? m.outputTokenLimit : undefined,
    toolCalling: !gemma,
    imageInput: !gemma,
  };
}

/** Upper bound on pages followed, so a misbehaving server cannot keep us paging forever. */
const MAX_PAGES = 20;

export interface ListOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /** The API's maximum is 1000 (default 50). */
  pageSize?: number;
}

/** Every page of `GET /v1beta/models` (`pageToken` = previous `nextPageToken`), chat models only. */
export async function listGeminiChatModels(client: GoogleGenAI, options: ListOptions): Promise<{ chat: ModelInfo[]; total: number }> {
  const pager = await client.models.list({
    config: { pageSize: options.pageSize ?? 1000, abortSignal: options.signal, httpOptions: { timeout: options.timeoutMs } },
  });
  const chat: ModelInfo[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    for (const model of pager.page) {
      total++;
      const info = toChatModel(model);
      if (info) chat.push(info);
    }
    if (!pager.hasNextPage() || page >= MAX_PAGES) break;
    await pager.nextPage();
  }
  return { chat, total };
}
