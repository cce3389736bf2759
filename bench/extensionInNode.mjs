// Loads the shipped bundle dist/extension.js in plain Node (its `vscode` import answered by
// bench/fakeVscode.cjs) and activates it, so the benchmark measures the same code the .vsix ships.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import './extensionHostBuiltins.mjs';
import { elapsedSince } from './slowdown.mjs';

const require = createRequire(import.meta.url);
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(repoRoot, 'dist');

let hooked = false;
function answerVscodeImport() {
  if (hooked) return;
  hooked = true;
  const fake = require.resolve('./fakeVscode.cjs');
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? fake : original.call(this, request, ...rest);
  };
}

class MemoryMemento {
  constructor() {
    this.map = new Map();
  }
  get(key, fallback) {
    return this.map.has(key) ? structuredClone(this.map.get(key)) : fallback;
  }
  async update(key, value) {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, structuredClone(value));
  }
  keys() {
    return [...this.map.keys()];
  }
  setKeysForSync() {}
}

class MemorySecretStorage {
  constructor() {
    this.map = new Map();
    this.onDidChange = () => ({ dispose() {} });
  }
  async get(key) {
    return this.map.get(key);
  }
  async store(key, value) {
    this.map.set(key, value);
  }
  async delete(key) {
    this.map.delete(key);
  }
  async keys() {
    return [...this.map.keys()];
  }
}

/**
 * The floor for activation: a bundle of the same shape and size whose activate() does nothing.
 * The shipped code sits in a function that is never called, so Node still reads and pre-parses
 * every byte of it; what is left over in our figure is what our bundle runs at load and activation.
 */
export function writeEmptyBundle() {
  const dir = join(tmpdir(), 'byok-bench-empty-bundle');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'extension.js');
  const shipped = readFileSync(join(distDir, 'extension.js'), 'utf8');
  writeFileSync(file, `"use strict";\nrequire("vscode");\nfunction neverCalled(module, exports, require) {\n${shipped}\n}\nexports.activate = () => ({});\nexports.deactivate = () => {};\n`);
  return file;
}

const shippedBundle = join(distDir, 'extension.js');

/** Requires and activates the bundle (ours unless given); returns the activation time and the extension's services. */
export function activateExtension(bundle = shippedBundle) {
  answerVscodeImport();
  const context = {
    subscriptions: [],
    secrets: new MemorySecretStorage(),
    globalState: new MemoryMemento(),
    workspaceState: new MemoryMemento(),
    extensionUri: { fsPath: repoRoot, path: repoRoot, scheme: 'file', toString: () => `file://${repoRoot}` },
    extensionPath: repoRoot,
    extension: { packageJSON: require(join(repoRoot, 'package.json')) },
    logUri: { fsPath: '/tmp' },
    globalStorageUri: { fsPath: '/tmp' },
  };
  // The extension host has the editor API and Node's built-ins loaded before any extension: load
  // them first so the figure is the extension's own cost (its bundle's load and activate()).
  require('vscode');
  for (const builtin of new Set([...readFileSync(bundle, 'utf8').matchAll(/require\("(node:[a-z_/]+)"\)/g)].map((m) => m[1]))) require(builtin);
  const started = performance.now();
  const extension = require(bundle);
  const exported = extension.activate(context);
  const activationMs = bundle === shippedBundle ? elapsedSince(started) : performance.now() - started;
  // Activation registers only; the host code (stores, verifier, schemas) is built on first use.
  const firstUseStarted = performance.now();
  const services = exported.services;
  const firstUseMs = performance.now() - firstUseStarted;
  return { activationMs, firstUseMs, services, context };
}

/**
 * Modules that activation pulled in beyond the eager bundle: provider bundles, their chunks and SDK
 * files, as CommonJS (require.cache) or ES modules (reported by bench/recordModuleLoads.mjs).
 */
export async function lazyModulesLoaded() {
  await new Promise((resolve) => setTimeout(resolve, 100)); // let pending dynamic imports and hook messages land
  const esm = (globalThis.__loadedModuleUrls ?? []).map((url) => (url.startsWith('file:') ? fileURLToPath(url) : url));
  return [...Object.keys(require.cache), ...esm].filter((file) => file.startsWith(join(distDir, 'providers')) || file.includes('node_modules'));
}

/** Stores a provider configuration the way the page's Save does. */
export async function configure(services, id, profile) {
  if (id.startsWith('compatible.')) {
    const created = await services.store.addCompatible(profile.settings.name, profile.settings.baseUrl);
    if (!created.ok || created.id !== id) throw new Error(`expected compatible id ${id}, got ${JSON.stringify(created)}`);
  }
  const outcome = await services.store.save(id, profile.settings, profile.secrets);
  if (outcome && outcome.ok === false) throw new Error(`could not save ${id}: ${JSON.stringify(outcome)}`);
}
