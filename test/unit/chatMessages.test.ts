import { describe, expect, it } from 'vitest';
import { describeChatModel, splitChatModelId } from '../../src/host/chatModelInfo';
import { toChatMessages } from '../../src/host/chatMessages';

// Shapes as VS Code's LanguageModelTextPart / ToolCallPart / ToolResultPart / DataPart carry them.
const textPart = (value: string) => ({ value });
const toolCall = (callId: string, name: string, input: object) => ({ callId, name, input });
const toolResult = (callId: string, content: unknown[]) => ({ callId, content });
const dataPart = (mimeType: string, data: Uint8Array) => ({ mimeType, data });

describe('toChatMessages', () => {
  it('converts roles, text, tool calls, tool results and images', () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const out = toChatMessages([
      { role: 3, content: [textPart('You are terse.')] },
      { role: 1, content: [textPart('What is in this picture?'), dataPart('image/png', png)] },
      { role: 2, content: [textPart('Let me look.'), toolCall('call_1', 'read_file', { path: 'a.ts' })] },
      { role: 1, content: [toolResult('call_1', [textPart('file contents'), dataPart('application/json', new TextEncoder().encode('{"a":1}'))])] },
      { role: 1, content: [dataPart('cache_control', new Uint8Array([1]))] },
    ]);
    expect(out).toEqual([
      { role: 'system', parts: [{ type: 'text', text: 'You are terse.' }] },
      { role: 'user', parts: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image', mimeType: 'image/png', data: png }] },
      { role: 'assistant', parts: [{ type: 'text', text: 'Let me look.' }, { type: 'toolCall', callId: 'call_1', name: 'read_file', input: { path: 'a.ts' } }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'call_1', content: 'file contents{"a":1}' }] },
    ]);
  });
});

describe('describeChatModel', () => {
  it('uses what the provider reported', () => {
    const d = describeChatModel('anthropic', 'Anthropic', { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', contextWindow: 200_000, maxOutputTokens: 64_000, toolCalling: true, imageInput: true });
    expect(d).toMatchObject({ id: 'anthropic/claude-sonnet-4-5', name: 'Claude Sonnet 4.5', maxOutputTokens: 64_000, maxInputTokens: 136_000, toolCalling: true, imageInput: true, assumedLimits: false });
    expect(splitChatModelId(d.id)).toEqual({ providerId: 'anthropic', modelId: 'claude-sonnet-4-5' });
  });

  it('falls back to conservative limits and says they are assumed', () => {
    const d = describeChatModel('compatible.ollama', 'Ollama', { id: 'llama3.2:3b' });
    // Endpoints share one vendor: the endpoint's name tells two "llama3.2" apart.
    expect(d.name).toBe('llama3.2:3b · Ollama');
    expect(d).toMatchObject({ maxInputTokens: 32_768, maxOutputTokens: 4_096, toolCalling: false, imageInput: false, assumedLimits: true });
    expect(splitChatModelId(d.id)).toEqual({ providerId: 'compatible.ollama', modelId: 'llama3.2:3b' });
  });
});
