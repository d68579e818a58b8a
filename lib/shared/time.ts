/** Time helpers every layer shares (content, status, monitor, reports): UTC days and spans of milliseconds. Pure. */

/** A span of time in milliseconds since the epoch, `end` excluded. */
export type Span = { start: number; end: number };

/** Milliseconds in a day. */
export const dayMs = 86_400_000;

const parsed = new Map<string, number>();

/**
 * Date.parse, once per string: the times of content and data are read again by nearly every output's input (a
 * publish at 5,000 incidents asked for 280,000 of them, 50 ms). At most 100,000 are remembered at a time, so a
 * pinger that runs for months does not keep every time it ever read.
 */
export function msOf(iso: string): number {
  let ms = parsed.get(iso);
  if (ms === undefined) {
    if (parsed.size >= 100_000) parsed.clear();
    ms = Date.parse(iso);
    parsed.set(iso, ms);
  }
  return ms;
}

/** The UTC date (`2026-11-23`) an instant falls on. */
export function utcDate(ms: number): string {
  const day = Math.floor(ms / dayMs);
  let date = dates.get(day);
  if (date === undefined) {
    if (dates.size >= 100_000) dates.clear();
    date = new Date(ms).toISOString().slice(0, 10);
    dates.set(day, date);
  }
  return date;
}

/** utcDate's answers, by day since the epoch (a publish asks for the same ninety days thousands of times). */
const dates = new Map<number, string>();

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

/** How much of [from, to) the spans cover, counting overlaps once. */
export function overlapMs(spans: readonly Span[], from: number, to: number): number {
  let total = 0;
  for (const s of mergeSpans(spans)) total += Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  return total;
}
