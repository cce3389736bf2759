import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'vitest';
import { realEditorTools, repoRoot } from './editor';

/**
 * Issue 16: the real-editor suites' figures for `npm run reliability`'s table. Written only when
 * BYOK_RELIABILITY_FIGURES is set (`npm run reliability:editor`), so an ordinary E2E run leaves the
 * repository as it was; scripts/reliability.mjs reads the file when present and says when and
 * where it was measured.
 */
export const EDITOR_FIGURES_FILE = path.join(repoRoot, 'bench/reliability-editor.json');

export interface EditorSuiteRecord {
  /** The row's name in the table, e.g. "real editor: proxy". */
  suite: string;
  /** The suite file, to run it again. */
  file: string;
  measured: string;
  editor: string;
  cases: number;
  passed: number;
  failed: string[];
  figures: Record<string, number | string>;
  detail?: unknown;
}

/** Counts a suite's tests as they end (call `count` in afterEach) and writes the record in afterAll. */
export class EditorFiguresRecorder {
  private cases = 0;
  private readonly failed: string[] = [];
  readonly figures: Record<string, number | string> = {};
  detail: unknown;

  constructor(
    private readonly suite: string,
    private readonly file: string,
  ) {}

  count(context: TestContext): void {
    this.cases++;
    if (context.task.result?.state !== 'pass') this.failed.push(context.task.name);
  }

  /** Merges this suite's record into the file (the suites run in the newest editor of the matrix). */
  write(): void {
    if (!process.env.BYOK_RELIABILITY_FIGURES || this.cases === 0) return;
    const all = existsSync(EDITOR_FIGURES_FILE) ? (JSON.parse(readFileSync(EDITOR_FIGURES_FILE, 'utf8')) as Record<string, EditorSuiteRecord>) : {};
    const tools = realEditorTools();
    all[this.suite] = {
      suite: this.suite,
      file: this.file,
      measured: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      editor: `code-server ${tools.codeServerVersion} (VS Code ${tools.vscodeVersion}), Chromium, ${os.cpus().length} cores`,
      cases: this.cases,
      passed: this.cases - this.failed.length,
      failed: this.failed,
      figures: this.figures,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
    };
    writeFileSync(EDITOR_FIGURES_FILE, JSON.stringify(all, null, 2) + '\n');
  }
}
