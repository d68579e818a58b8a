import { affectedComponentIds } from '@/lib/status';
import type { SiteData } from '@/lib/site-data';
import { formatMinutes, formatTime } from './format';
import './monitor.css';

/**
 * Confirmed outages the pinger recorded, newest first, for one component or all: when, how long, why, and
 * the incident that covers it (or that it was detected automatically, with no incident written).
 */
export function RecentOutages({ data, componentId, limit = 10, incidentHref = (id) => `/incidents/${id}/` }: { data: SiteData; componentId?: string; limit?: number; incidentHref?: (id: string) => string }) {
  const outages = (data.monitor?.outages ?? []).filter((o) => !componentId || o.componentId === componentId).slice(0, limit);
  if (outages.length === 0) return <p>No outage recorded by the monitor.</p>;
  const names = new Map(data.content.site.components.map((c) => [c.id, c.name]));
  const now = data.now.getTime();
  return (
    <ol className="ro">
      {outages.map((o) => {
        const start = Date.parse(o.startedAt);
        const end = o.endedAt ? Date.parse(o.endedAt) : now;
        const incident = data.content.incidents.find(
          (i) => affectedComponentIds(i).includes(o.componentId) && Date.parse(i.began) < end && (i.resolvedAt === null || Date.parse(i.resolvedAt) > start),
        );
        return (
          <li key={`${o.componentId}-${o.startedAt}`}>
            <strong>{names.get(o.componentId) ?? o.componentId}</strong>
            {': '}
            <time dateTime={o.startedAt}>{formatTime(o.startedAt)}</time>
            {o.endedAt ? `, down ${formatMinutes((end - start) / 60_000)}` : `, ongoing for ${formatMinutes((end - start) / 60_000)}`}
            {` (${o.reason}). `}
            {incident ? <a href={incidentHref(incident.id)}>{incident.title}</a> : <em>Detected automatically; no incident report.</em>}
          </li>
        );
      })}
    </ol>
  );
}
