import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { allRoutes } from '../../simulator/routes';
import { startSimulator, type Simulator } from '../../simulator/server';
import { repoRoot } from './editor';

/** The provider simulator inside the test process (the extension host reaches it over loopback). */
export function startSimulatorInProcess(): Promise<Simulator> {
  return startSimulator({ routes: allRoutes });
}

export interface SimulatorProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The provider simulator as its own process (test/simulator/main.ts via tsx), for runs that are not in Node/vitest. */
export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(repoRoot, 'test', 'simulator', 'main.ts')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before printing its URL`)));
  });
  const { url, port } = JSON.parse(first) as { url: string; port: number };
  return {
    url,
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
