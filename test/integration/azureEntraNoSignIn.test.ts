import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureRuntime } from '../../src/core/providers/azure/runtime';
import { formatText } from '../../src/core/text';
import { allRoutes } from '../simulator/routes';
import { startSimulator, type Simulator } from '../simulator/server';

/**
 * Entra ID mode with no client id: the real DefaultAzureCredential runs on a machine where
 * nobody signed in (HOME is empty, PATH has no az, azd or pwsh, AZURE_* are scrubbed).
 */
let sim: Simulator;
const saved = { HOME: process.env.HOME, PATH: process.env.PATH };
beforeAll(async () => {
  sim = await startSimulator({ routes: allRoutes });
  const empty = mkdtempSync(path.join(tmpdir(), 'byok-no-signin-'));
  process.env.HOME = empty;
  process.env.PATH = empty;
});
afterAll(async () => {
  process.env.HOME = saved.HOME;
  process.env.PATH = saved.PATH;
  await sim.close();
});

describe('Azure verify with Entra ID and no sign-in on this machine', () => {
  it('says no Azure sign-in was found and to run az login, not that the network is down', async () => {
    const outcome = await azureRuntime.verify({
      settings: { endpoint: sim.url, authMode: 'entraId', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o' }] },
      secrets: {},
      timeoutMs: 15_000,
      signal: AbortSignal.timeout(15_000),
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({ kind: 'missing_credentials', step: 'Entra ID token' });
    expect(formatText(outcome.error!.hint)).toMatch(/No Azure sign-in was found\. Run "az login"/);
    // Without a token nothing is sent to the resource.
    expect(sim.requests.filter((r) => r.provider === 'azure')).toHaveLength(0);
  });
});
