import type { SiteStatus } from '@/lib/status';
import { Time } from './time';

/**
 * When the status above was last confirmed: "Checked 12:04 UTC" from the monitor's results, or "Updated …" for
 * a page with no monitored component. `data-stale-at` is when it turns stale if nothing new is published; past
 * that moment public/outpost.js marks the region stale (never green) and shows the words kept hidden here.
 */
export function CheckedLine({ status }: { status: Pick<SiteStatus, 'checkedAt' | 'staleAt' | 'stale' | 'at'> }) {
  return (
    <p className="checked" data-stale-at={status.staleAt ?? undefined}>
      {status.checkedAt ? 'Checked ' : 'Updated '}
      <Time iso={status.checkedAt ?? status.at} />
      {status.stale ? (
        <strong>. Not confirmed since: monitoring data is out of date.</strong>
      ) : (
        <strong data-when-stale="" hidden>
          . Not confirmed since: monitoring data is out of date.
        </strong>
      )}
    </p>
  );
}
