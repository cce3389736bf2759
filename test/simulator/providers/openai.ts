import type { RouteModule } from '../types';

// Placeholder: replaced by the openai simulator routes.
export const openAIRoutes: RouteModule = { name: 'openai', handle: () => false };
