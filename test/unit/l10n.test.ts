import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { collectStrings } from '../../scripts/l10n-strings.mjs';

const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();

describe.each(['de', 'fr'])('l10n bundle %s', (lang) => {
  const strings: string[] = collectStrings();
  const bundle = JSON.parse(readFileSync(`l10n/bundle.l10n.${lang}.json`, 'utf8')) as Record<string, string>;
  const nls = JSON.parse(readFileSync(`package.nls.${lang}.json`, 'utf8')) as Record<string, string>;
  const nlsEn = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;

  it('translates every user-facing string of the extension and the page', () => {
    const missing = strings.filter((s) => !bundle[s]);
    expect(missing).toEqual([]);
  });

  it('keeps every placeholder', () => {
    const broken = strings.filter((s) => bundle[s] && placeholders(s) !== placeholders(bundle[s]!));
    expect(broken).toEqual([]);
  });

  it('translates the contribution strings (package.nls)', () => {
    expect(Object.keys(nlsEn).filter((k) => !nls[k])).toEqual([]);
  });
});

describe('English bundle', () => {
  it('is in sync with the sources', () => {
    expect(existsSync('l10n/bundle.l10n.json')).toBe(true);
    const en = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(collectStrings());
  });
});
