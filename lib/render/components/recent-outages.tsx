import type { SiteData } from '@/lib/site-data';
import type { Words } from '@/lib/i18n';
import { incidentsAffecting, type Outage } from '@/lib/status';
import { shownReason } from '@/lib/status/reason';
import { Say } from './say';
import { Time } from './time';
import { perData } from '../views';
import { msOf } from '@/lib/shared/time';

/** A confirmed outage as listed: whose, since when, for how many minutes (so far, while open), why, and its incident. */
export type OutageLine = Pick<Outage, 'startedAt' | 'reason' | 'why'> & {
  componentId: string;
  component: string;
  open: boolean;
  minutes: number;
  incident: { id: string; title: string } | null;
};

/** The incidents that affect a component, with their times parsed once for all its outages. */
const incidentSpans = perData((data, componentId) =>
  incidentsAffecting(data.content.incidents, componentId).map((i) => ({ id: i.id, title: i.title, start: msOf(i.began), end: i.resolvedAt === null ? Infinity : msOf(i.resolvedAt) })),
);

/** The newest `limit` outages the pinger confirmed, of one component or all, as listed at the SiteData's moment. */
export function outagesOf(data: SiteData, componentId?: string, limit = 10): OutageLine[] {
  const names = new Map(data.content.site.components.map((c) => [c.id, c.name]));
  const now = data.now.getTime();
  return (data.monitor?.outages ?? [])
    .filter((o) => !componentId || o.componentId === componentId)
    .slice(0, limit)
    .map((o) => {
      const start = msOf(o.startedAt);
      const end = o.endedAt ? msOf(o.endedAt) : now;
      const incident = incidentSpans(data, o.componentId).find((i) => i.start < end && i.end > start);
      return {
        componentId: o.componentId,
        component: names.get(o.componentId) ?? o.componentId,
        startedAt: o.startedAt,
        open: o.endedAt === null,
        // Whole minutes, as the page says them (Words.duration): an open outage's line changes once a minute.
        minutes: Math.round((end - start) / 60_000),
        reason: o.reason,
        why: o.why,
        incident: incident ? { id: incident.id, title: incident.title } : null,
      };
    });
}

/**
 * Confirmed outages the pinger recorded, newest first: when, how long, why, and the incident that covers it (or
 * that it was detected automatically, with no incident written).
 */
export function RecentOutages({ outages, w }: { outages: readonly OutageLine[]; w: Words }) {
  if (outages.length === 0) return <p>{w.t('componentPage.noOutages')}</p>;
  return (
    <ol className="lines">
      {outages.map((o) => (
        <li key={`${o.componentId}-${o.startedAt}`}>
          <Say
            w={w}
            k={o.open ? 'componentPage.outageOngoing' : 'componentPage.outageEnded'}
            vars={{ component: <strong>{o.component}</strong>, time: <Time iso={o.startedAt} w={w} />, duration: w.duration(o.minutes * 60_000) }}
            then=" "
          />
          {/* The reason carries its own brackets ("HTTP 503 (expected 2xx)"): it stands in a sentence of its own. */}
          {`${w.t('componentPage.firstFailed', { reason: shownReason(o, w) })} `}
          {o.incident ? <a href={`/incidents/${o.incident.id}`}>{o.incident.title}</a> : <em>{w.t('componentPage.detected')}</em>}
        </li>
      ))}
    </ol>
  );
}
