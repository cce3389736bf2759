import type { RouteModule } from '../types';

// Placeholder: replaced by the compatible simulator routes.
export const compatibleRoutes: RouteModule = { name: 'compatible', handle: () => false };
