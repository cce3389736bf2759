/**
 * The simulated Gemini API's model catalogue, in the REST shape of `GET /v1beta/models`
 * (`supportedGenerationMethods`, which @google/genai renames to `supportedActions`).
 * Embedding and image models are included on purpose: a client must filter them out of a chat list.
 */
export interface GeminiModel {
  name: string;
  version: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: string[];
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTemperature?: number;
  thinking?: boolean;
}

const CHAT_METHODS = ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'];

export const GEMINI_MODELS: readonly GeminiModel[] = [
  {
    name: 'models/gemini-3-pro-preview',
    version: '3-pro-preview-11-2025',
    displayName: 'Gemini 3 Pro Preview',
    description: 'Gemini 3 Pro Preview',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: CHAT_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  },
  {
    name: 'models/gemini-2.5-pro',
    version: '2.5',
    displayName: 'Gemini 2.5 Pro',
    description: 'Stable release (June 17th, 2025) of Gemini 2.5 Pro',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: CHAT_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  },
  {
    name: 'models/gemini-2.5-flash',
    version: '001',
    displayName: 'Gemini 2.5 Flash',
    description: 'Stable version of Gemini 2.5 Flash',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: CHAT_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  },
  {
    name: 'models/text-embedding-004',
    version: '004',
    displayName: 'Text Embedding 004',
    description: 'Obtain a distributed representation of a text.',
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: ['embedContent'],
  },
  {
    name: 'models/gemini-2.5-flash-lite',
    version: '001',
    displayName: 'Gemini 2.5 Flash-Lite',
    description: 'Stable version of Gemini 2.5 Flash-Lite',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: CHAT_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  },
  {
    name: 'models/gemini-2.0-flash',
    version: '2.0',
    displayName: 'Gemini 2.0 Flash',
    description: 'Gemini 2.0 Flash',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 8192,
    supportedGenerationMethods: CHAT_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 40,
    maxTemperature: 2,
  },
  {
    name: 'models/gemini-embedding-001',
    version: '001',
    displayName: 'Gemini Embedding 001',
    description: 'Obtain a distributed representation of a text.',
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens', 'asyncBatchEmbedContent'],
  },
  {
    name: 'models/imagen-4.0-generate-001',
    version: '001',
    displayName: 'Imagen 4',
    description: 'Vertex served Imagen 4.0 model',
    inputTokenLimit: 480,
    outputTokenLimit: 8192,
    supportedGenerationMethods: ['predict'],
  },
];

/** Ids (without `models/`) of the models a chat client should offer. */
export const GEMINI_CHAT_MODEL_IDS = GEMINI_MODELS.filter((m) => m.supportedGenerationMethods.includes('generateContent')).map((m) => m.name.slice('models/'.length));

export function findGeminiModel(id: string): GeminiModel | undefined {
  const name = id.startsWith('models/') ? id : `models/${id}`;
  return GEMINI_MODELS.find((m) => m.name === name);
}
