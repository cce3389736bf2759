export function elapsedSince(started: number): number;
