import type { ChatEvent, ChatRequest } from '../../chat/types';
import { text } from '../../text';
import type { ModelInfo } from '../../verify/result';
import { parameterStyleFor, streamChatCompletion } from '../openaiFamily';
import type { CallContext } from '../types';
import { classifyAzureError } from './classifyError';
import { prepareAzureCall } from './config';
import { AZURE_PROVIDER_NAME } from './endpoint';

/**
 * Streams a chat answer from one deployment (`request.modelId` is the deployment name).
 * Streaming gets no per-call timeout, only the signal: answers may legitimately take minutes.
 */
export async function* streamAzureChat(ctx: CallContext, request: ChatRequest, model: ModelInfo | undefined): AsyncGenerator<ChatEvent> {
  const prepared = prepareAzureCall(ctx, undefined);
  if (!prepared.ok) {
    yield { type: 'error', error: prepared.error };
    return;
  }
  const { call } = prepared;
  const deployment = request.modelId;
  const configured = call.settings.deployments.find((d) => d.name === deployment);
  // The deployment name may hide the model; the user's note or the verified model family tells us more.
  const modelHint = configured?.model ?? model?.family ?? deployment;
  const errors = { ...call.errors, step: `chat ${deployment}`, deployment };
  yield* streamChatCompletion({
    client: call.client,
    model: deployment,
    request,
    parameterStyle: parameterStyleFor(modelHint),
    signal: ctx.signal,
    errors: { provider: AZURE_PROVIDER_NAME, secrets: errors.secrets, step: errors.step, subject: deployment },
    classifyError: (err) => classifyAzureError(err, errors),
    contentFilterHint: text('Rephrase the request, or adjust the content filter configuration of deployment {0} in Azure AI Foundry.', deployment),
  });
}
