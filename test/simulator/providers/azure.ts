import type { RouteModule } from '../types';

// Placeholder: replaced by the azure simulator routes.
export const azureRoutes: RouteModule = { name: 'azure', handle: () => false };
