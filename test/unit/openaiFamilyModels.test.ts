import { describe, expect, it } from 'vitest';
import { compatibleModelInfo, isPublicCatalogue } from '../../src/core/providers/compatible/models';
import { isChatModelId } from '../../src/core/providers/openaiFamily/chatModelIds';
import { isOpenAIHost, openAIModelInfo } from '../../src/core/providers/openai/models';

describe('OpenAI model list filtering', () => {
  it('keeps chat families and drops embeddings, audio, images and moderation on api.openai.com', () => {
    const ids = ['gpt-4o', 'gpt-4.1-mini', 'o3', 'chatgpt-4o-latest', 'ft:gpt-4o-mini-2024-07-18:acme::abc', 'text-embedding-3-large', 'whisper-1', 'tts-1-hd', 'dall-e-3', 'gpt-image-1', 'omni-moderation-latest', 'gpt-4o-realtime-preview', 'gpt-4o-mini-transcribe', 'babbage-002'];
    expect(ids.filter((id) => isChatModelId(id, { knownFamiliesOnly: true }))).toEqual(['gpt-4o', 'gpt-4.1-mini', 'o3', 'chatgpt-4o-latest', 'ft:gpt-4o-mini-2024-07-18:acme::abc']);
  });

  it('behind a custom base URL keeps ids of other families', () => {
    expect(isChatModelId('claude-sonnet-4')).toBe(true);
    expect(isChatModelId('text-embedding-3-small')).toBe(false);
    expect(isOpenAIHost('https://api.openai.com/v1')).toBe(true);
    expect(isOpenAIHost('https://litellm.example.com/v1')).toBe(false);
  });

  it('derives the family from dated and fine-tuned ids', () => {
    expect(openAIModelInfo('gpt-4o-2024-08-06')).toMatchObject({ id: 'gpt-4o-2024-08-06', name: 'gpt-4o-2024-08-06', family: 'gpt-4o' });
    expect(openAIModelInfo('ft:gpt-4o-mini-2024-07-18:acme::abc').family).toBe('gpt-4o-mini');
  });
});

describe('compatible model metadata', () => {
  it('reads only what the server reported', () => {
    // Ollama reports nothing: offered with tool calling (see compatibleModelInfo), no image input, assumed limits.
    expect(compatibleModelInfo({ id: 'llama3.2:latest', object: 'model', owned_by: 'library' })).toEqual({ id: 'llama3.2:latest', name: 'llama3.2:latest', toolCalling: true });
    expect(
      compatibleModelInfo({
        id: 'x/y',
        name: 'X: Y',
        context_length: 32768,
        top_provider: { max_completion_tokens: null },
        architecture: { input_modalities: ['text'] },
        supported_parameters: ['tools'],
      }),
    ).toEqual({ id: 'x/y', name: 'X: Y', contextWindow: 32768, toolCalling: true, imageInput: false });
  });

  it('recognises a public catalogue by its pricing metadata', () => {
    expect(isPublicCatalogue([{ id: 'a', context_length: 1, pricing: {} }])).toBe(true);
    expect(isPublicCatalogue([{ id: 'a' }])).toBe(false);
  });
});
