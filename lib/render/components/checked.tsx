import type { Words } from '@/lib/i18n';
import type { SiteStatus } from '@/lib/status';
import { Say } from './say';
import { Time } from './time';

/**
 * When the status above was last confirmed: "Checked 12:04 UTC" from the monitor's results, or "Updated …" for
 * a page with no monitored component. The region around it carries `data-stale-at` (staleAttribute): past that
 * moment public/outpost.js marks it stale (never green) and shows the words kept hidden here.
 */
export function CheckedLine({ status, w }: { status: Pick<SiteStatus, 'checkedAt' | 'stale' | 'at'>; w: Words }) {
  return (
    <p className="checked">
      <Say w={w} k={status.checkedAt ? 'checked.checked' : 'checked.updated'} vars={{ time: <Time iso={status.checkedAt ?? status.at} w={w} relative /> }} />
      {status.stale ? (
        <strong>{` · ${w.t('checked.stale')}`}</strong>
      ) : (
        <strong data-when-stale="" hidden>
          {` · ${w.t('checked.stale')}`}
        </strong>
      )}
    </p>
  );
}

/** The attribute that makes a region turn stale by itself at `staleAt` (none when it cannot). */
export function staleAttribute(staleAt: string | null): { 'data-stale-at'?: string } {
  return staleAt ? { 'data-stale-at': staleAt } : {};
}
