import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageLedger } from '../../../src/core/costs/ledger';
import type { ProviderId } from '../../../src/core/providers/kinds';
import { CredentialStore } from '../../../src/core/store/credentialStore';
import { MemoryKeyValue, MemorySecrets } from '../../support/memoryPorts';
import { recordFigures } from '../../support/reliabilityFigures';

/**
 * Two editor windows on one machine: each runs its own extension host with its own CredentialStore
 * (and write queue) over the editor's one SecretStorage and user settings, and appends to the one
 * usage ledger file. (The settings are modelled as seen by both windows at once; globalState's
 * per-window copies are covered by test/unit/orderedWrites.test.ts for one window.)
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function ledgerDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'byok-two-windows-'));
  dirs.push(dir);
  return dir;
}

function writer(dir: string, count: number, name: string) {
  return spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../support/ledgerWriter.ts'), dir, String(count), name], { stdio: 'ignore' });
}
const exited = (child: ReturnType<typeof writer>) => new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? -1 : code)));

/** Every line of the ledger file: complete lines parse as JSON; a torn last line is reported. */
function ledgerLines(dir: string): { parsed: number; torn: string[] } {
  const lines = readFileSync(path.join(dir, 'usage.jsonl'), 'utf8').split('\n').filter(Boolean);
  const torn = lines.filter((line) => {
    try {
      JSON.parse(line);
      return false;
    } catch {
      return true;
    }
  });
  return { parsed: lines.length - torn.length, torn };
}

const KEYS: Record<string, (round: number, window: string) => Record<string, string>> = {
  openai: (r, w) => ({ apiKey: `sk-proj-${w}round${String(r).padStart(3, '0')}abcdefghijklmnop` }),
  anthropic: (r, w) => ({ apiKey: `sk-ant-api03-${w}round${String(r).padStart(3, '0')}abcdefghijklmnop` }),
  gemini: (r, w) => ({ apiKey: `AIza${w}round${String(r).padStart(3, '0')}abcdefghijklmnopqrstu` }),
  azure: (r, w) => ({ apiKey: `${w}round${String(r).padStart(3, '0')}abcdefghijklmnopazure` }),
};
const SETTINGS: Record<string, Record<string, unknown>> = {
  openai: {},
  anthropic: {},
  gemini: {},
  azure: { endpoint: 'https://contoso.openai.azure.com', deployments: [{ name: 'gpt-4o' }] },
};

describe('reliability: two windows', () => {
  it('two windows saving keys at the same time (each its own providers, and both the same one) lose no key', async (context) => {
    const secrets = new MemorySecrets();
    const settings = new MemoryKeyValue();
    const state = new MemoryKeyValue();
    const windows = { a: new CredentialStore(secrets, settings, state), b: new CredentialStore(secrets, settings, state) };
    const plan: [keyof typeof windows, ProviderId[]][] = [
      ['a', ['openai', 'anthropic', 'azure']],
      ['b', ['gemini', 'azure']],
    ];
    const ROUNDS = 25;
    const saves: Promise<unknown>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, ids] of plan) {
        for (const id of ids) saves.push(windows[name].save(id, SETTINGS[id], KEYS[id]!(round, name)).then((outcome) => expect(outcome).toEqual({ ok: true })));
      }
    }
    await Promise.all(saves);
    // A third window opened afterwards sees every provider with a key one of the windows saved last.
    const later = new CredentialStore(secrets, settings, state);
    for (const id of ['openai', 'anthropic', 'gemini'] as const) {
      const owner = plan.find(([, ids]) => ids.includes(id))![0];
      expect((await later.resolve(id)).secrets, id).toEqual(KEYS[id]!(ROUNDS - 1, owner));
    }
    const azure = (await later.resolve('azure')).secrets;
    expect([KEYS.azure!(ROUNDS - 1, 'a'), KEYS.azure!(ROUNDS - 1, 'b')]).toContainEqual(azure);
    for (const id of ['openai', 'anthropic', 'gemini', 'azure'] as const) expect((await later.resolve(id)).problem, id).toBeUndefined();
    recordFigures(context, { cases: saves.length });
  });

  it('two windows answering at the same time (500 answers each) write every ledger line whole', { timeout: 60_000 }, async (context) => {
    const dir = ledgerDir();
    expect(await Promise.all([exited(writer(dir, 500, 'window-a')), exited(writer(dir, 500, 'window-b'))])).toEqual([0, 0]);
    expect(ledgerLines(dir)).toEqual({ parsed: 1000, torn: [] });
    const rows = await new UsageLedger(dir).rows();
    expect(rows.filter((r) => r.model === 'window-a')).toHaveLength(500);
    expect(rows.filter((r) => r.model === 'window-b')).toHaveLength(500);
    recordFigures(context, { cases: 1000 });
  });

  it('a window killed while it writes the ledger leaves it readable; the other window and a restart keep counting', { timeout: 60_000 }, async () => {
    const dir = ledgerDir();
    const doomed = writer(dir, 1_000_000, 'killed');
    const survivor = exited(writer(dir, 300, 'window-b'));
    // Kill it once it has written some answers.
    const killedLines = () => {
      try {
        return readFileSync(path.join(dir, 'usage.jsonl'), 'utf8').split('"model":"killed"').length - 1;
      } catch {
        return 0;
      }
    };
    await expect.poll(killedLines, { timeout: 30_000, interval: 20 }).toBeGreaterThan(50);
    doomed.kill('SIGKILL');
    expect(await exited(doomed)).toBe(-1);
    expect(await survivor).toBe(0);
    const restarted = new UsageLedger(dir);
    restarted.append({ time: new Date(), provider: 'openai', model: 'after-restart', usage: { inputTokens: 1, outputTokens: 1 }, cost: { usd: 0.001, source: 'catalogue' } });
    const rows = await new UsageLedger(dir).rows();
    expect(rows.filter((r) => r.model === 'window-b')).toHaveLength(300);
    expect(rows.filter((r) => r.model === 'after-restart')).toHaveLength(1);
    expect(rows.filter((r) => r.model === 'killed').length).toBeGreaterThan(50);
    // At most the line being written when the process died is incomplete, and only if it was the last one of that writer.
    expect(ledgerLines(dir).torn.length).toBeLessThanOrEqual(1);
  });
});
