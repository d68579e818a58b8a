import { countedFingerprint, countedPart, type Content, type Incident } from '../content';
import { fingerprint } from '../shared/fingerprint';
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

/** When each record of a list began and ended (Infinity while open), in ms, and the order of their starts. */
type SpanIndex = { start: number[]; end: number[]; byStart: number[]; maxEnd: number[] };

const indexes = new WeakMap<readonly object[], SpanIndex>();

/**
 * The records of `list` that overlap [from, to), by their index in the list, in its order. Each record's times are
 * read once per list (a site's incidents: for every period's report), and a period looks only at those that began
 * before its end, from the latest back, until none of the earlier ones ends after its start: a month of a site with
 * 5,000 incidents looks at its own, not at 5,000.
 */
function overlapping<T extends object>(list: readonly T[], span: (record: T) => [start: number, end: number | null], from: number, to: number): number[] {
  let index = indexes.get(list);
  if (!index) {
    const start: number[] = [];
    const end: number[] = [];
    for (const record of list) {
      const [s, e] = span(record);
      start.push(s);
      end.push(e ?? Infinity);
    }
    const byStart = list.map((_, i) => i).sort((a, b) => start[a]! - start[b]!);
    const maxEnd: number[] = [];
    for (const i of byStart) maxEnd.push(Math.max(maxEnd.at(-1) ?? -Infinity, end[i]!));
    index = { start, end, byStart, maxEnd };
    indexes.set(list, index);
  }
  const { start, end, byStart, maxEnd } = index;
  // The first of byStart that begins at or after `to`.
  let lo = 0;
  let hi = byStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (start[byStart[mid]!]! < to) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let k = lo - 1; k >= 0 && maxEnd[k]! > from; k--) if (end[byStart[k]!]! > from) found.push(byStart[k]!);
  return found.sort((a, b) => a - b);
}

const noDays: never[] = [];

/**
 * The days of `days` (in date order) from `from` to `until`: the list itself when they all are, so that the periods
 * that cover all 90 days of data share it, and its fingerprint is made once (lib/shared/fingerprint.ts). A period
 * outside the 90 days (most of a site's years of reports) is told by the first and last day, without a walk.
 */
function daysWithin<T extends { date: string }>(days: T[], from: string, until: string): T[] {
  if (days.length === 0 || days[0]!.date > until || days.at(-1)!.date < from) return noDays;
  if (days[0]!.date >= from && days.at(-1)!.date <= until) return days;
  return days.filter((d) => d.date >= from && d.date <= until);
}

const reportLocations = new WeakMap<MonitorView, MonitorView['locations']>();

/** The monitor's locations as every report shows them (not as of now): one list for all periods, fingerprinted once. */
function locationsOf(monitor: MonitorView): MonitorView['locations'] {
  let locations = reportLocations.get(monitor);
  if (!locations) reportLocations.set(monitor, (locations = monitor.locations.map((l) => ({ ...l, lastResultAt: null, stale: false }))));
  return locations;
}

const incidentSpan = (i: Incident): [number, number | null] => [msOf(i.began), i.resolvedAt ? msOf(i.resolvedAt) : null];

/** The input of `period`'s report at `now`. Pure. */
export function reportPageInput(period: Period, content: Content, monitor: MonitorView | null, now: Date): ReportPageInput {
  const to = Math.min(period.to, Math.floor(now.getTime() / hourMs) * hourMs);
  const overlaps = (start: number, end: number | null) => start < to && (end === null || end > period.from);
  const from = new Date(period.from).toISOString().slice(0, 10);
  const until = new Date(to).toISOString().slice(0, 10);
  return {
    period,
    now: new Date(to).toISOString(),
    content: {
      ...content,
      incidents: overlapping(content.incidents, incidentSpan, period.from, to).map((i) => countedPart(content.incidents[i]!)),
      maintenance: content.maintenance.filter((m) => overlaps(msOf(m.start), msOf(m.end))),
    },
    monitor: monitor && {
      locations: locationsOf(monitor),
      components: {},
      daily: Object.fromEntries(Object.entries(monitor.daily).map(([id, days]) => [id, daysWithin(days, from, until)])),
      outages: overlapping(monitor.outages, (o) => [msOf(o.startedAt), o.endedAt ? msOf(o.endedAt) : null], period.from, to).map((i) => monitor.outages[i]!),
    },
  };
}

/**
 * What every period's report input (reportPageInput) is made from, in one short key: the content besides its entries,
 * the counted part of every incident, every maintenance window, what the monitor's data says for reports, and the
 * hour a running period is counted to. Coarser than each period's input, and made in one pass: while it stays the
 * same (a staff update that only says something, a publish with nothing new), no period's input can have changed,
 * and a publish takes the reports' keys from the live build instead of making 71 inputs at 5,000 incidents (60 ms).
 */
export function reportSources(content: Content, monitor: MonitorView | null, now: Date): string {
  let counted = '';
  for (const incident of content.incidents) counted += countedFingerprint(incident);
  return fingerprint({
    ...content,
    incidents: fingerprint(counted),
    maintenance: content.maintenance.length ? fingerprint(content.maintenance) : '',
    hour: Math.floor(now.getTime() / hourMs),
    monitor: monitor && { locations: locationsOf(monitor), daily: monitor.daily, outages: monitor.outages },
  });
}
