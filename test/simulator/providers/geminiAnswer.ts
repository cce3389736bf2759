/**
 * What the simulated Gemini says and how many tokens it counts: deterministic functions of the
 * request body, exported so tests compute expected values instead of hard-coding them.
 */

import { userRequestOf } from '../userRequest';
import { simulatedArgs } from './geminiArgs';

export interface GeminiPart {
  text?: string;
  thought?: boolean;
  inlineData?: { mimeType?: string; data?: string };
  functionCall?: { id?: string; name?: string; args?: Record<string, unknown> };
  functionResponse?: { id?: string; name?: string; response?: Record<string, unknown> };
  thoughtSignature?: string;
}
export interface GeminiContent {
  role?: string;
  parts?: GeminiPart[];
}
export interface FunctionDeclaration {
  name?: string;
  /** OpenAPI subset (checked by geminiSchema.ts). */
  parameters?: { properties?: Record<string, { type?: string }>; required?: string[] };
  /** JSON Schema (checked by geminiJsonSchema.ts); mutually exclusive with `parameters`. */
  parametersJsonSchema?: unknown;
}
export interface GeminiGenerateBody {
  contents?: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: { functionDeclarations?: FunctionDeclaration[] }[];
  toolConfig?: { functionCallingConfig?: { mode?: string } };
  generationConfig?: { maxOutputTokens?: number };
}

/** One streamed piece of the answer. */
export type AnswerPart = { text: string } | { functionCall: { name: string; args: Record<string, unknown> }; thoughtSignature: string };

const tokensOfText = (text: string) => Math.ceil(text.length / 4);
/** Gemini bills an image of up to 384×384 px as 258 tokens. */
export const IMAGE_TOKENS = 258;

function partTokens(part: GeminiPart): number {
  if (typeof part.text === 'string') return tokensOfText(part.text);
  if (part.inlineData) return IMAGE_TOKENS;
  if (part.functionCall) return tokensOfText(`${part.functionCall.name ?? ''}${JSON.stringify(part.functionCall.args ?? {})}`);
  if (part.functionResponse) return tokensOfText(`${part.functionResponse.name ?? ''}${JSON.stringify(part.functionResponse.response ?? {})}`);
  return 0;
}

/** Token count of `contents` as `:countTokens` reports it: ~4 characters a token, 258 an image, nothing for framing. */
export function simulatedContentTokens(contents: readonly GeminiContent[]): number {
  let total = 0;
  for (const content of contents) for (const part of content.parts ?? []) total += partTokens(part);
  return total;
}

/** Prompt tokens of a generate request: contents plus system instruction plus tool declarations. */
export function simulatedPromptTokens(body: GeminiGenerateBody): number {
  let total = simulatedContentTokens(body.contents ?? []);
  if (body.systemInstruction) total += simulatedContentTokens([body.systemInstruction]);
  const declarations = (body.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  if (declarations.length > 0) total += tokensOfText(JSON.stringify(declarations));
  return total;
}

export function simulatedOutputTokens(parts: readonly AnswerPart[]): number {
  let total = 0;
  for (const p of parts) total += 'text' in p ? tokensOfText(p.text) : tokensOfText(`${p.functionCall.name}${JSON.stringify(p.functionCall.args)}`);
  return Math.max(1, total);
}

/** Splits text into word pieces so a stream has several chunks. */
function chunkText(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/**
 * The answer: after function responses, it reports what they returned; when functions are
 * offered (and calling is not NONE), it calls the one the last user text names, else the first;
 * otherwise it echoes the last user text.
 */
export function simulatedAnswer(body: GeminiGenerateBody, model: string): AnswerPart[] {
  const contents = body.contents ?? [];
  const lastParts = contents[contents.length - 1]?.parts ?? [];
  const responses = lastParts.filter((p) => p.functionResponse);
  if (responses.length > 0) {
    const said = responses.map((p) => JSON.stringify(p.functionResponse?.response ?? {})).join(' | ');
    return chunkText(`The tool returned: ${said}`).map((text) => ({ text }));
  }
  const userText = lastParts.filter((p) => typeof p.text === 'string').map((p) => p.text).join(' ');
  const declarations = (body.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  const declaration = declarations.find((d) => d.name && userText.split(/\s+/).includes(d.name)) ?? declarations[0];
  if (declaration?.name && body.toolConfig?.functionCallingConfig?.mode !== 'NONE') {
    return [
      { text: `Let me call ${declaration.name}.` },
      { functionCall: { name: declaration.name, args: simulatedArgs(declaration) }, thoughtSignature: Buffer.from(`sig:${declaration.name}`).toString('base64') },
    ];
  }
  const images = lastParts.filter((p) => p.inlineData).length;
  const seen = images > 0 ? ` I see ${images} image${images > 1 ? 's' : ''}.` : '';
  return chunkText(`Hello from the Gemini simulator (${model}). You said: ${userRequestOf(userText)}${seen}`).map((text) => ({ text }));
}

/** Cuts text down to `maxOutputTokens` (finishReason MAX_TOKENS). */
export function limitAnswer(parts: AnswerPart[], maxTokens: number | undefined): { parts: AnswerPart[]; truncated: boolean } {
  if (maxTokens === undefined || simulatedOutputTokens(parts) <= maxTokens) return { parts, truncated: false };
  const kept: AnswerPart[] = [];
  for (const part of parts) {
    if (!('text' in part) || (kept.length > 0 && simulatedOutputTokens([...kept, part]) > maxTokens)) break;
    kept.push(part);
  }
  return { parts: kept, truncated: true };
}
