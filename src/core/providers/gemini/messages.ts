import { FunctionCallingConfigMode, type Content, type FunctionDeclaration, type Part, type ToolConfig } from '@google/genai/web';
import type { ChatMessage, ChatPart, ChatTool } from '../../chat/types';
import { toGeminiParametersJsonSchema } from './schema';
import { ToolNameMap } from '../../chat/toolNames';

/** Image types Gemini accepts inline. */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];
/** Function names: a letter or underscore first, then letters, digits, `_ . : -`, at most 64 characters. */
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/**
 * Tool names as sent to Gemini and back. Editor and MCP tool names may contain characters
 * Gemini rejects; those are replaced (and made unique), and calls are mapped back to the original.
 */
export class ToolNames extends ToolNameMap {
  constructor() {
    super((name) => (VALID_NAME.test(name) ? name : name.replace(/[^A-Za-z0-9_.:-]/g, '_').replace(/^(?=[^A-Za-z_])/, '_').slice(0, 64)));
  }
}

/** Where thought signatures of earlier function calls are kept (Gemini 3 requires them back). */
export interface SignatureLookup {
  get(callId: string): string | undefined;
}

/**
 * Gemini 3 rejects a current-turn function call without its thought signature. When the
 * signature is gone (the editor was reloaded, the history came from another model), Google's
 * documented stand-in value lets the request through. Other models do not need one.
 */
export const STAND_IN_SIGNATURE = 'skip_thought_signature_validator';
export function needsThoughtSignatures(modelId: string): boolean {
  return /^gemini-3/.test(modelId);
}

export interface GeminiConversation {
  contents: Content[];
  systemInstruction?: Content;
}

function toPart(part: ChatPart, role: 'user' | 'model', ctx: { names: ToolNames; callNames: Map<string, string>; signatures: SignatureLookup }): Part | undefined {
  switch (part.type) {
    case 'text':
      return part.text.length > 0 ? { text: part.text } : undefined;
    case 'image':
      if (!IMAGE_TYPES.includes(part.mimeType)) {
        return { text: `[An image of type ${part.mimeType} was left out: Gemini accepts PNG, JPEG, WebP, HEIC and HEIF.]` };
      }
      return { inlineData: { mimeType: part.mimeType, data: Buffer.from(part.data).toString('base64') } };
    case 'toolCall': {
      const signature = ctx.signatures.get(part.callId);
      return { functionCall: { name: ctx.names.wire(part.name), args: part.input }, ...(signature ? { thoughtSignature: signature } : {}) };
    }
    case 'toolResult': {
      // Gemini matches a response to its call by function name, which only the earlier call carries.
      const name = ctx.callNames.get(part.callId);
      if (!name || role !== 'user') return { text: `Tool result (${part.callId}): ${part.content}` };
      return { functionResponse: { name: ctx.names.wire(name), response: part.isError ? { error: part.content } : { output: part.content } } };
    }
  }
}

/**
 * Editor messages → Gemini `contents` (roles user/model, consecutive same-role turns merged,
 * function responses first in their turn) and a `systemInstruction` from the system messages.
 */
export function toGeminiConversation(messages: readonly ChatMessage[], names: ToolNames, signatures: SignatureLookup, standInSignature?: string): GeminiConversation {
  const callNames = new Map<string, string>();
  for (const m of messages) for (const p of m.parts) if (p.type === 'toolCall') callNames.set(p.callId, p.name);

  const system: Part[] = [];
  const contents: Content[] = [];
  for (const message of messages) {
    if (message.role === 'system') {
      for (const part of message.parts) if (part.type === 'text' && part.text) system.push({ text: part.text });
      continue;
    }
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = message.parts.map((p) => toPart(p, role, { names, callNames, signatures })).filter((p): p is Part => p !== undefined);
    if (parts.length === 0) continue;
    const last = contents[contents.length - 1];
    if (last && last.role === role) last.parts!.push(...parts);
    else contents.push({ role, parts });
  }
  for (const content of contents) {
    if (content.role === 'model' && standInSignature) {
      // Only the first call of a step carries a signature (parallel calls share it).
      const first = content.parts!.find((p) => p.functionCall);
      if (first && !first.thoughtSignature) first.thoughtSignature = standInSignature;
    }
    if (content.role !== 'user') continue;
    const responses = content.parts!.filter((p) => p.functionResponse);
    if (responses.length > 0) content.parts = [...responses, ...content.parts!.filter((p) => !p.functionResponse)];
  }
  return { contents, ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}) };
}

export function toFunctionDeclarations(tools: readonly ChatTool[], names: ToolNames): FunctionDeclaration[] {
  return tools.map((tool) => ({ name: names.wire(tool.name), description: tool.description, parametersJsonSchema: toGeminiParametersJsonSchema(tool.inputSchema) }));
}

export function toToolConfig(mode: 'auto' | 'required' | undefined): ToolConfig | undefined {
  return mode === 'required' ? { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY } } : undefined;
}
