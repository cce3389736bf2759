// The SDK-alone floor of a cold first verification (bench/sdkAlone.mjs), bundled the way an
// extension ships its SDKs and the way dist/providers/ is built: esbuild, one ES module entry,
// each SDK a chunk of its own loaded on its first call, minified. Both sides of the figure then
// load bundled code; loaded from node_modules instead, the floor read hundreds of small files,
// and the machine's file system speed weighed on one side only (the ratio moved from machine to
// machine: 0.51-0.58 on one, 0.52-0.63 on another of the same kind).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './extensionInNode.mjs';

/** Builds it (about a second) and returns the entry to run: `node <entry> <simUrl> <providerId>`. */
export async function bundleSdkAlone() {
  const outdir = join(tmpdir(), 'byok-bench-sdk-alone');
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { sdkAlone: join(repoRoot, 'bench/sdkAlone.mjs') },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    minify: true,
    legalComments: 'none',
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    target: 'node20',
    // As for dist/providers/: CommonJS code inside the SDKs requires Node's built-ins.
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    external: ['supports-color', 'bufferutil', 'utf-8-validate', '@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'],
    logLevel: 'warning',
  });
  return join(outdir, 'sdkAlone.mjs');
}
