import type { Scenario, SimRequest, SimResponse } from '../types';
import { geographyOf, modelArn, SIM_MODELS } from './catalog';
import { SIM_ACCOUNT } from './keys';
import { sendBedrockError, sendBedrockJson } from './replies';

/** Scenario failures common to the control plane and the runtime; returns true when it answered. */
export function answerBedrockScenario(scenario: Scenario, res: SimResponse, plane: 'control' | 'runtime'): boolean {
  switch (scenario) {
    case 'rate_limited':
      sendBedrockError(res, 429, 'ThrottlingException', 'Too many requests, please wait before trying again.');
      return true;
    case 'quota_exhausted':
      sendBedrockError(res, 400, 'ServiceQuotaExceededException', 'Your request exceeds the service quota for your account. You can view your quotas at https://docs.aws.amazon.com/servicequotas/latest/userguide/gs-request-quota.html.');
      return true;
    case 'overloaded':
      // The runtime also says a model is not ready (cold start); both mean: try again shortly.
      if (plane === 'runtime') sendBedrockError(res, 429, 'ModelNotReadyException', 'Model is not ready to serve inference requests. Please try again later.');
      else sendBedrockError(res, 503, 'ServiceUnavailableException', 'Bedrock is unable to process your request.');
      return true;
    case 'server_error':
      sendBedrockError(res, 500, 'InternalServerException', 'The server encountered an error processing your request.');
      return true;
    default:
      return false;
  }
}

/** Bedrock control plane (restJson1): `GET /foundation-models`, `GET /inference-profiles`. */
export function handleControl(req: SimRequest, res: SimResponse, region: string, scenario: Scenario): void {
  if (answerBedrockScenario(scenario, res, 'control')) return;
  const empty = scenario === 'empty_models';
  if (req.method === 'GET' && req.path === '/foundation-models') {
    const q = req.query;
    const models = empty
      ? []
      : SIM_MODELS.filter(
          (m) =>
            (!q.get('byOutputModality') || m.outputModalities.includes(q.get('byOutputModality')!)) &&
            (!q.get('byInferenceType') || m.inferenceTypesSupported.includes(q.get('byInferenceType')!)) &&
            (!q.get('byProvider') || m.providerName.toLowerCase() === q.get('byProvider')!.toLowerCase()),
        );
    return sendBedrockJson(res, {
      modelSummaries: models.map((m) => ({
        modelArn: modelArn(region, m.modelId),
        modelId: m.modelId,
        modelName: m.modelName,
        providerName: m.providerName,
        inputModalities: m.inputModalities,
        outputModalities: m.outputModalities,
        responseStreamingSupported: m.responseStreamingSupported,
        customizationsSupported: [],
        inferenceTypesSupported: m.inferenceTypesSupported,
        modelLifecycle: { status: m.status },
      })),
    });
  }
  if (req.method === 'GET' && req.path === '/inference-profiles') {
    const geo = geographyOf(region);
    const all = empty
      ? []
      : SIM_MODELS.flatMap((m) =>
          (m.profiles ?? [])
            .filter((g) => g === geo || g === 'global')
            .map((g) => {
              const id = `${g}.${m.modelId}`;
              return {
                inferenceProfileName: `${g.toUpperCase()} ${m.modelName}`,
                description: `Routes requests to ${m.modelName} in ${g === 'global' ? 'commercial AWS Regions' : `${g.toUpperCase()} Regions`}.`,
                createdAt: '2025-05-22T00:00:00Z',
                updatedAt: '2025-05-22T00:00:00Z',
                inferenceProfileArn: `arn:aws:bedrock:${region}:${SIM_ACCOUNT}:inference-profile/${id}`,
                models: [{ modelArn: modelArn(region, m.modelId) }],
                inferenceProfileId: id,
                status: 'ACTIVE',
                type: 'SYSTEM_DEFINED',
              };
            }),
        );
    // Real pagination, so a client that ignores nextToken misses profiles.
    const max = Math.min(Number(req.query.get('maxResults') ?? 1000) || 1000, 1000);
    const start = Number(req.query.get('nextToken') ?? 0) || 0;
    const page = all.slice(start, start + max);
    const next = start + max < all.length ? String(start + max) : undefined;
    return sendBedrockJson(res, { inferenceProfileSummaries: page, ...(next ? { nextToken: next } : {}) });
  }
  sendBedrockError(res, 404, 'UnknownOperationException', `Unknown operation ${req.method} ${req.path}`);
}
