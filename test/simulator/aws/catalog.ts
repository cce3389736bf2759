/** Foundation models and system inference profiles the simulated Bedrock lists (shapes as ListFoundationModels returns them). */
export interface SimModel {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  responseStreamingSupported: boolean;
  inferenceTypesSupported: string[];
  status: 'ACTIVE' | 'LEGACY';
  /** Whether the runtime's CountTokens accepts this model id. */
  countTokens?: boolean;
  /** Geographies with a system-defined inference profile (`us`, `eu`, `apac`, `global`). */
  profiles?: string[];
  /** False: tools only through Converse; ConverseStream refuses them ("Streaming tool use: No" in AWS's table). */
  streamingToolUse?: boolean;
}

export const SIM_MODELS: SimModel[] = [
  { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', modelName: 'Claude 3 Haiku', providerName: 'Anthropic', inputModalities: ['TEXT', 'IMAGE'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'], status: 'ACTIVE', countTokens: true, profiles: ['us', 'eu', 'apac'] },
  { modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', modelName: 'Claude Sonnet 4', providerName: 'Anthropic', inputModalities: ['TEXT', 'IMAGE'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['INFERENCE_PROFILE'], status: 'ACTIVE', countTokens: true, profiles: ['us', 'eu', 'apac'] },
  { modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', modelName: 'Claude Sonnet 4.5', providerName: 'Anthropic', inputModalities: ['TEXT', 'IMAGE'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['INFERENCE_PROFILE'], status: 'ACTIVE', countTokens: true, profiles: ['global', 'us', 'eu'] },
  { modelId: 'amazon.nova-pro-v1:0', modelName: 'Nova Pro', providerName: 'Amazon', inputModalities: ['TEXT', 'IMAGE', 'VIDEO'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'], status: 'ACTIVE', profiles: ['us', 'eu', 'apac'] },
  { modelId: 'meta.llama3-1-70b-instruct-v1:0', modelName: 'Llama 3.1 70B Instruct', providerName: 'Meta', inputModalities: ['TEXT'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'], status: 'ACTIVE', streamingToolUse: false },
  { modelId: 'meta.llama3-8b-instruct-v1:0', modelName: 'Llama 3 8B Instruct', providerName: 'Meta', inputModalities: ['TEXT'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'], status: 'ACTIVE' },
  { modelId: 'anthropic.claude-v2:1', modelName: 'Claude', providerName: 'Anthropic', inputModalities: ['TEXT'], outputModalities: ['TEXT'], responseStreamingSupported: true, inferenceTypesSupported: ['ON_DEMAND'], status: 'LEGACY' },
  { modelId: 'amazon.titan-embed-text-v2:0', modelName: 'Titan Text Embeddings V2', providerName: 'Amazon', inputModalities: ['TEXT'], outputModalities: ['EMBEDDING'], responseStreamingSupported: false, inferenceTypesSupported: ['ON_DEMAND'], status: 'ACTIVE' },
  { modelId: 'stability.sd3-5-large-v1:0', modelName: 'Stable Diffusion 3.5 Large', providerName: 'Stability AI', inputModalities: ['TEXT', 'IMAGE'], outputModalities: ['IMAGE'], responseStreamingSupported: false, inferenceTypesSupported: ['ON_DEMAND'], status: 'ACTIVE' },
];

/** The geography prefix AWS uses for inference profiles in a region. */
export function geographyOf(region: string): string {
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return 'us';
}

export function modelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/** What an id in a runtime path means in this region: a base model, a profile of it, or nothing. */
export function resolveInvocationId(region: string, id: string): { model: SimModel; viaProfile: boolean } | undefined {
  const direct = SIM_MODELS.find((m) => m.modelId === id);
  if (direct) return { model: direct, viaProfile: false };
  const dot = id.indexOf('.');
  const geo = id.slice(0, dot);
  const base = SIM_MODELS.find((m) => m.modelId === id.slice(dot + 1));
  if (!base?.profiles?.includes(geo)) return undefined;
  // A profile of another geography is not valid in this region ("The provided model identifier is invalid.").
  if (geo !== 'global' && geo !== geographyOf(region)) return undefined;
  return { model: base, viaProfile: true };
}
