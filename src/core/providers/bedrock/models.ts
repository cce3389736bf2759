import { ListFoundationModelsCommand, ListInferenceProfilesCommand, type BedrockClient, type FoundationModelSummary, type InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import type { ModelInfo } from '../../verify/result';
import { bedrockToolUse } from './capabilities';

/** Prefix of the system-defined (cross-region) inference profiles for a region's geography. */
export function geographyPrefix(region: string): string {
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  if (region.startsWith('us-gov-')) return 'us-gov';
  return 'us';
}

const MAX_PROFILE_PAGES = 10;

export interface ModelListing {
  models: ModelInfo[];
  /** Foundation models listed (text output) before filtering. */
  listed: number;
  /** False when ListInferenceProfiles was denied: profile-only models are then left out. */
  profilesListed: boolean;
}

/**
 * Text models the user can chat with in this region: `ListFoundationModels` (text output) joined
 * with `ListInferenceProfiles`, so models that can only be invoked through a profile carry its id.
 * Left out: models without streaming (chat streams), LEGACY ones (being retired), and
 * profile-only models without a profile in this region.
 */
export async function listModels(client: BedrockClient, region: string, signal: AbortSignal): Promise<ModelListing> {
  // Independent calls: sent together.
  const [foundation, profiles] = await Promise.all([
    client.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }), { abortSignal: signal }),
    listProfiles(client, signal).catch((err: unknown) => {
      // Listing profiles needs its own IAM action; without it the on-demand models are still usable.
      if ((err as { name?: string }).name !== 'AccessDeniedException') throw err;
      return undefined;
    }),
  ]);
  const summaries = foundation.modelSummaries ?? [];
  const models: ModelInfo[] = [];
  for (const m of summaries) {
    if (!m.modelId || m.modelLifecycle?.status === 'LEGACY' || m.responseStreamingSupported === false) continue;
    const onDemand = (m.inferenceTypesSupported ?? []).includes('ON_DEMAND');
    const profileId = onDemand ? undefined : pickProfile(m, profiles ?? [], region);
    if (!onDemand && !profileId) continue;
    models.push(toModelInfo(m, profileId));
  }
  return { models, listed: summaries.length, profilesListed: profiles !== undefined };
}

async function listProfiles(client: BedrockClient, signal: AbortSignal): Promise<InferenceProfileSummary[]> {
  const out: InferenceProfileSummary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PROFILE_PAGES; page++) {
    const res = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED', maxResults: 100, nextToken }), { abortSignal: signal });
    out.push(...(res.inferenceProfileSummaries ?? []));
    nextToken = res.nextToken;
    if (!nextToken) break;
  }
  return out;
}

/** The region's own geography first, then `global.`, then any active profile containing the model. */
function pickProfile(model: FoundationModelSummary, profiles: InferenceProfileSummary[], region: string): string | undefined {
  const containing = profiles.filter(
    (p) =>
      (p.status ?? 'ACTIVE') === 'ACTIVE' &&
      !!p.inferenceProfileId &&
      ((p.models ?? []).some((m) => m.modelArn?.endsWith(`/${model.modelId}`)) || p.inferenceProfileId.endsWith(`.${model.modelId}`)),
  );
  const byPrefix = (prefix: string) => containing.find((p) => p.inferenceProfileId!.startsWith(`${prefix}.`))?.inferenceProfileId;
  return byPrefix(geographyPrefix(region)) ?? byPrefix('global') ?? containing[0]?.inferenceProfileId;
}

function toModelInfo(m: FoundationModelSummary, inferenceProfileId: string | undefined): ModelInfo {
  const info: ModelInfo = {
    id: m.modelId!,
    name: m.modelName ?? m.modelId!,
    imageInput: (m.inputModalities ?? []).includes('IMAGE'),
    toolCalling: bedrockToolUse(m.modelId!),
  };
  if (m.providerName) info.family = m.providerName;
  if (inferenceProfileId) info.inferenceProfileId = inferenceProfileId;
  return info;
}
