#!/usr/bin/env node
// The packaged extension holds what a marketplace listing needs and nothing of the sources:
// the icon, LICENSE, CHANGELOG, README, manifest and bundles; no src/, test/, scripts/ or
// node_modules/, and of the pictures only those the README shows. Reads the list of files vsce packs (`vsce ls`), the same list `npm run package` uses.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const listing = spawnSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
if (listing.status !== 0) {
  process.stderr.write(listing.stderr);
  process.exit(1);
}
const files = listing.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
const required = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'media/icon.png', 'dist/extension.js', 'dist/host.js', 'l10n/bundle.l10n.json'];
// The README's pictures ship with it (the editor shows the README from the installed package); no other picture does.
const readmeImages = [...readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/\]\((media\/[^)\s]+\.png)\)/g)].map((m) => m[1]);
required.push(...new Set(readmeImages));
const missing = required.filter((file) => !files.includes(file));
const forbidden = files.filter(
  (file) => /^(src|test|scripts|bench|node_modules|docs)\//.test(file) || /\.(ts|map)$/.test(file) || (/^media\/screenshot-.*\.png$/.test(file) && !readmeImages.includes(file)),
);
for (const file of missing) console.log(`missing from the package: ${file}`);
for (const file of forbidden) console.log(`must not be in the package: ${file}`);
const failed = missing.length + forbidden.length;
console.log(`${required.length + 1 - missing.length - (forbidden.length ? 1 : 0)} passed, ${missing.length + (forbidden.length ? 1 : 0)} failed (package contents: ${files.length} files)`);
process.exit(failed ? 1 : 0);
