import { ownCheck, type ComponentStatus, type Content, type Incident, type ReportRules } from '../content';
import { incidentsAffecting } from './incidents';
import { worseStatus } from './status';
import type { Reason } from './reason';
import type { MonitorView } from './types';
import { dayMs, mergeSpans, msOf, overlapMs, startOfUtcDay, utcDate, type Span } from '../shared/time';

export { dayMs, mergeSpans, overlapMs, startOfUtcDay, utcDate, type Span };

/**
 * Uptime maths: pure functions of spans of time, cut into days in UTC. Nothing here reads a file or a clock.
 * What counts follows the site's `reports` rules; by default a confirmed monitor outage or an incident's
 * major outage is down (weight 1), an incident's partial outage counts 0.3, degraded performance 0, and
 * maintenance windows and time with no record are left out. The pages and `outpost report` both use this.
 */

/** The record a span of trouble comes from: an incident staff wrote, or an outage the pinger confirmed. */
export type SpanSource =
  | { kind: 'incident'; id: string; title: string }
  | { kind: 'outage'; checkId: string; locations: string[]; startedAt: string; endedAt: string | null; reason: string; why: Reason | null };

/** A span with the status a component had during it, and the record that says so. */
export type StatusSpan = Span & { status: ComponentStatus; source: SpanSource };

/** Everything uptime is computed from, for one component: what was wrong when, maintenance, and which time is known. */
export type Timeline = {
  /** Spans of degraded, partial or major outage, from incidents and from the monitor's confirmed outages; may overlap. */
  spans: StatusSpan[];
  /** Maintenance windows on the component. */
  maintenance: (Span & { id: string; title: string })[];
  /** The time there is a record for (monitoring data, or any time at all for a component without checks). */
  covered: Span[];
  /** Incidents touching the component, with their spans, for the day-by-day listing. */
  incidents: (Span & { id: string; title: string })[];
  /** How the time counts (site.yaml `reports`). */
  rules: ReportRules;
};

/** One UTC day of a component, as the bars show it. */
export type DayUptime = {
  /** `2026-11-23` */
  date: string;
  /** Uptime of the day's known time outside maintenance, 0–100; null when there is no record of the day. */
  uptimePercent: number | null;
  /** Minutes of major outage. */
  minutesDown: number;
  /** Minutes of partial outage (each counts 0.3 of a minute down by default). */
  minutesPartial: number;
  /** Minutes of degraded performance (not counted as down). */
  minutesDegraded: number;
  /** Minutes of maintenance (left out of the maths). */
  minutesMaintenance: number;
  /** The worst status of the day, for the bar's colour; null when there is no record. */
  worst: ComponentStatus | null;
  /** The incidents of that day that touch the component. */
  incidents: { id: string; title: string }[];
};

/**
 * Builds a component's timeline at `now` from content and monitoring data, keeping the records the site's rules
 * count. With `sinceMs`, records that ended by then are left out: every figure from `sinceMs` on is the same, and
 * the pages' 90 days need not go through years of incidents. Pure.
 */
export function componentTimeline(componentId: string, content: Content, monitor: MonitorView | null, now: Date, sinceMs = -Infinity): Timeline {
  const t = now.getTime();
  const rules = content.site.reports;
  const component = content.site.components.find((c) => c.id === componentId);
  const spans: StatusSpan[] = [];
  const incidents: Timeline['incidents'] = [];
  const affecting = incidentsAffecting(content.incidents, componentId);
  const ends = latestEnds(affecting);
  // ends[i] is the latest any incident from i on can end: past sinceMs no further one can touch the timeline.
  for (let i = 0; i < affecting.length && ends[i]! > sinceMs; i++) {
    const incident = affecting[i]!;
    const start = msOf(incident.began);
    if (start > t) continue;
    const end = incident.resolvedAt && msOf(incident.resolvedAt) <= t ? msOf(incident.resolvedAt) : t;
    if (end <= sinceMs) continue;
    incidents.push({ id: incident.id, title: incident.title, start, end });
    if (rules.outages === 'monitor') continue;
    const source: SpanSource = { kind: 'incident', id: incident.id, title: incident.title };
    // The component's status as each update that sets it leaves it, piece by piece (as incidentComponentStatuses
    // says at each cut: the timeline is in order, so one walk through it). Only those updates cut: what the others
    // say changes no figure (reports leave them out of their input: lib/reports/page-input.ts).
    const updates = incident.updates.flatMap((u) => (u.components?.[componentId] ? [{ at: msOf(u.at), status: u.components[componentId] }] : []));
    const cuts = [start, ...updates.map((u) => u.at).filter((at) => at > start && at < end), end];
    let status = incident.components[componentId];
    let next = 0;
    for (let i = 0; i + 1 < cuts.length; i++) {
      for (; next < updates.length && updates[next]!.at <= cuts[i]!; next++) status = updates[next]!.status;
      if (status && status in rules.weights) spans.push({ start: cuts[i]!, end: cuts[i + 1]!, status, source });
    }
  }
  if (rules.outages !== 'incidents') {
    for (const outage of monitor?.outages ?? []) {
      if (outage.componentId !== componentId || (outage.endedAt && msOf(outage.endedAt) <= sinceMs)) continue;
      const { checkId, locations, startedAt, endedAt, reason, why } = outage;
      const source: SpanSource = { kind: 'outage', checkId, locations, startedAt, endedAt, reason, why };
      spans.push({ start: msOf(startedAt), end: endedAt ? msOf(endedAt) : t, status: 'major_outage', source });
    }
  }
  const maintenance = content.maintenance.flatMap((m) => {
    if (!m.components.includes(componentId)) return [];
    const start = msOf(m.start);
    const end = Math.min(msOf(m.end), m.endedEarly ? msOf(m.endedEarly.at) : Infinity, t);
    return end > start && end > sinceMs ? [{ start, end, id: m.id, title: m.title }] : [];
  });
  const monitored = component?.checks.some(ownCheck) ?? false;
  const covered = monitored
    ? mergeSpans([
        ...(monitor?.daily[componentId] ?? [])
          .filter((d) => d.checks > 0)
          .map((d) => ({ start: startOfUtcDay(d.date), end: startOfUtcDay(d.date) + dayMs }))
          .filter((d) => d.end > sinceMs),
        ...spans,
        ...(rules.outages === 'monitor' ? [] : incidents),
      ])
    : [{ start: -8.64e15, end: 8.64e15 }];
  return { spans, maintenance, covered: covered.map((s) => ({ start: s.start, end: Math.min(s.end, t) })).filter((s) => s.end > s.start), incidents, rules };
}

const latest = new WeakMap<readonly Incident[], number[]>();

/**
 * For each incident of a list, the latest moment it or any after it in the list can end (its resolution, or never
 * while open), made once per list: a component's 90 days then stop at the newest incidents of its thousands (the
 * list is newest first) instead of reading every one's times again for each component.
 */
function latestEnds(incidents: readonly Incident[]): number[] {
  let ends = latest.get(incidents);
  if (!ends) {
    ends = new Array<number>(incidents.length);
    let max = -Infinity;
    for (let i = incidents.length - 1; i >= 0; i--) {
      const resolvedAt = incidents[i]!.resolvedAt;
      max = Math.max(max, resolvedAt ? msOf(resolvedAt) : Infinity);
      ends[i] = max;
    }
    latest.set(incidents, ends);
  }
  return ends;
}

/**
 * A stretch of time in which nothing changes, and how it counts: left out (no data, or maintenance while
 * the rules exclude it), or counted with `weight`, the share of it that is down.
 */
export type Piece = Span & {
  /** The worst status of the records covering it; `operational` when none does. */
  status: ComponentStatus;
  /** The records that set `status` (the worst ones): what a report names as the cost. */
  sources: SpanSource[];
  /** Maintenance windows covering it. */
  maintenance: { id: string; title: string }[];
  /** No record of this time. */
  noData: boolean;
  /** Why it is left out of the figure, or null when it counts. */
  leftOut: 'no data' | 'maintenance' | null;
  /** The share of it counted as down (0–1); 0 when left out. */
  weight: number;
};

/** [from, to) cut wherever a record starts or ends, each piece judged by the timeline's rules. Pure. */
export function timelinePieces(whole: Timeline, from: number, to: number): Piece[] {
  const timeline = touching(whole, from, to);
  const { rules } = timeline;
  const cuts = new Set([from, to]);
  for (const s of [...timeline.spans, ...timeline.maintenance, ...timeline.covered]) {
    if (s.start > from && s.start < to) cuts.add(s.start);
    if (s.end > from && s.end < to) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const within = (a: number, b: number) => (s: Span) => s.start <= a && b <= s.end;
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i]!, points[i + 1]!];
    if (end <= start) continue;
    const covering = timeline.spans.filter(within(start, end));
    const status = covering.reduce<ComponentStatus>((worst, s) => worseStatus(worst, s.status), 'operational');
    const sources = covering.filter((s) => s.status === status).map((s) => s.source);
    const maintenance = timeline.maintenance.filter(within(start, end)).map(({ id, title }) => ({ id, title }));
    const noData = !timeline.covered.some(within(start, end));
    // Time without a record is judged first: a maintenance window is only left out where there is data.
    const leftOut = noData ? (rules.noData === 'exclude' ? 'no data' : null) : maintenance.length > 0 && rules.maintenance === 'exclude' ? 'maintenance' : null;
    const weight = leftOut ? 0 : noData ? (rules.noData === 'down' ? 1 : 0) : status === 'operational' ? 0 : (rules.weights[status as keyof ReportRules['weights']] ?? 0);
    pieces.push({ start, end, status: noData ? 'operational' : status, sources: noData ? [] : sources, maintenance, noData, leftOut, weight });
  }
  return pieces;
}

/**
 * The part of a timeline that touches [from, to): a record that ends before it or starts after it neither cuts nor
 * covers any piece of it, so every figure over [from, to) is the same from this part, and a day's figure need not
 * look at years of records.
 */
function touching(timeline: Timeline, from: number, to: number): Timeline {
  const touches = (s: Span) => s.start < to && s.end > from;
  return {
    spans: timeline.spans.filter(touches),
    maintenance: timeline.maintenance.filter(touches),
    covered: timeline.covered.filter(touches),
    incidents: timeline.incidents.filter(touches),
    rules: timeline.rules,
  };
}

/** Minutes of a stretch of time: counted, lost (weighted down), each status among the counted, maintenance, no data. */
export type StatusMinutes = {
  /** Minutes that count in the figure (the denominator). */
  known: number;
  /** Counted minutes × their weight: the minutes down the figure charges (the numerator). */
  lost: number;
  /** Minutes inside maintenance where there is a record (left out unless the rules include maintenance). */
  maintenance: number;
  /** Counted minutes of major outage, partial outage and degraded performance. */
  down: number;
  partial: number;
  degraded: number;
  /** Minutes with no record (left out unless the rules count them as up or down). */
  noData: number;
};

/** Adds up pieces into minutes. */
export function minutesOf(pieces: readonly Piece[]): StatusMinutes {
  const minutes: StatusMinutes = { known: 0, lost: 0, maintenance: 0, down: 0, partial: 0, degraded: 0, noData: 0 };
  for (const p of pieces) {
    const length = (p.end - p.start) / 60_000;
    if (p.noData) minutes.noData += length;
    else if (p.maintenance.length > 0) minutes.maintenance += length;
    if (p.leftOut) continue;
    minutes.known += length;
    minutes.lost += length * p.weight;
    if (p.noData) continue;
    if (p.status === 'major_outage') minutes.down += length;
    else if (p.status === 'partial_outage') minutes.partial += length;
    else if (p.status === 'degraded_performance') minutes.degraded += length;
  }
  return minutes;
}

/** Minutes in each status over [from, to), the worst status winning where spans overlap, by the timeline's rules. */
export function statusMinutes(timeline: Timeline, from: number, to: number): StatusMinutes {
  return minutesOf(timelinePieces(timeline, from, to));
}

/** Uptime in percent from minutes: 100 × (1 − lost ÷ counted); 100 for maintenance alone; null when nothing counts. */
export function uptimeOf(m: StatusMinutes): number | null {
  if (m.known === 0) return m.maintenance > 0 ? 100 : null;
  return 100 * (1 - m.lost / m.known);
}

/** Uptime in percent over [from, to) (by default: 100 × (1 − (down + 0.3 × partial) ÷ known minutes outside maintenance)); null when nothing is known. */
export function uptimePercent(timeline: Timeline, from: number, to: number): number | null {
  return uptimeOf(statusMinutes(timeline, from, to));
}

/** One UTC day starting at `start` (midnight), counted up to `now` at most. Pure. */
export function dayUptime(timeline: Timeline, start: number, now: Date): DayUptime {
  const end = Math.min(start + dayMs, now.getTime());
  // Most days have a record and nothing else: one operational piece, 100%. Told without cutting the day into pieces
  // (4,500 days on a home page of 50 components, in a process that runs once: half of a publish's uptime maths).
  if (end > start && timeline.spans.length + timeline.maintenance.length + timeline.incidents.length === 0 && timeline.covered.some((c) => c.start <= start && end <= c.end)) {
    return { date: utcDate(start), uptimePercent: 100, minutesDown: 0, minutesPartial: 0, minutesDegraded: 0, minutesMaintenance: 0, worst: 'operational', incidents: [] };
  }
  const m = statusMinutes(timeline, start, end);
  const known = m.known - (timeline.rules.noData === 'exclude' ? 0 : m.noData) + m.maintenance > 0;
  const worst: ComponentStatus | null = !known
    ? null
    : m.down > 0
      ? 'major_outage'
      : m.partial > 0
        ? 'partial_outage'
        : m.degraded > 0
          ? 'degraded_performance'
          : m.maintenance > 0
            ? 'under_maintenance'
            : 'operational';
  return {
    date: utcDate(start),
    uptimePercent: uptimeOf(m),
    minutesDown: Math.round(m.down),
    minutesPartial: Math.round(m.partial),
    minutesDegraded: Math.round(m.degraded),
    minutesMaintenance: Math.round(m.maintenance),
    worst,
    incidents: timeline.incidents.filter((s) => s.start < start + dayMs && s.end > start).map(({ id, title }) => ({ id, title })),
  };
}

/**
 * `count` UTC days from `first` (a midnight), each counted up to `now` at most: dayUptime of each, from the records
 * that touch it alone, found by one walk through the records in order of their start (a year's report of fifty
 * components is 18,000 days; looking through every record for each of them took most of its time). Pure.
 */
export function daysUptime(timeline: Timeline, first: number, count: number, now: Date): DayUptime[] {
  const walks = { spans: walk(timeline.spans), maintenance: walk(timeline.maintenance), covered: walk(timeline.covered), incidents: walk(timeline.incidents) };
  return Array.from({ length: Math.max(0, count) }, (_, i) => {
    const start = first + i * dayMs;
    const day: Timeline = {
      spans: walks.spans(start, start + dayMs),
      maintenance: walks.maintenance(start, start + dayMs),
      covered: walks.covered(start, start + dayMs),
      incidents: walks.incidents(start, start + dayMs),
      rules: timeline.rules,
    };
    return dayUptime(day, start, now);
  });
}

/**
 * For spans asked about in order of time: those touching [from, to), in their own order (a day lists its incidents
 * in the timeline's order). Each span is taken in once and dropped once it ended.
 */
function walk<T extends Span>(spans: readonly T[]): (from: number, to: number) => T[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start);
  let next = 0;
  // Taken in as they start before `to`, which only grows: every open span starts before it.
  const open: number[] = [];
  return (from, to) => {
    for (; next < order.length && spans[order[next]!]!.start < to; next++) open.push(order[next]!);
    let kept = 0;
    for (const i of open) if (spans[i]!.end > from) open[kept++] = i;
    open.length = kept;
    return kept === 0 ? [] : open.toSorted((a, b) => a - b).map((i) => spans[i]!);
  };
}

/** The last `days` UTC days up to and including today, oldest first. Pure. */
export function dailyUptime(timeline: Timeline, now: Date, days = 90): DayUptime[] {
  return daysUptime(timeline, startOfUtcDay(now.getTime()) - (days - 1) * dayMs, days, now);
}

/** The windows the page shows uptime for. */
export const uptimeWindows = [
  { label: '24 hours', ms: dayMs },
  { label: '7 days', ms: 7 * dayMs },
  { label: '30 days', ms: 30 * dayMs },
  { label: '90 days', ms: 90 * dayMs },
] as const;

/** Uptime over each window ending at `now`. */
export function uptimeOverWindows(timeline: Timeline, now: Date): { label: string; percent: number | null }[] {
  const to = now.getTime();
  // The longest window cut into pieces once; a shorter one is its pieces from where it starts (a piece cut there
  // is judged as the whole piece was), so each window's figure is the one its own pieces give.
  const longest = timelinePieces(timeline, to - Math.max(...uptimeWindows.map((w) => w.ms)), to);
  return uptimeWindows.map((w) => {
    const from = to - w.ms;
    const pieces = longest.flatMap((p) => (p.end <= from ? [] : p.start >= from ? [p] : [{ ...p, start: from }]));
    return { label: w.label, percent: uptimeOf(minutesOf(pieces)) };
  });
}
