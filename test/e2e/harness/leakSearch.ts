import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export interface LeakHit {
  /** File path, or `frame <url>` for page hits. */
  where: string;
  encoding: 'utf8' | 'utf16le';
  offset: number;
  /** Printable text around the hit, the needle itself replaced by «needle», to tell what stored it. */
  context: string;
}

function contextAround(content: Buffer | string, offset: number, needle: string, encoding: 'utf8' | 'utf16le'): string {
  const unit = encoding === 'utf16le' ? 2 : 1;
  const span = 120 * unit;
  const from = Math.max(0, offset - span);
  const to = offset + needle.length * unit + span;
  const slice = typeof content === 'string' ? content.slice(from, to) : content.subarray(from, to).toString(encoding);
  // Never print the needle (a test's secret) itself, wherever it occurs in the excerpt.
  return slice.split(needle).join('«needle»').replace(/[^\x20-\x7e«»]+/g, '·');
}

/**
 * Looks for `needle` in every regular file under `dir` (settings, SQLite state DBs, logs…),
 * as UTF-8 and as UTF-16LE bytes (how Chromium's localStorage/LevelDB and some SQLite DBs store text).
 */
export function searchTreeFor(dir: string, needle: string): LeakHit[] {
  const patterns = [
    { encoding: 'utf8' as const, bytes: Buffer.from(needle, 'utf8') },
    { encoding: 'utf16le' as const, bytes: Buffer.from(needle, 'utf16le') },
  ];
  const hits: LeakHit[] = [];
  const walk = (current: string) => {
    let entries: string[];
    try {
      entries = readdirSync(current);
    } catch {
      return; // vanished or unreadable
    }
    for (const name of entries) {
      const file = path.join(current, name);
      let stat;
      try {
        stat = lstatSync(file);
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(file);
      else if (stat.isFile()) {
        let content: Buffer;
        try {
          content = readFileSync(file);
        } catch {
          continue;
        }
        for (const { encoding, bytes } of patterns) {
          const offset = content.indexOf(bytes);
          if (offset >= 0) hits.push({ where: file, encoding, offset, context: contextAround(content, offset, needle, encoding) });
        }
      }
    }
  };
  walk(dir);
  return hits;
}

/** Counts the files searchTreeFor would read, so a test can show the search was not vacuous. */
export function countFiles(dir: string): number {
  let count = 0;
  const walk = (current: string) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(current);
    } catch {
      return;
    }
    for (const name of entries) {
      const file = path.join(current, name);
      try {
        const stat = lstatSync(file);
        if (stat.isDirectory()) walk(file);
        else if (stat.isFile()) count++;
      } catch {
        // vanished
      }
    }
  };
  walk(dir);
  return count;
}

/**
 * Looks for `needle` in every frame of the page: the serialized DOM including open shadow
 * roots, and every element's current `value` (inputs, textareas, web-component fields).
 */
export async function searchPageFor(page: Page, needle: string): Promise<LeakHit[]> {
  const hits: LeakHit[] = [];
  for (const frame of page.frames()) {
    let text: string;
    try {
      text = await frame.evaluate(() => {
        const parts: string[] = [];
        const visit = (root: Document | ShadowRoot) => {
          parts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
          for (const el of Array.from(root.querySelectorAll('*'))) {
            const value = (el as { value?: unknown }).value;
            if (typeof value === 'string') parts.push(value);
            if (el.shadowRoot) visit(el.shadowRoot);
          }
        };
        visit(document);
        return parts.join('\n');
      });
    } catch {
      continue; // detached frame
    }
    const offset = text.indexOf(needle);
    if (offset >= 0) hits.push({ where: `frame ${frame.url()}`, encoding: 'utf8', offset, context: contextAround(text, offset, needle, 'utf8') });
  }
  return hits;
}
