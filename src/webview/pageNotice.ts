import type { ToPage } from '../protocol/messages';
import { t } from './l10n';

type Notice = Extract<ToPage, { type: 'notice' }>;

/** How long "Copied to the clipboard." stays: long enough to read, then it stops covering the page. */
export const INFO_NOTICE_MS = 4000;

/** The part of the notice element this needs, so it runs (and is tested) without a DOM. */
export interface NoticeTarget {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
}

export function noticeText(notice: Notice): string {
  switch (notice.code) {
    case 'copied':
      return t('Copied to the clipboard.');
    case 'rejected':
      return t('The page sent something the extension could not accept; nothing was changed.');
    case 'notSaved':
      return t('The change was not saved: {0}', notice.detail ?? '');
    case 'verifiedAll':
      return verifiedAllText(notice.verified ?? 0, notice.failed ?? []);
  }
}

/** The same sentence in parts, the failing providers' names apart so the page can link them. */
export function verifiedAllParts(verified: number, failed: readonly string[]): (string | { provider: string })[] {
  if (!failed.length) return [verifiedAllText(verified, failed)];
  // The translated sentence decides where the names go: split it around a marker.
  const [before = '', after = ''] = t('Verify all: {0} of {1} verified; not verified: {2}.', verified, verified + failed.length, '\u0000').split('\u0000');
  return [before, ...failed.flatMap((provider, i) => (i ? [', ', { provider }] : [{ provider }])), after];
}

function verifiedAllText(verified: number, failed: readonly string[]): string {
  if (!verified && !failed.length) return t('Nothing to verify yet: no provider is configured.');
  if (!failed.length) return verified === 1 ? t('Verify all: the configured provider verified.') : t('Verify all: all {0} configured providers verified.', verified);
  return t('Verify all: {0} of {1} verified; not verified: {2}.', verified, verified + failed.length, failed.join(', '));
}

/** Confirmations go away by themselves; anything that needs a look stays until the user's next change. */
function isInfo(notice: Notice): boolean {
  return notice.code === 'copied' || (notice.code === 'verifiedAll' && !notice.failed?.length);
}

/**
 * The page-wide notice line. A confirmation ("copied") goes away by itself; an error stays until
 * the user's next change (`clear`, called when the page sends something).
 */
export class PageNotice {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly target: NoticeTarget) {}

  show(notice: Notice): void {
    clearTimeout(this.timer);
    const kind = isInfo(notice) ? 'info' : 'error';
    this.target.textContent = noticeText(notice);
    this.target.dataset.kind = kind;
    if (kind === 'info') this.timer = setTimeout(() => this.clear(), INFO_NOTICE_MS);
  }

  clear(): void {
    clearTimeout(this.timer);
    this.target.textContent = '';
  }
}
