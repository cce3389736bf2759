import { anthropicRoutes } from './providers/anthropic';
import { awsRoutes } from './providers/aws';
import { azureRoutes } from './providers/azure';
import { compatibleRoutes } from './providers/compatible';
import { geminiRoutes } from './providers/gemini';
import { openAIRoutes } from './providers/openai';
import type { RouteModule } from './types';

/** Every provider's routes, tried in order; each returns false for requests that are not its own. */
export const allRoutes: RouteModule[] = [azureRoutes, compatibleRoutes, openAIRoutes, anthropicRoutes, geminiRoutes, awsRoutes];
