/**
 * A full `GET /v1/models` answer of an OpenAI organisation, as a gateway in front of OpenAI passes
 * it on: dated snapshots, embeddings, audio, images, moderation, legacy GPT-3 models and
 * fine-tunes. The ids are the ones real listings show (e.g. the list quoted in
 * github.com/mwufi/standardbackend src/standardbackend/llm.py, OpenAI's model pages, and
 * pre-2024 listings with ada/curie/text-similarity-*), with the organisation's own fine-tunes.
 */
export const OPENAI_FULL_MODEL_LIST: readonly { id: string; created: number; owned_by: string }[] = [
  // Chat models (16).
  { id: 'gpt-4o', created: 1715367049, owned_by: 'system' },
  { id: 'gpt-4o-2024-08-06', created: 1722814719, owned_by: 'system' },
  { id: 'gpt-4o-2024-11-20', created: 1739331543, owned_by: 'system' },
  { id: 'gpt-4o-mini', created: 1721172741, owned_by: 'system' },
  { id: 'gpt-4o-mini-2024-07-18', created: 1721172717, owned_by: 'system' },
  { id: 'chatgpt-4o-latest', created: 1723515131, owned_by: 'system' },
  { id: 'gpt-4.1', created: 1744316542, owned_by: 'system' },
  { id: 'gpt-4.1-mini', created: 1744318173, owned_by: 'system' },
  { id: 'gpt-4-turbo', created: 1712361441, owned_by: 'system' },
  { id: 'gpt-3.5-turbo', created: 1677610602, owned_by: 'openai' },
  { id: 'gpt-3.5-turbo-0125', created: 1706048358, owned_by: 'system' },
  { id: 'o3-mini', created: 1737146383, owned_by: 'system' },
  { id: 'o4-mini', created: 1744225351, owned_by: 'system' },
  { id: 'gpt-5', created: 1754425777, owned_by: 'system' },
  { id: 'gpt-5-mini', created: 1754425928, owned_by: 'system' },
  { id: 'ft:gpt-4o-mini-2024-07-18:acme-corp::9xKq2LmN', created: 1727712345, owned_by: 'acme-corp' },
  // Embeddings (3).
  { id: 'text-embedding-3-large', created: 1705953180, owned_by: 'system' },
  { id: 'text-embedding-3-small', created: 1705948997, owned_by: 'system' },
  { id: 'text-embedding-ada-002', created: 1671217299, owned_by: 'openai-internal' },
  // Audio (11).
  { id: 'whisper-1', created: 1677532384, owned_by: 'openai-internal' },
  { id: 'tts-1', created: 1681940951, owned_by: 'openai-internal' },
  { id: 'tts-1-hd', created: 1699046015, owned_by: 'system' },
  { id: 'tts-1-1106', created: 1699053241, owned_by: 'system' },
  { id: 'gpt-4o-mini-tts', created: 1742403959, owned_by: 'system' },
  { id: 'gpt-4o-transcribe', created: 1742068463, owned_by: 'system' },
  { id: 'gpt-4o-mini-transcribe', created: 1742068596, owned_by: 'system' },
  { id: 'gpt-4o-realtime-preview', created: 1727659998, owned_by: 'system' },
  { id: 'gpt-4o-realtime-preview-2024-12-17', created: 1733945430, owned_by: 'system' },
  { id: 'gpt-4o-mini-realtime-preview', created: 1734387380, owned_by: 'system' },
  { id: 'gpt-4o-audio-preview', created: 1727460443, owned_by: 'system' },
  // Images (3).
  { id: 'dall-e-2', created: 1698798177, owned_by: 'system' },
  { id: 'dall-e-3', created: 1698785189, owned_by: 'system' },
  { id: 'gpt-image-1', created: 1745517030, owned_by: 'system' },
  // Moderation (2).
  { id: 'omni-moderation-latest', created: 1731689265, owned_by: 'system' },
  { id: 'omni-moderation-2024-09-26', created: 1732734466, owned_by: 'system' },
  // Legacy completion models, their search/similarity variants and fine-tunes (20).
  { id: 'babbage-002', created: 1692634615, owned_by: 'system' },
  { id: 'davinci-002', created: 1692634301, owned_by: 'system' },
  { id: 'gpt-3.5-turbo-instruct', created: 1692901427, owned_by: 'system' },
  { id: 'gpt-3.5-turbo-instruct-0914', created: 1694122472, owned_by: 'system' },
  { id: 'ada', created: 1649357491, owned_by: 'openai' },
  { id: 'curie', created: 1649359874, owned_by: 'openai' },
  { id: 'text-davinci-003', created: 1669599635, owned_by: 'openai-internal' },
  { id: 'text-curie-001', created: 1649364043, owned_by: 'openai' },
  { id: 'code-davinci-edit-001', created: 1649880484, owned_by: 'openai' },
  { id: 'text-similarity-ada-001', created: 1651172505, owned_by: 'openai-dev' },
  { id: 'text-similarity-curie-001', created: 1651172507, owned_by: 'openai-dev' },
  { id: 'text-search-ada-doc-001', created: 1651172507, owned_by: 'openai-dev' },
  { id: 'text-search-curie-query-001', created: 1651172509, owned_by: 'openai-dev' },
  { id: 'davinci-search-query', created: 1651172505, owned_by: 'openai-dev' },
  { id: 'babbage-code-search-code', created: 1651172509, owned_by: 'openai-dev' },
  { id: 'code-search-ada-code-001', created: 1651172507, owned_by: 'openai-dev' },
  { id: 'ada-code-search-text', created: 1651172510, owned_by: 'openai-dev' },
  { id: 'davinci-instruct-beta', created: 1649364042, owned_by: 'openai' },
  { id: 'curie:ft-acme-corp-2022-11-03-09-41-17', created: 1667468477, owned_by: 'acme-corp' },
  { id: 'ft:babbage-002:acme-corp::8TvL7Yqs', created: 1702391234, owned_by: 'acme-corp' },
  // Not chat completions models (2).
  { id: 'computer-use-preview', created: 1734655677, owned_by: 'system' },
  { id: 'gpt-4o-search-preview', created: 1741388170, owned_by: 'system' },
];

/** The chat models of that list, in list order. */
export const OPENAI_FULL_LIST_CHAT_IDS = OPENAI_FULL_MODEL_LIST.slice(0, 16).map((m) => m.id);

/**
 * LM Studio's `GET /v1/models` with a chat model and its bundled embedding model loaded
 * (the answer quoted in github.com/lmstudio-ai/lmstudio-bug-tracker/issues/1998).
 */
export const LM_STUDIO_MODEL_LIST: readonly { id: string; object: 'model'; owned_by: string }[] = [
  { id: 'qwen3.6-35b-a3b-mtp', object: 'model', owned_by: 'organization_owner' },
  { id: 'google/gemma-3-12b', object: 'model', owned_by: 'organization_owner' },
  { id: 'text-embedding-nomic-embed-text-v1.5', object: 'model', owned_by: 'organization_owner' },
];
