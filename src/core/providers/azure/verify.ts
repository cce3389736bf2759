import { APIError } from 'openai';
import type { ProviderError } from '../../errors/errorKind';
import { text } from '../../text';
import type { ModelInfo, ModelResult, StageResult, VerifyOutcome } from '../../verify/result';
import { parameterStyleFor, budgetParameters, withParameterStyleFallback } from '../openaiFamily';
import { openAIModelCapabilities, type ModelCapabilities } from '../openaiFamily/modelCapabilities';
import type { CallContext } from '../types';
import { classifyAzureError, unexpectedBodyError } from './classifyError';
import { surfaceOf } from './client';
import { prepareAzureCall, type AzureCall } from './config';

// Kinds that would fail every further call the same way: stop instead of paying for more requests.
const STOPS_EVERYTHING = new Set(['invalid_key', 'missing_credentials', 'credentials_expired', 'permission_denied', 'quota_exhausted', 'rate_limited', 'wrong_base_url', 'azure_api_version_rejected', 'invalid_configuration', 'network_unreachable', 'dns', 'tls_or_proxy', 'proxy_auth_required', 'redirect_refused', 'timeout', 'cancelled', 'unexpected_response', 'overloaded', 'server_error']);

function elapsed(start: number): number {
  return Math.max(0, Date.now() - start);
}

/** Stage 1 (free): the resource's model list proves endpoint + key; a gateway may not route it (404 is tolerated). */
async function listModels(call: AzureCall, ctx: CallContext): Promise<{ stage: StageResult; count?: number; error?: ProviderError }> {
  const path = surfaceOf(call.endpoint, call.settings.apiVersion) === 'v1' ? 'GET /openai/v1/models' : 'GET /openai/models';
  const start = Date.now();
  try {
    const { data: page, response } = await call.client.models.list({ signal: ctx.signal, timeout: ctx.timeoutMs, maxRetries: 0 }).withResponse();
    const contentType = response.headers.get('content-type') ?? '';
    // The SDK turns any non-JSON body into an empty page, so look at what really came back.
    const data = /json/i.test(contentType) ? page.data : undefined;
    if (!Array.isArray(data)) {
      const error = unexpectedBodyError(undefined, { ...call.errors, step: path }, contentType);
      return { stage: { id: 'key', ok: false, label: text('Endpoint did not answer like Azure OpenAI ({0})', path), latencyMs: elapsed(start) }, error };
    }
    const label =
      data.length > 0
        ? text('Endpoint and credentials accepted; {0} models available to the resource ({1})', data.length, path)
        : text('Endpoint and credentials accepted; the resource lists no models ({0})', path);
    return { stage: { id: 'key', ok: true, label, latencyMs: elapsed(start) }, count: data.length };
  } catch (err) {
    const error = classifyAzureError(err, { ...call.errors, step: path });
    if (err instanceof APIError && err.status === 404 && error.kind === 'wrong_base_url') {
      // API Management gateways often expose only the deployment routes: let the deployments decide.
      return { stage: { id: 'key', ok: false, label: text('The endpoint does not list models ({0} answered 404); checking deployments directly', path), latencyMs: elapsed(start) } };
    }
    return { stage: { id: 'key', ok: false, label: text('Endpoint or credentials rejected ({0})', path), latencyMs: elapsed(start) }, error };
  }
}

/**
 * What the model behind a deployment can do: from the model the user named, else the model
 * Azure answered with, else the deployment name (often the model's). Azure serves chat
 * deployments of GPT-4-class models, which all call tools, so an unrecognised one gets tools.
 */
export function deploymentCapabilities(name: string, model: string | undefined, served: unknown): ModelCapabilities {
  const candidates = [model, typeof served === 'string' ? served : undefined, name];
  for (const candidate of candidates) {
    const known = candidate ? openAIModelCapabilities(candidate) : undefined;
    if (known) return known;
  }
  return { toolCalling: true };
}

/** Stage 2 (paid, tiny): one 1-token chat call proves the deployment exists and may be called. */
async function checkDeployment(call: AzureCall, ctx: CallContext, name: string, model: string | undefined): Promise<{ stage: StageResult; info?: ModelInfo; error?: ProviderError }> {
  const start = Date.now();
  const errors = { ...call.errors, step: `deployment ${name}`, deployment: name };
  const label = text('Deployment {0} answered a 1-token request (costs a fraction of a cent)', name);
  try {
    // Deployment names hide the model: if it rejects max_tokens (o-series, gpt-5), retry once with max_completion_tokens.
    const completion: unknown = await withParameterStyleFallback(parameterStyleFor(model ?? name), (style) =>
      call.client.chat.completions.create(
        { model: name, messages: [{ role: 'user', content: 'Reply with OK.' }], ...budgetParameters(style, 1, undefined) },
        { signal: ctx.signal, timeout: ctx.timeoutMs, maxRetries: 0 },
      ),
    );
    const choices = (completion as { choices?: unknown } | null)?.choices;
    if (!Array.isArray(choices)) {
      return { stage: { id: `deployment:${name}`, ok: false, label: text('Deployment {0} did not answer like Azure OpenAI', name), latencyMs: elapsed(start) }, error: unexpectedBodyError(completion, errors) };
    }
    // Azure answers with the versioned model behind the deployment, e.g. gpt-4o-2024-11-20: its family is gpt-4o.
    const served = (completion as { model?: unknown }).model;
    const family = typeof served === 'string' && served ? served.replace(/-\d{4}-\d{2}-\d{2}$/, '') : model;
    const info: ModelInfo = { id: name, name: model ? `${name} (${model})` : name, ...(family ? { family } : {}), ...deploymentCapabilities(name, model, served) };
    return { stage: { id: `deployment:${name}`, ok: true, label, latencyMs: elapsed(start) }, info };
  } catch (err) {
    return {
      stage: { id: `deployment:${name}`, ok: false, label: text('Deployment {0} did not answer a 1-token request', name), latencyMs: elapsed(start) },
      error: classifyAzureError(err, errors),
    };
  }
}

/**
 * Azure has no free call that proves a deployment: list the resource's models (free, proves
 * endpoint and credentials), then make a 1-token call per configured deployment.
 */
export async function verifyAzure(ctx: CallContext): Promise<VerifyOutcome> {
  const prepared = prepareAzureCall(ctx, ctx.timeoutMs);
  if (!prepared.ok) return { ok: false, stages: [], proven: {}, models: [], error: prepared.error };
  const { call } = prepared;
  const stages: StageResult[] = [];
  const models: ModelInfo[] = [];
  const reachable: string[] = [];

  const listed = await listModels(call, ctx);
  stages.push(listed.stage);
  if (listed.error) return { ok: false, stages, proven: {}, models, error: listed.error };

  // A deployment's own failure (a wrong name, a model it cannot serve) belongs to its row: the
  // provider stays verified with its other deployments. Failures of the key, quota or network
  // would hit every deployment alike: they fail the provider.
  let firstError: ProviderError | undefined;
  let providerError: ProviderError | undefined;
  const modelResults: Record<string, ModelResult> = {};
  for (const deployment of call.settings.deployments) {
    const checked = await checkDeployment(call, ctx, deployment.name, deployment.model);
    stages.push(checked.stage);
    modelResults[deployment.name] = { ok: !checked.error, label: checked.stage.label, ...(checked.error ? { error: checked.error } : {}) };
    if (checked.info) {
      models.push(checked.info);
      reachable.push(deployment.name);
    }
    if (checked.error) {
      firstError ??= checked.error;
      if (STOPS_EVERYTHING.has(checked.error.kind)) {
        providerError = checked.error;
        break;
      }
    }
  }
  const keyValid = listed.stage.ok || reachable.length > 0;
  const ok = !providerError && reachable.length > 0;
  return {
    ok,
    stages,
    proven: {
      ...(keyValid ? { keyValid: true } : {}),
      ...(listed.count !== undefined ? { modelsVisible: listed.count } : {}),
      deploymentsReachable: reachable,
    },
    models,
    ...(!ok && firstError ? { error: providerError ?? firstError } : {}),
    modelResults,
  };
}
