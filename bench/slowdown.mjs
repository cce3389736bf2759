// `BYOK_BENCH_SLOWDOWN=0.2 npm run bench` (set only by hand, to show that the budgets catch a
// regression): every measurement of our code busy-waits 20 % of its own time more before its
// clock stops, as if our code were 20 % slower. Baselines are never slowed.
const slowdown = Number(process.env.BYOK_BENCH_SLOWDOWN ?? 0);

/** Milliseconds since `started` (a performance.now() mark), stretched by the slowdown if one is set. */
export function elapsedSince(started) {
  const elapsed = performance.now() - started;
  const until = performance.now() + elapsed * slowdown;
  while (performance.now() < until);
  return performance.now() - started;
}
