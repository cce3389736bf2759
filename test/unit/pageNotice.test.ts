import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setBundle } from '../../src/webview/l10n';
import { INFO_NOTICE_MS, PageNotice, verifiedAllParts, type NoticeTarget } from '../../src/webview/pageNotice';

describe('the page-wide notice', () => {
  let line: NoticeTarget;
  let notice: PageNotice;
  beforeEach(() => {
    vi.useFakeTimers();
    setBundle({});
    line = { textContent: '', dataset: {} };
    notice = new PageNotice(line);
  });
  afterEach(() => vi.useRealTimers());

  it('"Copied to the clipboard." goes away by itself after a few seconds', () => {
    notice.show({ type: 'notice', code: 'copied' });
    expect(line).toEqual({ textContent: 'Copied to the clipboard.', dataset: { kind: 'info' } });
    vi.advanceTimersByTime(INFO_NOTICE_MS - 100);
    expect(line.textContent).toBe('Copied to the clipboard.');
    vi.advanceTimersByTime(100);
    expect(line.textContent).toBe('');
    expect(INFO_NOTICE_MS).toBeGreaterThanOrEqual(3000);
  });

  it('an error stays until the user\'s next change, even if a copy notice was showing before it', () => {
    notice.show({ type: 'notice', code: 'copied' });
    vi.advanceTimersByTime(1000);
    notice.show({ type: 'notice', code: 'notSaved', detail: 'Unable to write into user settings.' });
    vi.advanceTimersByTime(60_000);
    expect(line).toEqual({ textContent: 'The change was not saved: Unable to write into user settings.', dataset: { kind: 'error' } });
    notice.clear();
    expect(line.textContent).toBe('');
  });

  it('copying again shows the notice for the full time again', () => {
    notice.show({ type: 'notice', code: 'copied' });
    vi.advanceTimersByTime(INFO_NOTICE_MS - 500);
    notice.clear();
    notice.show({ type: 'notice', code: 'copied' });
    vi.advanceTimersByTime(INFO_NOTICE_MS - 500);
    expect(line.textContent).toBe('Copied to the clipboard.');
  });

  it('"Verify all" ends with one line: all verified (goes away), or which providers did not (stays)', () => {
    notice.show({ type: 'notice', code: 'verifiedAll', verified: 5, failed: [] });
    expect(line).toEqual({ textContent: 'Verify all: all 5 configured providers verified.', dataset: { kind: 'info' } });
    vi.advanceTimersByTime(INFO_NOTICE_MS);
    expect(line.textContent).toBe('');
    notice.show({ type: 'notice', code: 'verifiedAll', verified: 3, failed: ['Anthropic', 'Local Ollama'] });
    expect(line).toEqual({ textContent: 'Verify all: 3 of 5 verified; not verified: Anthropic, Local Ollama.', dataset: { kind: 'error' } });
    vi.advanceTimersByTime(60_000);
    expect(line.textContent).toMatch(/not verified: Anthropic/);
    notice.show({ type: 'notice', code: 'verifiedAll', verified: 0, failed: [] });
    expect(line.textContent).toBe('Nothing to verify yet: no provider is configured.');
  });

  it('names the providers that did not verify apart, so each can link to its section, in the translated sentence', () => {
    expect(verifiedAllParts(3, ['Anthropic', 'Local Ollama'])).toEqual(['Verify all: 3 of 5 verified; not verified: ', { provider: 'Anthropic' }, ', ', { provider: 'Local Ollama' }, '.']);
    setBundle({ 'Verify all: {0} of {1} verified; not verified: {2}.': 'Alle prüfen: {2} nicht geprüft ({0} von {1} geprüft).' });
    expect(verifiedAllParts(1, ['OpenAI'])).toEqual(['Alle prüfen: ', { provider: 'OpenAI' }, ' nicht geprüft (1 von 2 geprüft).']);
    expect(verifiedAllParts(2, [])).toEqual(['Verify all: all 2 configured providers verified.']);
  });
});
