// Builds three kinds of bundles:
//  - dist/extension.js: the activation shell (CommonJS, `vscode` external), kept small; it registers
//    the commands, panels and chat providers and `require`s dist/host.js, the rest of the host code
//    (stores, verifier, schemas, the pages' wiring), on first use;
//  - dist/providers/<kind>.mjs: one per provider runtime with its SDK, `import()`ed on first use;
//    ES modules so shared code (the openai SDK for three providers, zod, the tokenizer tables
//    loaded only for token counts) lands once in dist/providers/chunks/;
//  - dist/providers/price-catalogue.mjs: the price catalogue, `import()`ed on the first priced answer;
//  - dist/webview/main.js: the Models page for the browser, after dist/webview/boot.js (asks the
//    host for the page's state before main.js is parsed); dist/webview/usage.js: the usage view.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const production = !process.argv.includes('--dev');
const root = path.dirname(new URL(import.meta.url).pathname);
const kinds = readdirSync(path.join(root, 'src/core/providers'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(path.join(root, 'src/core/providers', d.name)).includes('runtime.ts'))
  .map((d) => d.name);

/** `import('./runtime')` in a provider definition stays a dynamic import of `./providers/<kind>.mjs`. */
const lazyProviderRuntimes = {
  name: 'lazy-provider-runtimes',
  setup(build) {
    build.onResolve({ filter: /^\.\/runtime$/ }, (args) => {
      const match = /providers[\\/]([a-zA-Z]+)[\\/]definition\.ts$/.exec(args.importer);
      return match ? { path: `./providers/${match[1]}.mjs`, external: true } : undefined;
    });
  },
};

/** `import('./catalogue')` in the pricing module stays a dynamic import of the price catalogue's own chunk (~830 kB). */
const lazyPriceCatalogue = {
  name: 'lazy-price-catalogue',
  setup(build) {
    build.onResolve({ filter: /^\.\/catalogue$/ }, (args) =>
      /core[\\/]costs[\\/]prices\.ts$/.test(args.importer) ? { path: './providers/price-catalogue.mjs', external: true } : undefined,
    );
  },
};

/** `import('./teamSetupFlow')` stays a dynamic import of its own file: team setups load with the Models page, not at activation. */
const lazyTeamSetup = {
  name: 'lazy-team-setup',
  setup(build) {
    build.onResolve({ filter: /^\.\/teamSetupFlow$/ }, (args) =>
      /host[\\/]teamSetup\.ts$/.test(args.importer) ? { path: './providers/team-setup.mjs', external: true } : undefined,
    );
  },
};

/** The Models page's controller loads with the first page, from its own chunk (kept out of the eager bundle). */
const lazyModelsPage = {
  name: 'lazy-models-page',
  setup(build) {
    build.onResolve({ filter: /^\.\/modelsController$/ }, (args) =>
      /host[\\/]modelsPanel\.ts$/.test(args.importer) ? { path: './providers/models-page.mjs', external: true } : undefined,
    );
  },
};

/** The activation shell's `require('./host/wiring')` stays a require of dist/host.js, loaded on first use. */
const lazyHost = {
  name: 'lazy-host',
  setup(build) {
    build.onResolve({ filter: /^\.\/host\/wiring$/ }, (args) => (/src[\\/]extension\.ts$/.test(args.importer) ? { path: './host.js', external: true } : undefined));
  },
};

/**
 * Every module's `import * as vscode from 'vscode'` becomes, in a CommonJS bundle, its own copy of
 * the editor API's ~200 properties (esbuild's interop helper). One bundled module that re-exports
 * the API makes that one copy per bundle.
 */
const vscodeApiOnce = {
  name: 'vscode-api-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-api-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-api-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** The page imports provider definitions for their schemas only; their SDK runtimes stay out of its bundle. */
const noProviderRuntimes = {
  name: 'no-provider-runtimes',
  setup(build) {
    build.onResolve({ filter: /^\.\/runtime$/ }, (args) =>
      /providers[\\/][a-zA-Z]+[\\/]definition\.ts$/.test(args.importer) ? { path: 'runtime', namespace: 'no-runtime' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-runtime' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** zod's translations of its default messages (~260 kB) are unused by the page: ours are in the l10n bundle. */
const noZodLocales = {
  name: 'no-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /zod[\\/]v4[\\/](classic[\\/]external|mini[\\/]external|core[\\/]index)\.js$/.test(args.importer) ? { path: 'locales', namespace: 'no-zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * The AWS SDK declares every shape of a service in one schemas file, with traits written as
 * computed keys (`{ [_hQ]: _x }`, `_hQ` a string constant). esbuild must keep an object with a
 * computed key even when unused, so all shapes of the service (80 kB for the Bedrock control
 * plane) were bundled and compiled on the first verification. Writing those keys as the string
 * literals they stand for changes nothing at run time and lets unused shapes be dropped.
 */
const treeShakableAwsSchemas = {
  name: 'tree-shakable-aws-schemas',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:submodules[\\/][^\\/]+[\\/])?schemas[\\/]schemas_0\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const constants = new Map([...source.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map((m) => [m[1], m[2]]));
      const contents = source.replace(/\[(_\w+)\](\s*:)/g, (whole, name, colon) => (constants.has(name) ? `${constants.get(name)}${colon}` : whole));
      return { contents, loader: 'js' };
    });
  },
};

const common = { bundle: true, minify: production, sourcemap: production ? false : 'linked', logLevel: 'warning', legalComments: 'none' };

// Chunk names carry content hashes: start clean so the .vsix never ships stale chunks.
rmSync(path.join(root, 'dist'), { recursive: true, force: true });

const results = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { extension: 'src/extension.ts', host: 'src/host/wiring.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [vscodeApiOnce, lazyHost, lazyProviderRuntimes, lazyPriceCatalogue, lazyTeamSetup, lazyModelsPage, noZodLocales],
    metafile: true,
  }),
  esbuild.build({
    ...common,
    entryPoints: { ...Object.fromEntries(kinds.map((k) => [k, `src/core/providers/${k}/runtime.ts`])), 'price-catalogue': 'src/core/costs/catalogue.ts', 'team-setup': 'src/host/teamSetupFlow.ts', 'models-page': 'src/host/modelsController.ts' },
    outdir: 'dist/providers',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    platform: 'node',
    format: 'esm',
    // ES builds first: a split chunk made from a CommonJS package only exports `default`, so
    // `(await import('@aws-sdk/credential-providers')).fromNodeProviderChain` was undefined.
    mainFields: ['module', 'main'],
    target: 'node20',
    // The SDKs are CommonJS inside; their `require` of Node built-ins needs a real require in an ES module.
    banner: { js: "import { createRequire as __byokRequire } from 'node:module'; const require = __byokRequire(import.meta.url);" },
    plugins: [noZodLocales, treeShakableAwsSchemas],
    external: ['vscode', 'supports-color', 'bufferutil', 'utf-8-validate', '@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'],
    metafile: true,
  }),
  esbuild.build({
    ...common,
    entryPoints: { boot: 'src/webview/boot.ts', main: 'src/webview/main.ts', usage: 'src/webview/usage/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    plugins: [noProviderRuntimes, noZodLocales],
    metafile: true,
  }),
]);

mkdirSync('dist/webview', { recursive: true });
cpSync('media/webview.css', 'dist/webview/webview.css');
cpSync('media/usage.css', 'dist/webview/usage.css');
cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css');
cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');
writeFileSync('dist/build-meta.json', JSON.stringify(results.map((r) => r.metafile?.outputs && Object.fromEntries(Object.entries(r.metafile.outputs).map(([k, v]) => [k, v.bytes]))), null, 1));

// Activation budget (≤ 15 ms, bundle ≤ 150 kB): classic zod alone is ~190 kB and ~20 ms of module
// start-up, so eager code and the page use `src/core/zodMini.ts`; only provider runtimes may use `zod`.
const eager = results[0].metafile;
const eagerBytes = eager.outputs['dist/extension.js'].bytes;
const classicZod = [results[0], results[2]].flatMap((r) => Object.keys(r.metafile.inputs)).filter((file) => /zod[\\/]v4[\\/]classic/.test(file));
if (production && (eagerBytes > 150_000 || classicZod.length)) {
  const importers = [results[0], results[2]]
    .flatMap((r) => Object.entries(r.metafile.inputs))
    .filter(([file, input]) => !file.includes('node_modules') && input.imports.some((i) => i.original === 'zod'))
    .map(([file]) => file);
  console.error(`dist/extension.js is ${eagerBytes} bytes (budget 150000)${classicZod.length ? `; classic zod is bundled, imported by ${[...new Set(importers)].join(', ')}: use src/core/zodMini.ts` : ''}`);
  process.exitCode = 1;
}
