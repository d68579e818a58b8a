import type { SiteData } from '@/lib/site-data';
import type { Words } from '@/lib/i18n';
import { incidentsAffecting } from '@/lib/status';
import { shownReason } from '@/lib/status/reason';
import { Say } from './say';
import { Time } from './time';

/**
 * Confirmed outages the pinger recorded, newest first, for one component or all: when, how long, why, and
 * the incident that covers it (or that it was detected automatically, with no incident written).
 */
export function RecentOutages({ data, componentId, w, limit = 10, incidentHref = (id) => `/incidents/${id}` }: { data: SiteData; componentId?: string; w: Words; limit?: number; incidentHref?: (id: string) => string }) {
  const outages = (data.monitor?.outages ?? []).filter((o) => !componentId || o.componentId === componentId).slice(0, limit);
  if (outages.length === 0) return <p>{w.t('componentPage.noOutages')}</p>;
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
            <Say
              w={w}
              k={o.endedAt ? 'componentPage.outageEnded' : 'componentPage.outageOngoing'}
              vars={{ component: <strong>{names.get(o.componentId) ?? o.componentId}</strong>, time: <Time iso={o.startedAt} w={w} />, duration: w.duration(end - start) }}
              then=" "
            />
            {/* The reason carries its own brackets ("HTTP 503 (expected 2xx)"): it stands in a sentence of its own. */}
            {`${w.t('componentPage.firstFailed', { reason: shownReason(o, w) })} `}
            {incident ? <a href={incidentHref(incident.id)}>{incident.title}</a> : <em>{w.t('componentPage.detected')}</em>}
          </li>
        );
      })}
    </ol>
  );
}
