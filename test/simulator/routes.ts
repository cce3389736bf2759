import { anthropicRoutes } from './providers/anthropic';
import { awsRoutes } from './providers/aws';
import { azureRoutes } from './providers/azure';
import { compatibleRoutes } from './providers/compatible';
import { geminiRoutes } from './providers/gemini';
import { openAIRoutes } from './providers/openai';
import type { RouteModule } from './types';

/**
 * Every provider's routes, tried in order; each returns false for requests that are not its own.
 * Anthropic goes first: it claims only requests with `anthropic-version`/`x-api-key` or `/v1/messages`,
 * while OpenAI-style routes would also answer its `GET /v1/models`.
 */
export const allRoutes: RouteModule[] = [anthropicRoutes, azureRoutes, compatibleRoutes, openAIRoutes, geminiRoutes, awsRoutes];
