import { countedPart, type Content, type Incident } from '../content';
import type { MonitorView } from '../status';
import type { Period } from './period';
import { msOf } from '../shared/time';

/** Milliseconds in an hour: a running period's report is counted to the hour. */
const hourMs = 3_600_000;

/**
 * What the site's report of one period is made from, and nothing more: the period, the moment it is counted to
 * (its end once complete; the last full hour while it runs, so a publish does not count it again every round),
 * and the records that overlap it. A completed period's input then changes only when a record of it is edited.
 */
export type ReportPageInput = { period: Period; now: string; content: Content; monitor: MonitorView | null };

const spansOf = new WeakMap<readonly Incident[], { start: number; end: number | null }[]>();

/** When each incident began and was resolved (null while open), in ms: once per list, for every period's report. */
function incidentSpans(incidents: readonly Incident[]): { start: number; end: number | null }[] {
  if (!spansOf.has(incidents)) spansOf.set(incidents, incidents.map((i) => ({ start: msOf(i.began), end: i.resolvedAt ? msOf(i.resolvedAt) : null })));
  return spansOf.get(incidents)!;
}

/** The input of `period`'s report at `now`. Pure. */
export function reportPageInput(period: Period, content: Content, monitor: MonitorView | null, now: Date): ReportPageInput {
  const to = Math.min(period.to, Math.floor(now.getTime() / hourMs) * hourMs);
  const overlaps = (start: number, end: number | null) => start < to && (end === null || end > period.from);
  const spans = incidentSpans(content.incidents);
  const from = new Date(period.from).toISOString().slice(0, 10);
  const until = new Date(to).toISOString().slice(0, 10);
  return {
    period,
    now: new Date(to).toISOString(),
    content: {
      ...content,
      incidents: content.incidents.flatMap((incident, i) => (overlaps(spans[i]!.start, spans[i]!.end) ? [countedPart(incident)] : [])),
      maintenance: content.maintenance.filter((m) => overlaps(msOf(m.start), msOf(m.end))),
    },
    monitor: monitor && {
      locations: monitor.locations.map((l) => ({ ...l, lastResultAt: null, stale: false })),
      components: {},
      daily: Object.fromEntries(Object.entries(monitor.daily).map(([id, days]) => [id, days.filter((d) => d.date >= from && d.date <= until)])),
      outages: monitor.outages.filter((o) => overlaps(msOf(o.startedAt), o.endedAt ? msOf(o.endedAt) : null)),
    },
  };
}
