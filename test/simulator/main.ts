import { allRoutes } from './routes';
import { startSimulator } from './server';

// Standalone simulator for the sandbox (`npm run try`) and the E2E run: prints its URL as JSON on one line.
async function main(): Promise<void> {
  const port = Number(process.env.BYOK_SIM_PORT ?? 0);
  const extraPorts = Number(process.env.BYOK_SIM_EXTRA_PORTS ?? 0);
  const sim = await startSimulator({ port, extraPorts, routes: allRoutes, log: (l) => process.stderr.write(l + '\n') });
  process.stdout.write(JSON.stringify({ url: sim.url, port: sim.port, urls: sim.urls }) + '\n');
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
void main();
