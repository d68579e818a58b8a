import type { Content } from '../content';
import { startOfUtcDay, type MonitorView } from '../status';
import { msOf } from '../shared/time';

/** A calendar period in UTC that a report covers: [from, to). */
export type Period = {
  /** `2026-11`, `2026-Q4` or `2026`: how it is written on the command line and in file names. */
  label: string;
  kind: 'month' | 'quarter' | 'year';
  from: number;
  to: number;
};

const utcMonth = (year: number, month: number) => Date.UTC(year, month, 1);

/** A period from its label: `2026-11` (a month), `2026-Q4` (a quarter) or `2026` (a year); null when it is none of these. */
export function parsePeriod(label: string): Period | null {
  const text = label.trim();
  let match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2]) - 1];
    return { label: text, kind: 'month', from: utcMonth(year, month), to: utcMonth(year, month + 1) };
  }
  match = /^(\d{4})-[Qq]([1-4])$/.exec(text);
  if (match) {
    const [year, quarter] = [Number(match[1]), Number(match[2]) - 1];
    return { label: `${year}-Q${quarter + 1}`, kind: 'quarter', from: utcMonth(year, quarter * 3), to: utcMonth(year, quarter * 3 + 3) };
  }
  match = /^(\d{4})$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    return { label: text, kind: 'year', from: utcMonth(year, 0), to: utcMonth(year + 1, 0) };
  }
  return null;
}

/** The month, quarter and year containing an instant. */
export function periodsAt(ms: number): Period[] {
  const d = new Date(ms);
  const [year, month] = [d.getUTCFullYear(), d.getUTCMonth()];
  return [`${year}-${String(month + 1).padStart(2, '0')}`, `${year}-Q${Math.floor(month / 3) + 1}`, `${year}`].map((label) => parsePeriod(label)!);
}

/**
 * Every period there is something to report on at `now`, newest first within each kind: from the earliest
 * record (a day of monitoring data, an outage or an incident) to the period containing `now`. Pure.
 */
export function reportPeriods(content: Content, monitor: MonitorView | null, now: Date): Period[] {
  const t = now.getTime();
  // The earliest start by `now`, in a loop: Math.min over a spread list of every incident's start throws past about
  // 100,000 of them (each is an argument), and costs a list of thousands on every publish before that.
  let earliest = t;
  const consider = (start: number) => {
    if (start < earliest) earliest = start;
  };
  for (const days of Object.values(monitor?.daily ?? {})) {
    const first = days.find((d) => d.checks > 0);
    if (first) consider(startOfUtcDay(first.date));
  }
  for (const outage of monitor?.outages ?? []) consider(msOf(outage.startedAt));
  for (const incident of content.incidents) consider(msOf(incident.began));
  const periods = new Map<string, Period>();
  for (let at = earliest; ; ) {
    for (const p of periodsAt(at)) periods.set(p.label, p);
    const month = periodsAt(at)[0]!;
    if (month.to > t) break;
    at = month.to;
  }
  const order = { month: 0, quarter: 1, year: 2 };
  return [...periods.values()].sort((a, b) => order[a.kind] - order[b.kind] || b.from - a.from);
}
