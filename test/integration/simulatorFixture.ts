import net from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';

/**
 * The provider simulator for one test file: started before its tests, reset after each test
 * (recorded requests, overrides), closed at the end. Use at the top level of a test file.
 */
export function useSimulator(): Simulator {
  let started: Simulator | undefined;
  beforeAll(async () => {
    started = await startSimulator({ routes: allRoutes });
  });
  afterAll(() => started?.close());
  afterEach(() => started?.reset());
  const current = (): Simulator => {
    if (!started) throw new Error('the simulator is used before beforeAll started it');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get urls() {
      return current().urls;
    },
    get requests() {
      return current().requests;
    },
    setOverride: (provider, override) => current().setOverride(provider, override),
    reset: () => current().reset(),
    close: () => current().close(),
  };
}

/** A loopback port nothing listens on (fetch refuses "bad ports" such as 9 before connecting). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
