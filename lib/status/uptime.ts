import type { ComponentStatus, Content } from '../content';
import { affectedComponentIds, incidentComponentStatuses } from './incidents';
import type { MonitorView } from './types';

/**
 * Uptime maths: pure functions of spans of time, cut into days in UTC. Nothing here reads a file or a clock.
 * What counts: a confirmed monitor outage or an incident's major outage is down (weight 1), an incident's
 * partial outage counts 0.3, degraded performance 0; maintenance windows and time with no record are left out.
 */

/** A span of time, [start, end) in milliseconds since the epoch. */
export type Span = { start: number; end: number };

/** Milliseconds in a day. */
export const dayMs = 86_400_000;

/** The UTC date (`2026-11-23`) an instant falls on. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC at the start of a date or of the day an instant falls on. */
export function startOfUtcDay(day: string | number): number {
  return typeof day === 'string' ? Date.parse(`${day}T00:00:00Z`) : Math.floor(day / dayMs) * dayMs;
}

/** Spans sorted and merged where they overlap or touch; empty ones dropped. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** How much of [from, to) the spans cover (overlaps counted once). */
export function overlapMs(spans: readonly Span[], from: number, to: number): number {
  let total = 0;
  for (const s of mergeSpans(spans)) total += Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  return total;
}

/** A span with the status a component had during it. */
export type StatusSpan = Span & { status: ComponentStatus };

/** How much a minute in each status counts as down. Degraded is slow, not down; maintenance is not counted at all. */
export const downtimeWeight: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

/** Everything uptime is computed from, for one component: what was wrong when, maintenance, and which time is known. */
export type Timeline = {
  /** Spans of degraded, partial or major outage, from incidents and from the monitor's confirmed outages; may overlap. */
  spans: StatusSpan[];
  /** Maintenance windows: excluded from the maths. */
  maintenance: Span[];
  /** The time there is a record for (monitoring data, or any time at all for a component without checks). */
  covered: Span[];
  /** Incidents touching the component, with their spans, for the day-by-day listing. */
  incidents: (Span & { id: string; title: string })[];
};

/** One UTC day of a component, as the bars show it. */
export type DayUptime = {
  /** `2026-11-23` */
  date: string;
  /** Uptime of the day's known time outside maintenance, 0–100; null when there is no record of the day. */
  uptimePercent: number | null;
  /** Minutes of major outage. */
  minutesDown: number;
  /** Minutes of partial outage (each counts 0.3 of a minute down). */
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

/** Builds a component's timeline at `now` from content and monitoring data. Pure. */
export function componentTimeline(componentId: string, content: Content, monitor: MonitorView | null, now: Date): Timeline {
  const t = now.getTime();
  const component = content.site.components.find((c) => c.id === componentId);
  const spans: StatusSpan[] = [];
  const incidents: Timeline['incidents'] = [];
  for (const incident of content.incidents) {
    if (!affectedComponentIds(incident).includes(componentId)) continue;
    const start = Date.parse(incident.began);
    if (start > t) continue;
    const end = incident.resolvedAt && Date.parse(incident.resolvedAt) <= t ? Date.parse(incident.resolvedAt) : t;
    incidents.push({ id: incident.id, title: incident.title, start, end });
    // The component's status as each update leaves it, piece by piece.
    const cuts = [start, ...incident.updates.map((u) => Date.parse(u.at)).filter((at) => at > start && at < end), end];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const status = incidentComponentStatuses(incident, new Date(cuts[i]!))[componentId];
      if (status && (downtimeWeight[status] > 0 || status === 'degraded_performance')) spans.push({ start: cuts[i]!, end: cuts[i + 1]!, status });
    }
  }
  for (const outage of monitor?.outages ?? []) {
    if (outage.componentId !== componentId) continue;
    spans.push({ start: Date.parse(outage.startedAt), end: outage.endedAt ? Date.parse(outage.endedAt) : t, status: 'major_outage' });
  }
  const maintenance = content.maintenance.flatMap((m) => {
    if (!m.components.includes(componentId)) return [];
    const start = Date.parse(m.start);
    const end = Math.min(Date.parse(m.end), m.endedEarly ? Date.parse(m.endedEarly.at) : Infinity, t);
    return end > start ? [{ start, end }] : [];
  });
  const monitored = (component?.checks.length ?? 0) > 0;
  const covered = monitored
    ? mergeSpans([
        ...(monitor?.daily[componentId] ?? []).filter((d) => d.checks > 0).map((d) => ({ start: startOfUtcDay(d.date), end: startOfUtcDay(d.date) + dayMs })),
        ...spans,
        ...incidents,
      ])
    : [{ start: -8.64e15, end: 8.64e15 }];
  return { spans, maintenance, covered: covered.map((s) => ({ start: s.start, end: Math.min(s.end, t) })).filter((s) => s.end > s.start), incidents };
}

/** Minutes in each status over [from, to), the worst status winning where spans overlap, maintenance and unknown time left out. */
export function statusMinutes(timeline: Timeline, from: number, to: number) {
  const minutes = { known: 0, maintenance: 0, down: 0, partial: 0, degraded: 0 };
  const cuts = new Set([from, to]);
  for (const s of [...timeline.spans, ...timeline.maintenance, ...timeline.covered]) {
    if (s.start > from && s.start < to) cuts.add(s.start);
    if (s.end > from && s.end < to) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const inside = (spans: readonly Span[], a: number, b: number) => spans.some((s) => s.start <= a && b <= s.end);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    if (!inside(timeline.covered, a, b)) continue;
    const length = (b - a) / 60_000;
    if (inside(timeline.maintenance, a, b)) {
      minutes.maintenance += length;
      continue;
    }
    minutes.known += length;
    const statuses = timeline.spans.filter((s) => s.start <= a && b <= s.end).map((s) => s.status);
    if (statuses.includes('major_outage')) minutes.down += length;
    else if (statuses.includes('partial_outage')) minutes.partial += length;
    else if (statuses.includes('degraded_performance')) minutes.degraded += length;
  }
  return minutes;
}

/** Uptime in percent over [from, to): 100 × (1 − (down + 0.3 × partial) / known minutes outside maintenance); null when nothing is known. */
export function uptimePercent(timeline: Timeline, from: number, to: number): number | null {
  const m = statusMinutes(timeline, from, to);
  if (m.known === 0) return m.maintenance > 0 ? 100 : null;
  return 100 * (1 - (m.down * downtimeWeight.major_outage + m.partial * downtimeWeight.partial_outage) / m.known);
}

/** The last `days` UTC days up to and including today, oldest first. Pure. */
export function dailyUptime(timeline: Timeline, now: Date, days = 90): DayUptime[] {
  const today = startOfUtcDay(now.getTime());
  return Array.from({ length: days }, (_, i) => {
    const start = today - (days - 1 - i) * dayMs;
    const end = Math.min(start + dayMs, now.getTime());
    const m = statusMinutes(timeline, start, end);
    const known = m.known + m.maintenance > 0;
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
      uptimePercent: uptimePercent(timeline, start, end),
      minutesDown: Math.round(m.down),
      minutesPartial: Math.round(m.partial),
      minutesDegraded: Math.round(m.degraded),
      minutesMaintenance: Math.round(m.maintenance),
      worst,
      incidents: timeline.incidents.filter((s) => s.start < start + dayMs && s.end > start).map(({ id, title }) => ({ id, title })),
    };
  });
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
  return uptimeWindows.map((w) => ({ label: w.label, percent: uptimePercent(timeline, now.getTime() - w.ms, now.getTime()) }));
}
