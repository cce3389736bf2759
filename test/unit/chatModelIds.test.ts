import { describe, expect, it } from 'vitest';
import { nonChatKind, selectChatModels } from '../../src/core/providers/openaiFamily/chatModelIds';
import { LM_STUDIO_MODEL_LIST, OPENAI_FULL_LIST_CHAT_IDS, OPENAI_FULL_MODEL_LIST } from '../simulator/providers/openaiCatalogue';

describe('chat models by id', () => {
  it('a full OpenAI list: the same chat models on api.openai.com and behind any other base URL', () => {
    for (const knownFamiliesOnly of [true, false]) {
      const { chat, leftOut } = selectChatModels(OPENAI_FULL_MODEL_LIST, { knownFamiliesOnly });
      expect(chat.map((m) => m.id)).toEqual(OPENAI_FULL_LIST_CHAT_IDS);
      expect(leftOut).toHaveLength(OPENAI_FULL_MODEL_LIST.length - OPENAI_FULL_LIST_CHAT_IDS.length);
    }
  });

  it.each([
    ['text-embedding-3-large', 'embeddings'],
    ['text-embedding-ada-002', 'embeddings'],
    ['text-embedding-nomic-embed-text-v1.5', 'embeddings'],
    ['nomic-embed-text:latest', 'embeddings'],
    ['mxbai-embed-large', 'embeddings'],
    ['bge-m3:latest', 'embeddings'],
    ['openai/text-embedding-3-small', 'embeddings'],
    ['whisper-1', 'audio'],
    ['tts-1-hd', 'audio'],
    ['gpt-4o-mini-tts', 'audio'],
    ['gpt-4o-transcribe', 'audio'],
    ['gpt-4o-realtime-preview-2024-12-17', 'audio'],
    ['gpt-realtime', 'audio'],
    ['gpt-4o-audio-preview', 'audio'],
    ['dall-e-3', 'image'],
    ['gpt-image-1', 'image'],
    ['omni-moderation-latest', 'moderation'],
    ['text-moderation-stable', 'moderation'],
    ['babbage-002', 'legacy_completion'],
    ['davinci-002', 'legacy_completion'],
    ['ada', 'legacy_completion'],
    ['curie', 'legacy_completion'],
    ['text-davinci-003', 'legacy_completion'],
    ['code-cushman-001', 'legacy_completion'],
    ['text-similarity-babbage-001', 'legacy_completion'],
    ['text-search-ada-query-001', 'legacy_completion'],
    ['code-search-babbage-text-001', 'legacy_completion'],
    ['davinci-search-document', 'legacy_completion'],
    ['curie:ft-acme-2022-11-03-09-41-17', 'legacy_completion'],
    ['ft:davinci-002:acme::8TvL7Yqs', 'legacy_completion'],
    ['gpt-3.5-turbo-instruct', 'legacy_completion'],
    ['computer-use-preview', 'other'],
    ['gpt-4o-search-preview', 'other'],
  ])('%s is left out as %s', (id, kind) => {
    expect(nonChatKind(id)).toBe(kind);
  });

  it.each([
    'gpt-4o-2024-08-06',
    'ft:gpt-4o-mini-2024-07-18:acme::abc',
    'o4-mini',
    'gpt-5-mini',
    // Other vendors' ids behind a gateway, and local models: instruct models chat.
    'claude-sonnet-4',
    'meta-llama/llama-3.3-70b-instruct:free',
    'llama3.2:latest',
    'qwen2.5-coder:7b-instruct',
    'mistral-small3.1:24b',
    'adamant-7b',
    'deepseek-r1:14b',
  ])('%s is a chat model behind a custom base URL', (id) => {
    expect(nonChatKind(id)).toBeUndefined();
  });

  it('on api.openai.com only OpenAI’s chat families count', () => {
    expect(nonChatKind('claude-sonnet-4', { knownFamiliesOnly: true })).toBe('other');
    expect(nonChatKind('gpt-4.1', { knownFamiliesOnly: true })).toBeUndefined();
  });

  it('LM Studio’s list keeps its chat models and leaves out the embedding model', () => {
    const { chat, leftOut } = selectChatModels(LM_STUDIO_MODEL_LIST);
    expect(chat.map((m) => m.id)).toEqual(['qwen3.6-35b-a3b-mtp', 'google/gemma-3-12b']);
    expect(leftOut.map((m) => m.id)).toEqual(['text-embedding-nomic-embed-text-v1.5']);
  });
});
