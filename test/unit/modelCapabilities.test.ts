import { describe, expect, it } from 'vitest';
import { assumedCapabilities } from '../../src/core/providers/assumedCapabilities';
import { deploymentCapabilities } from '../../src/core/providers/azure/verify';
import { bedrockToolUse } from '../../src/core/providers/bedrock/capabilities';
import { compatibleModelInfo } from '../../src/core/providers/compatible/models';
import { openAIModelInfo } from '../../src/core/providers/openai/models';
import { openAIModelCapabilities } from '../../src/core/providers/openaiFamily/modelCapabilities';
import { ASSUMED_CONTEXT_WINDOW, describeChatModel } from '../../src/host/chatModelInfo';

describe('OpenAI model capabilities (documented per family)', () => {
  it.each([
    ['gpt-4o', true, true, 128_000, 16_384],
    ['gpt-4o-mini', true, true, 128_000, 16_384],
    ['gpt-4o-2024-11-20', true, true, 128_000, 16_384],
    ['gpt-4o-2024-05-13', true, true, 128_000, 4_096],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc', true, true, 128_000, 16_384],
    ['gpt-4.1', true, true, 1_047_576, 32_768],
    ['gpt-4.1-nano-2025-04-14', true, true, 1_047_576, 32_768],
    ['gpt-5', true, true, 400_000, 128_000],
    ['gpt-5-mini', true, true, 400_000, 128_000],
    ['o3', true, true, 200_000, 100_000],
    ['o4-mini', true, true, 200_000, 100_000],
    ['o3-mini', true, false, 200_000, 100_000],
    ['chatgpt-4o-latest', false, true, 128_000, 16_384],
    ['o1-mini', false, false, 128_000, 65_536],
    ['gpt-35-turbo', true, false, 16_385, 4_096],
  ])('%s: tools %s, images %s, context %d, output %d', (id, toolCalling, imageInput, contextWindow, maxOutputTokens) => {
    expect(openAIModelCapabilities(id)).toEqual({ toolCalling, imageInput, contextWindow, maxOutputTokens });
  });

  it('knows nothing about ids that are not OpenAI families', () => {
    expect(openAIModelCapabilities('llama3.2:latest')).toBeUndefined();
    expect(openAIModelCapabilities('claude-sonnet-4')).toBeUndefined();
  });

  it('a chat id OpenAI lists that the table does not know yet is still offered with tool calling, limits left to the defaults', () => {
    expect(openAIModelInfo('gpt-7-preview')).toEqual({ id: 'gpt-7-preview', name: 'gpt-7-preview', family: 'gpt-7-preview', toolCalling: true });
  });
});

describe('OpenAI-compatible capabilities', () => {
  it('the server’s supported_parameters win over everything', () => {
    expect(compatibleModelInfo({ id: 'openai/gpt-4o-mini', supported_parameters: ['temperature'] }).toolCalling).toBe(false);
  });

  it('an OpenAI model served by a gateway gets OpenAI’s documented capabilities', () => {
    expect(compatibleModelInfo({ id: 'gpt-4o-mini', object: 'model' })).toMatchObject({ toolCalling: true, imageInput: true, contextWindow: 128_000 });
  });

  it('an unknown local model is offered with tool calling but no image input', () => {
    expect(compatibleModelInfo({ id: 'gemma3:4b' })).toEqual({ id: 'gemma3:4b', name: 'gemma3:4b', toolCalling: true });
  });
});

describe('Azure deployment capabilities', () => {
  it('the model setting first, then the model Azure answered with, then the deployment name', () => {
    expect(deploymentCapabilities('prod-chat', 'o3-mini', 'gpt-4o-2024-11-20')).toMatchObject({ imageInput: false, contextWindow: 200_000 });
    expect(deploymentCapabilities('prod-chat', undefined, 'gpt-4.1-2025-04-14')).toMatchObject({ toolCalling: true, contextWindow: 1_047_576 });
    expect(deploymentCapabilities('gpt-4o-mini', undefined, undefined)).toMatchObject({ toolCalling: true, contextWindow: 128_000 });
  });

  it('an unrecognisable deployment defaults to tool calling (Azure serves GPT-4-class chat models)', () => {
    expect(deploymentCapabilities('team-chat', undefined, 'some-future-model')).toEqual({ toolCalling: true });
  });
});

describe('Bedrock Converse tool use by model family', () => {
  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', true],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', true],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', true],
    ['anthropic.claude-v2:1', false],
    ['anthropic.claude-instant-v1', false],
    ['amazon.nova-pro-v1:0', true],
    ['eu.amazon.nova-micro-v1:0', true],
    ['amazon.titan-text-express-v1', false],
    ['meta.llama3-1-70b-instruct-v1:0', true],
    ['us.meta.llama3-3-70b-instruct-v1:0', true],
    ['meta.llama3-8b-instruct-v1:0', false],
    ['meta.llama2-13b-chat-v1', false],
    ['mistral.mistral-large-2407-v1:0', true],
    ['mistral.mistral-7b-instruct-v0:2', false],
    ['cohere.command-r-plus-v1:0', true],
    ['cohere.command-text-v14', false],
  ])('%s -> %s', (id, expected) => {
    expect(bedrockToolUse(id)).toBe(expected);
  });
});

describe('what the chat picker gets', () => {
  it('a model verified by an older version (no toolCalling stored) gets it from the family table', () => {
    const stored = { id: 'gpt-4o-mini', name: 'gpt-4o-mini', family: 'gpt-4o-mini' };
    const shown = describeChatModel('openai', 'OpenAI', stored, assumedCapabilities('openai', stored));
    expect(shown).toMatchObject({ toolCalling: true, imageInput: true, maxOutputTokens: 16_384, maxInputTokens: 111_616, assumedLimits: false });
  });

  it('what verification stored wins over the table', () => {
    const stored = { id: 'openai/gpt-4o-mini', toolCalling: false };
    expect(describeChatModel('compatible.x', 'X', stored, assumedCapabilities('compatible', stored)).toolCalling).toBe(false);
  });

  it('without any information the limits are the assumed ones and no tools are claimed', () => {
    const shown = describeChatModel('anthropic', 'Anthropic', { id: 'claude-x' }, assumedCapabilities('anthropic', { id: 'claude-x' }));
    expect(shown).toMatchObject({ toolCalling: false, maxInputTokens: ASSUMED_CONTEXT_WINDOW, assumedLimits: true });
  });
});
