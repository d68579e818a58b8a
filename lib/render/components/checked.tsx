import type { SiteStatus } from '@/lib/status';
import { Time } from './time';

/**
 * When the status above was last confirmed: "Checked 12:04 UTC" from the monitor's results, or "Updated …" for
 * a page with no monitored component. The region around it carries `data-stale-at` (staleAttribute): past that
 * moment public/outpost.js marks it stale (never green) and shows the words kept hidden here.
 */
export function CheckedLine({ status }: { status: Pick<SiteStatus, 'checkedAt' | 'stale' | 'at'> }) {
  return (
    <p className="checked">
      {status.checkedAt ? 'Checked ' : 'Updated '}
      <Time iso={status.checkedAt ?? status.at} relative />
      {status.stale ? (
        <strong> · Not confirmed since then: the monitoring data is out of date.</strong>
      ) : (
        <strong data-when-stale="" hidden>
          {' · Not confirmed since then: the monitoring data is out of date.'}
        </strong>
      )}
    </p>
  );
}

/** The attribute that makes a region turn stale by itself at `staleAt` (none when it cannot). */
export function staleAttribute(staleAt: string | null): { 'data-stale-at'?: string } {
  return staleAt ? { 'data-stale-at': staleAt } : {};
}
