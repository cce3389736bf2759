// Collects every user-facing English string from the sources (the l10n keys):
//   vscode.l10n.t('…') / l10n.t('…') in the host, t('…') in the webview, text('…') and hint
//   templates in core, zod messages in schemas, and field-label templates expanded per label.
// `node scripts/l10n-strings.mjs --write` refreshes l10n/bundle.l10n.json (English);
// `--missing de` prints the strings l10n/bundle.l10n.de.json lacks (a JSON array);
// test/unit/l10n.test.ts checks that German and French bundles translate all of them.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const literal = String.raw`'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"`;
const callPatterns = [
  new RegExp(String.raw`\bl10n\.t\(\s*(?:${literal})`, 'g'),
  new RegExp(String.raw`(?<![.\w])t\(\s*(?:${literal})`, 'g'),
  new RegExp(String.raw`(?<![.\w])text\(\s*(?:${literal})`, 'g'),
  new RegExp(String.raw`\b(?:message|error):\s*(?:${literal})`, 'g'),
  // .min(1, '…') in classic zod; z.minLength(1, '…'), z.maxLength(60, '…'), z.regex(/…/, '…') in zod/mini.
  new RegExp(String.raw`\.(?:min|max|minLength|maxLength|length|regex)\([^,]+,\s*(?:${literal})`, 'g'),
  // .regex(/…/, 'message') where the pattern itself holds commas ({1,64}, [,.]) or spans lines.
  new RegExp(String.raw`\.regex\(\s*\/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^\/\\\n])+\/[a-z]*,\s*(?:${literal})`, 'g'),
];
const unescape = (s) => s.replace(/\\(.)/g, '$1');

export function collectStrings() {
  const strings = new Set();
  // Field-label templates (`${label} is required.`) expanded for the labels each helper is used with.
  const families = { urlField: { labels: new Set(), tails: new Set() }, secretField: { labels: new Set(), tails: new Set() } };
  for (const file of files(path.join(root, 'src'))) {
    const source = readFileSync(file, 'utf8');
    const host = file.includes(`${path.sep}host${path.sep}`) || file.endsWith('extension.ts');
    const webview = file.includes(`${path.sep}webview${path.sep}`);
    const core = file.includes(`${path.sep}core${path.sep}`);
    for (const [i, pattern] of callPatterns.entries()) {
      if (i === 1 && !webview) continue; // bare t() is the webview's lookup
      if (i >= 3 && !core) continue; // schema messages live in core
      for (const m of source.matchAll(pattern)) {
        const value = unescape(m[1] ?? m[2] ?? '');
        if (value && /[A-Za-z]/.test(value) && !/^[a-z_]+$/.test(value)) strings.add(value);
      }
    }
    for (const m of source.matchAll(/(urlField|secretField)\('([^']+)'\)/g)) families[m[1]].labels.add(m[2]);
    for (const m of source.matchAll(/label: '([^']+)'/g)) {
      strings.add(m[1]);
      families.secretField.labels.add(m[1]);
    }
    for (const [name, family] of Object.entries(families)) {
      const start = source.indexOf(`export function ${name}(`);
      if (start < 0) continue;
      const body = source.slice(start, source.indexOf('\nexport ', start + 1) >>> 0 || undefined);
      for (const m of body.matchAll(/`\$\{label\}([^`$]*)`/g)) family.tails.add(m[1]);
    }
  }
  for (const family of Object.values(families)) {
    for (const label of family.labels) {
      strings.add(label);
      for (const tail of family.tails) strings.add(label + tail);
    }
  }
  return [...strings].sort();
}

if (process.argv.includes('--write')) {
  const strings = collectStrings();
  writeFileSync(path.join(root, 'l10n/bundle.l10n.json'), JSON.stringify(Object.fromEntries(strings.map((s) => [s, s])), null, 2) + '\n');
  console.log(`${strings.length} strings`);
} else if (process.argv.includes('--missing')) {
  // `--missing de` prints, as a JSON array, the strings the German bundle does not translate yet.
  const lang = process.argv[process.argv.indexOf('--missing') + 1];
  if (!lang || !/^[a-z]{2}(-[a-z]{2})?$/i.test(lang)) throw new Error('usage: --missing <language>, for example --missing de');
  const file = path.join(root, `l10n/bundle.l10n.${lang}.json`);
  const bundle = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  console.log(JSON.stringify(collectStrings().filter((s) => !bundle[s]), null, 2));
} else if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  console.log(collectStrings().join('\n'));
}
