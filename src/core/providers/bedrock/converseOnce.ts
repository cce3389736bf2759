import type { BedrockRuntimeClient, ConverseStreamCommandInput, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { ChatEvent, ChatRequest, ChatUsage } from '../../chat/types';
import type { ToolNames } from './toolSchema';

/**
 * Some models take tools through Converse but not through ConverseStream (AWS's table of
 * model features has separate "Tool use" and "Streaming tool use" columns); ConverseStream
 * then refuses the request with this ValidationException.
 */
export function refusesStreamingToolUse(err: unknown, request: ChatRequest): boolean {
  const e = err as { name?: unknown; message?: unknown } | undefined;
  return !!request.tools?.length && e?.name === 'ValidationException' && typeof e.message === 'string' && /tool use in streaming mode|streaming.*tool use|tool use.*stream/i.test(e.message);
}

/** The whole answer from one Converse call, as the same chat events a stream gives. */
export async function* converseOnce(client: BedrockRuntimeClient, modelId: string, input: Omit<ConverseStreamCommandInput, 'modelId'>, names: ToolNames, signal: AbortSignal): AsyncGenerator<ChatEvent> {
  const { ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
  const output = await client.send(new ConverseCommand({ modelId, ...input }), { abortSignal: signal });
  for (const block of output.output?.message?.content ?? []) {
    if (block.text) yield { type: 'text', text: block.text };
    else if (block.toolUse) {
      const value = block.toolUse.input;
      const toolInput = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      yield { type: 'toolCall', callId: block.toolUse.toolUseId ?? '', name: names.editorName(block.toolUse.name ?? ''), input: toolInput };
    }
  }
  if (output.usage) yield { type: 'usage', ...converseUsage(output.usage) };
}

/** Converse reports cache reads and writes apart from `inputTokens` (totalTokens is their sum with output). */
export function converseUsage(usage: TokenUsage): ChatUsage {
  const cacheReadTokens = usage.cacheReadInputTokens ?? 0;
  const cacheWriteTokens = usage.cacheWriteInputTokens ?? 0;
  return {
    inputTokens: (usage.inputTokens ?? 0) + cacheReadTokens + cacheWriteTokens,
    outputTokens: usage.outputTokens ?? 0,
    cacheReadTokens: cacheReadTokens || undefined,
    cacheWriteTokens: cacheWriteTokens || undefined,
  };
}
