import type { SiteData } from '@/lib/site-data';
import { formatDuration, incidentsAffecting } from '@/lib/status';
import { Time } from './time';

/**
 * Confirmed outages the pinger recorded, newest first, for one component or all: when, how long, why, and
 * the incident that covers it (or that it was detected automatically, with no incident written).
 */
export function RecentOutages({ data, componentId, limit = 10, incidentHref = (id) => `/incidents/${id}` }: { data: SiteData; componentId?: string; limit?: number; incidentHref?: (id: string) => string }) {
  const outages = (data.monitor?.outages ?? []).filter((o) => !componentId || o.componentId === componentId).slice(0, limit);
  if (outages.length === 0) return <p>No outage recorded by the monitor.</p>;
  const names = new Map(data.content.site.components.map((c) => [c.id, c.name]));
  const now = data.now.getTime();
  return (
    <ol className="lines">
      {outages.map((o) => {
        const start = Date.parse(o.startedAt);
        const end = o.endedAt ? Date.parse(o.endedAt) : now;
        const incident = incidentsAffecting(data.content.incidents, o.componentId).find(
          (i) => Date.parse(i.began) < end && (i.resolvedAt === null || Date.parse(i.resolvedAt) > start),
        );
        return (
          <li key={`${o.componentId}-${o.startedAt}`}>
            <strong>{names.get(o.componentId) ?? o.componentId}</strong>
            {': '}
            <Time iso={o.startedAt} />
            {o.endedAt ? `, down ${formatDuration(end - start)}. ` : `, ongoing for ${formatDuration(end - start)}. `}
            {/* The reason carries its own brackets ("HTTP 503 (expected 2xx)"): it stands in a sentence of its own. */}
            {`First failed check: ${o.reason}. `}
            {incident ? <a href={incidentHref(incident.id)}>{incident.title}</a> : <em>Detected automatically; no incident report.</em>}
          </li>
        );
      })}
    </ol>
  );
}
