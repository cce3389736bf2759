import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { providerError } from '../../src/core/errors/providerError';
import type { ProviderRuntime } from '../../src/core/providers/types';
import { text } from '../../src/core/text';
import { ToHostSchema } from '../../src/protocol/messages';
import { pageHarness } from '../support/pageHarness';
import { recordFigures } from '../support/reliabilityFigures';

/**
 * Protocol fuzzing: 10,000 webview messages, generated from `ToHostSchema` and then mutated
 * (fields dropped, duplicated or of the wrong type, huge strings, `__proto__`/`constructor` keys,
 * unknown types, deep nesting), into the real controller and CredentialStore holding canary keys.
 * Invariants: no exception, nothing stored changes when a message is refused, no secret reaches the page.
 *
 * FAKE provider runtime: every check fails as "invalid key" without a network call. The protocol
 * handling is under test here; the real runtimes are in the fault matrix (test/integration/reliability).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = 16;

const rejectingRuntime: ProviderRuntime = {
  async verify() {
    return {
      ok: false,
      stages: [{ id: 'key', ok: false, label: text('API key checked'), latencyMs: 1 }],
      proven: {},
      models: [],
      error: providerError('invalid_key', { provider: 'fuzz', status: 401, message: 'Incorrect API key provided' }),
    };
  },
  async *streamChat() {},
  async countTokens() {
    return 0;
  },
};

const CANARIES: Record<string, Record<string, string>> = {
  openai: { apiKey: 'sk-proj-CANARYopenai0000000000000000' },
  anthropic: { apiKey: 'sk-ant-api03-CANARYanthropic00000000000' },
  gemini: { apiKey: 'AIzaCANARYgemini000000000000000000' },
  azure: { apiKey: 'CANARYazure000000000000000000000' },
  bedrock: { accessKeyId: 'AKIACANARYBEDROCK000', secretAccessKey: 'CANARYbedrockSecret/0000000000000000000' },
  'compatible.local': { apiKey: 'CANARYcompatible0000000000000000', extraHeaders: 'X-Gateway-Key: CANARYheader000000000000' },
};
const ALL_CANARIES = Object.values(CANARIES).flatMap((s) => Object.values(s)).flatMap((v) => [v, v.split(': ')[1] ?? v]);

/** A page harness with every provider configured and its canary keys stored (written directly: fast). */
function seededPage() {
  const page = pageHarness({ loadRuntime: async () => rejectingRuntime, timeoutMs: 1_000 });
  page.settings.map.set('openai', { baseUrl: 'https://api.openai.com/v1' });
  page.settings.map.set('anthropic', { baseUrl: 'https://api.anthropic.com' });
  page.settings.map.set('gemini', { baseUrl: 'https://generativelanguage.googleapis.com' });
  page.settings.map.set('azure', { endpoint: 'https://contoso.openai.azure.com', authMode: 'apiKey', apiVersion: '2024-10-21', deployments: [{ name: 'gpt-4o' }] });
  page.settings.map.set('bedrock', { authMode: 'accessKeys', region: 'us-east-1', roleSource: 'defaultChain' });
  page.settings.map.set('compatibleEndpoints', [{ id: 'compatible.local', name: 'Local', baseUrl: 'http://localhost:11434/v1', models: [] }]);
  for (const [id, fields] of Object.entries(CANARIES)) for (const [field, value] of Object.entries(fields)) page.secrets.map.set(`byok/${id}/${field}`, value);
  return page;
}

// ---- values from the schemas ------------------------------------------------------------------

const PROVIDER_IDS = ['openai', 'anthropic', 'gemini', 'azure', 'bedrock', 'compatible.local', 'compatible.nope'];
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'x'.repeat(100_000),
  'https://127.0.0.1:1/v1',
  'http://169.254.169.254/latest/meta-data',
  'javascript:alert(1)',
  '\u0000\u200B\uFEFF',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  'sk-proj-CANARYopenai0000000000000000',
);
const anyString = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: nastyStrings });

type Def = { type: string } & Record<string, any>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A value of the schema's shape (strings are arbitrary: the store's own checks judge them). */
function arbitraryOf(schema: unknown, key = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return key === 'providerId' ? fc.constantFrom(...PROVIDER_IDS) : anyString;
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.integer();
    case 'optional':
    case 'default':
      return fc.option(arbitraryOf(def.innerType, key), { nil: undefined });
    case 'pipe':
      return arbitraryOf(def.in, key);
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => arbitraryOf(o, key)));
    case 'array':
      return fc.array(arbitraryOf(def.element, key), { maxLength: 4 });
    case 'record':
      return fc.dictionary(fc.constantFrom('apiKey', 'baseUrl', 'endpoint', 'deployments', 'region', 'name', 'models', 'extraHeaders', 'authMode', 'clientSecret'), arbitraryOf(def.valueType, key), { maxKeys: 4 });
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([k, s]) => [k, arbitraryOf(s, k)])));
    default:
      throw new Error(`no generator for zod type ${def.type}`);
  }
}

const validMessage = arbitraryOf(ToHostSchema) as fc.Arbitrary<Record<string, unknown>>;

const wrongValue = fc.oneof(
  fc.constantFrom(null, 0, -1, 1e308, true, [], {}, 'x'.repeat(100_000)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 200, max: 2_000 }).map((depth) => {
    let nested: unknown = 'deep';
    for (let i = 0; i < depth; i++) nested = i % 2 ? { a: nested } : [nested];
    return nested;
  }),
);

/** One mutation of a valid message; messages reach the host as structured clones of JSON-like data. */
const mutated = fc.tuple(validMessage, fc.nat(), wrongValue, fc.integer({ min: 0, max: 8 })).map(([message, pick, value, how]) => {
  const keys = Object.keys(message);
  const key = keys[pick % keys.length]!;
  const copy: Record<string, unknown> = { ...message };
  switch (how) {
    case 0:
      delete copy[key];
      return copy;
    case 1:
      copy[`${key}`] = copy[keys[(pick + 1) % keys.length]!];
      return copy;
    case 2:
      copy[key] = value;
      return copy;
    case 3:
      // An own "__proto__" key, as JSON.parse (and structured clone) produce it.
      return JSON.parse(`{"__proto__": {"type": "remove", "providerId": "openai", "polluted": true}, ${JSON.stringify(copy).slice(1)}`);
    case 4:
      return { ...copy, constructor: { prototype: { polluted: true } }, hasOwnProperty: 'x' };
    case 5:
      return { ...copy, type: typeof value === 'string' ? value.slice(0, 30) : 'deleteAllKeys' };
    case 6:
      return { ...copy, [key]: 'y'.repeat(300_000) };
    case 7:
      return value; // not an object at all
    default:
      return { ...copy, settings: { __proto__: { polluted: true }, ...(copy.settings as object) } };
  }
});

describe('reliability: protocol fuzzing', () => {
  it(`${RUNS} generated and mutated page messages: no exception, refused ones change nothing, no secret sent back`, async (context) => {
    const stats = { runs: 0, rejected: 0, accepted: 0, exceptions: 0, changedWhenRejected: 0, secretsSentBack: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: validMessage }, { weight: 3, arbitrary: mutated }), async (message) => {
        const page = seededPage();
        const before = page.stored();
        stats.runs++;
        try {
          await page.controller.handle(message);
        } catch {
          stats.exceptions++;
          return false;
        }
        const refused = page.posted.some((m) => (m.type === 'notice' && m.code === 'rejected') || (m.type === 'saved' && !m.ok));
        if (refused) stats.rejected++;
        else stats.accepted++;
        if (refused && page.stored() !== before) stats.changedWhenRejected++;
        const shown = JSON.stringify(page.posted);
        const typed = Object.values((message as { secrets?: Record<string, unknown> })?.secrets ?? {}).filter((v): v is string => typeof v === 'string' && v.trim().length >= 8);
        // A stored canary the message itself did not carry (as a model id, say) must not appear.
        const sent = JSON.stringify(message) ?? '';
        const stored = ALL_CANARIES.filter((secret) => !sent.includes(secret));
        if ([...stored, ...typed].some((secret) => shown.includes(secret.trim()))) stats.secretsSentBack++;
        expect(({} as Record<string, unknown>).polluted, 'Object.prototype untouched').toBeUndefined();
        return stats.exceptions === 0 && stats.changedWhenRejected === 0 && stats.secretsSentBack === 0;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    recordFigures(context, { cases: stats.runs, failed: stats.exceptions + stats.changedWhenRejected + stats.secretsSentBack, detail: stats });
    expect(stats).toMatchObject({ runs: RUNS, exceptions: 0, changedWhenRejected: 0, secretsSentBack: 0 });
    // The generator must reach both sides of the host's checks, or it proves little.
    expect(stats.rejected).toBeGreaterThan(RUNS / 4);
    expect(stats.accepted).toBeGreaterThan(RUNS / 20);
  }, 600_000);
});
