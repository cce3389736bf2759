import type { RouteModule } from '../types';

// Placeholder: replaced by the gemini simulator routes.
export const geminiRoutes: RouteModule = { name: 'gemini', handle: () => false };
