/** Types of profiles.mjs (plain JS so the bench can load it without a TypeScript loader). */
export const simulatorRouteOf: Record<string, string>;
export function simulatorProfiles(origins: string | readonly string[]): Record<string, { settings: Record<string, unknown>; secrets: Record<string, string> }>;
