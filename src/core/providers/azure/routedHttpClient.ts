import type { HttpClient, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { fetchFor } from '../../net/routedFetch';

type CreateHttpHeaders = typeof import('@azure/core-rest-pipeline').createHttpHeaders;

/**
 * Entra ID token requests on the editor's proxy and certificates. The identity pipeline's own
 * proxy support drops its TLS settings behind a proxy and cannot skip certificate checks, so
 * token requests go through the same fetch as the provider calls. Redirects come back unfollowed
 * for the pipeline's policies to judge.
 */
export function routedHttpClient(createHttpHeaders: CreateHttpHeaders): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') {
        throw new TypeError('Entra ID token requests are expected to send a text body.');
      }
      const send = await fetchFor(request.url);
      const response = await send(request.url, {
        method: request.method,
        headers: request.headers.toJSON(),
        body: request.body ?? undefined,
        redirect: 'manual',
        signal: request.abortSignal as AbortSignal | undefined,
      });
      const headers = createHttpHeaders();
      response.headers.forEach((value, name) => headers.set(name, value));
      return { request, status: response.status, headers, bodyAsText: await response.text() };
    },
  };
}
