import { ListFoundationModelsCommand, type BedrockClient } from '@aws-sdk/client-bedrock';
import type { Model } from '@google/genai/web';
import { describe, expect, it } from 'vitest';
import { COMPATIBLE_DEFAULT_LIMIT, defaultChatModels } from '../../src/core/models/defaultChatModels';
import { toModelInfo as anthropicModelInfo } from '../../src/core/providers/anthropic/models';
import { listModels as listBedrockModels } from '../../src/core/providers/bedrock/models';
import { compatibleModelInfo } from '../../src/core/providers/compatible/models';
import { toChatModel as geminiChatModel } from '../../src/core/providers/gemini/models';
import { openAIModelInfo } from '../../src/core/providers/openai/models';
import type { ModelInfo } from '../../src/core/verify/result';
import {
  ANTHROPIC_MODELS,
  BEDROCK_FOUNDATION_MODELS,
  BEDROCK_INFERENCE_PROFILES,
  GEMINI_MODELS,
  OLLAMA_MODEL_IDS,
  OPENAI_MODEL_IDS,
  OPENROUTER_MODELS,
} from '../fixtures/providerModelLists';

// Each list goes through the provider's own conversion, as verification does, so capabilities are real.

describe('the models a first Verify puts into the chat model picker', () => {
  it('OpenAI: the newest GPT and its mini, o3 and o4-mini, from the full unfiltered /v1/models list', () => {
    const models = OPENAI_MODEL_IDS.map(openAIModelInfo);
    expect(defaultChatModels('openai', models)).toEqual(['gpt-5.1', 'gpt-5-mini', 'o3', 'o4-mini']);
  });

  it('OpenAI: never an embedding, audio, image, moderation, realtime or search model, nor a dated snapshot of a listed alias', () => {
    const chosen = defaultChatModels('openai', OPENAI_MODEL_IDS.map(openAIModelInfo));
    for (const id of chosen) expect(id).not.toMatch(/embedding|whisper|tts|dall-e|image|moderation|audio|realtime|search|transcribe|sora|\d{4}-\d{2}-\d{2}/);
  });

  it('OpenAI: an older account list gets its own newest models', () => {
    const models = ['gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-mini', 'gpt-4-turbo', 'gpt-3.5-turbo', 'text-embedding-3-small', 'whisper-1'].map(openAIModelInfo);
    expect(defaultChatModels('openai', models)).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });

  it('OpenAI: a snapshot whose alias is not listed is still chosen', () => {
    expect(defaultChatModels('openai', ['gpt-4o-2024-08-06', 'text-embedding-3-large'].map(openAIModelInfo))).toEqual(['gpt-4o-2024-08-06']);
  });

  it('Anthropic: the newest Opus, Sonnet and Haiku (every id is dated)', () => {
    const models = ANTHROPIC_MODELS.map((m) => anthropicModelInfo(m));
    expect(defaultChatModels('anthropic', models)).toEqual(['claude-opus-4-5-20251101', 'claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001']);
  });

  it('Anthropic: the 3.x naming is ordered by version too', () => {
    const models = ['claude-3-5-sonnet-20241022', 'claude-3-7-sonnet-20250219', 'claude-3-haiku-20240307', 'claude-3-5-haiku-20241022'].map((id) => anthropicModelInfo({ id }));
    expect(defaultChatModels('anthropic', models)).toEqual(['claude-3-7-sonnet-20250219', 'claude-3-5-haiku-20241022']);
  });

  it('Gemini: the newest stable Pro and Flash; no preview, image, TTS, Gemma, -latest alias or -001 snapshot', () => {
    const models = GEMINI_MODELS.map((m) => geminiChatModel(m as Model)).filter((m): m is ModelInfo => !!m);
    expect(defaultChatModels('gemini', models)).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash']);
  });

  it('Gemini: a preview is chosen when its tier has nothing stable', () => {
    const models = ['gemini-3-pro-preview', 'gemini-2.0-flash'].map((id) => geminiChatModel({ name: `models/${id}`, supportedActions: ['generateContent'] } as Model)!);
    expect(defaultChatModels('gemini', models)).toEqual(['gemini-3-pro-preview', 'gemini-2.0-flash']);
  });

  it('Bedrock: the newest Claude per tier and Nova Pro and Lite among what the region serves, with their inference profiles', async () => {
    const client = {
      send: async (command: unknown) =>
        command instanceof ListFoundationModelsCommand ? { modelSummaries: BEDROCK_FOUNDATION_MODELS } : { inferenceProfileSummaries: BEDROCK_INFERENCE_PROFILES },
    } as unknown as BedrockClient;
    const { models } = await listBedrockModels(client, 'us-east-1', new AbortController().signal);
    const chosen = defaultChatModels('bedrock', models);
    expect(chosen).toEqual([
      'anthropic.claude-opus-4-5-20251101-v1:0',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'anthropic.claude-haiku-4-5-20251001-v1:0',
      'amazon.nova-pro-v1:0',
      'amazon.nova-2-lite-v1:0',
    ]);
    // Models the account can only invoke through a profile carry it, so chat uses the profile.
    const byId = new Map(models.map((m) => [m.id, m]));
    expect(chosen.map((id) => byId.get(id)?.inferenceProfileId)).toEqual([
      'us.anthropic.claude-opus-4-5-20251101-v1:0',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      undefined,
      'us.amazon.nova-2-lite-v1:0',
    ]);
  });

  it('Bedrock: a model the region cannot invoke (no profile, not on demand) is never chosen', async () => {
    const client = {
      send: async (command: unknown) => (command instanceof ListFoundationModelsCommand ? { modelSummaries: BEDROCK_FOUNDATION_MODELS } : { inferenceProfileSummaries: [] }),
    } as unknown as BedrockClient;
    const { models } = await listBedrockModels(client, 'us-east-1', new AbortController().signal);
    expect(defaultChatModels('bedrock', models)).toEqual(['anthropic.claude-3-5-haiku-20241022-v1:0', 'amazon.nova-pro-v1:0', 'amazon.nova-lite-v1:0']);
  });

  it('Azure: every deployment that answered', () => {
    const models: ModelInfo[] = [{ id: 'gpt-4o-prod', family: 'gpt-4o' }, { id: 'embeddings-small', family: 'gpt-4.1-mini' }, { id: 'o4-mini-eu' }];
    expect(defaultChatModels('azure', models)).toEqual(['gpt-4o-prod', 'embeddings-small', 'o4-mini-eu']);
  });

  it(`OpenRouter: from ${OPENROUTER_MODELS.length} models, each big vendor's first pick before anyone's second, at most ${COMPATIBLE_DEFAULT_LIMIT}`, () => {
    expect(OPENROUTER_MODELS.length).toBeGreaterThan(200);
    const models = OPENROUTER_MODELS.map(compatibleModelInfo);
    expect(defaultChatModels('compatible', models)).toEqual(['openai/gpt-5.1', 'anthropic/claude-opus-4.5', 'google/gemini-2.5-pro', 'openai/gpt-5-mini', 'anthropic/claude-sonnet-4.5']);
  });

  it('Ollama: its chat models in the order it lists them, without the embedding model, at most 5', () => {
    const models = OLLAMA_MODEL_IDS.map((id) => compatibleModelInfo({ id }));
    expect(defaultChatModels('compatible', models)).toEqual(['qwen2.5-coder:7b', 'llama3.2:latest', 'mistral:latest', 'deepseek-r1:8b', 'gemma3:4b']);
  });

  it('OpenAI-compatible: the model ids the user configured win', () => {
    const models = OLLAMA_MODEL_IDS.map((id) => compatibleModelInfo({ id }));
    expect(defaultChatModels('compatible', models, { configuredIds: ['llama3.1:8b'] })).toEqual(['llama3.1:8b']);
  });

  it('a model that reported no tool calling is never a default (Agent mode would hide it)', () => {
    const models: ModelInfo[] = [{ id: 'gpt-5.1', toolCalling: false }, { id: 'gpt-5-mini', toolCalling: true }];
    expect(defaultChatModels('openai', models)).toEqual(['gpt-5-mini']);
  });
});
