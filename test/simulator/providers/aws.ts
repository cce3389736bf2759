import type { RouteModule } from '../types';

// Placeholder: replaced by the aws simulator routes.
export const awsRoutes: RouteModule = { name: 'aws', handle: () => false };
