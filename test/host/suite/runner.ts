/**
 * The smallest test runner that does the job inside the extension host (mocha is not a
 * dependency): tests run one after another, in registration order, each with a time limit.
 */
type TestFn = () => Promise<void> | void;

const tests: { name: string; fn: TestFn; timeoutMs: number }[] = [];

export function test(name: string, fn: TestFn, timeoutMs = 30_000): void {
  tests.push({ name, fn, timeoutMs });
}

function withTimeout(fn: TestFn, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    Promise.resolve().then(fn),
    new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Runs every registered test; prints one line per test and "N passed, N failed". Rejects when any failed. */
/** Marks our lines in the page console, where the extension host's output arrives among the workbench's. */
export const OUTPUT_MARKER = '[byok-host] ';

export async function runAll(log: (line: string) => void = (line) => console.log(line.split('\n').map((l) => OUTPUT_MARKER + l).join('\n'))): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(t.fn, t.timeoutMs);
      passed++;
      log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      log(`  ✗ ${t.name}\n      ${error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 6).join('\n      ') : String(error)}`);
    }
  }
  log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} host test(s) failed`);
}

/** Polls until `check` returns a truthy value (the workbench updates tabs and models asynchronously). */
export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (last value: ${JSON.stringify(last)})`);
}
