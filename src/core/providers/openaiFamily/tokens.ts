import type { ChatMessage } from '../../chat/types';

type Counter = (text: string) => number;

let o200k: Promise<Counter> | undefined;
let cl100k: Promise<Counter> | undefined;

/** gpt-4o, gpt-4.1, gpt-5, o-series and unknown models use o200k_base; gpt-4/gpt-3.5 use cl100k_base. */
function counterFor(modelId: string): Promise<Counter> {
  const id = modelId.toLowerCase().replace(/^.*\//, '');
  const older = /^gpt-(3\.5|4)(?!o|\.\d)/.test(id);
  if (older) return (cl100k ??= import('gpt-tokenizer/encoding/cl100k_base').then((m) => (t: string) => m.countTokens(t)));
  return (o200k ??= import('gpt-tokenizer/encoding/o200k_base').then((m) => (t: string) => m.countTokens(t)));
}

/** Fixed cost of a message's role and separators in the chat format (OpenAI cookbook: 3). */
const PER_MESSAGE_OVERHEAD = 3;
/** A low-detail image costs 85 tokens; the real cost depends on size and detail, unknown here. */
const IMAGE_TOKENS = 85;

/** Token count with the bundled OpenAI tokenizer: exact for text, an estimate for images. */
export async function countOpenAITokens(modelId: string, input: string | ChatMessage): Promise<number> {
  const count = await counterFor(modelId);
  if (typeof input === 'string') return count(input);
  let total = PER_MESSAGE_OVERHEAD;
  for (const part of input.parts) {
    if (part.type === 'text') total += count(part.text);
    else if (part.type === 'image') total += IMAGE_TOKENS;
    else if (part.type === 'toolCall') total += count(part.name) + count(JSON.stringify(part.input));
    else total += count(part.content);
  }
  return total;
}
