import type { CallContext } from '../types';
import type { OpenAISettings } from './definition';
import { createOpenAIClient } from '../openaiFamily';
import type OpenAI from 'openai';

export const OPENAI_DISPLAY_NAME = 'OpenAI';

/** A client for this call: settings and key explicit, nothing read from the environment. */
export function openAIClientFor(ctx: CallContext, timeoutMs?: number): OpenAI {
  const settings = ctx.settings as OpenAISettings;
  return createOpenAIClient({
    apiKey: ctx.secrets.apiKey,
    baseURL: settings.baseUrl,
    organization: settings.organization,
    project: settings.project,
    timeoutMs,
    fetch: ctx.inProcessFetch,
  });
}
