import type { RouteModule } from '../types';

// Placeholder: replaced by the anthropic simulator routes.
export const anthropicRoutes: RouteModule = { name: 'anthropic', handle: () => false };
