/** Words for times and spans, in UTC, for pages that must read right without JavaScript. */
import type { ComponentState } from './status';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `23 Nov 2026, 10:40 UTC`: what a `<time>` says before the script shows it in the reader's zone. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `26 Aug 2026` for the UTC date `2026-08-26`. */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${months[Number(month) - 1]!.slice(0, 3)} ${year}`;
}

/** `99.93%`: cut, not rounded, so any downtime at all shows below 100%; `no data` for null. */
export function formatPercent(percent: number | null): string {
  return percent === null ? 'no data' : `${Math.floor(percent * 100) / 100}%`;
}

/** `812 ms`, `2.1 s` */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `2026-11` for grouping by month (UTC). */
export function monthKey(iso: string): string {
  return iso.slice(0, 7);
}

/** `November 2026` from `2026-11`. */
export function monthLabel(key: string): string {
  const [year, month] = key.split('-');
  return `${months[Number(month) - 1]} ${year}`;
}

export { plural } from '../shared/words';

/** `38 min`, `1 h 6 min`, `2 d 3 h`: a span in the two largest units that matter. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/** Words for an incident's update statuses. */
export const incidentStatusWords = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
} as const;

/** Words for an incident's impact. */
export const impactWords = { none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact' } as const;

/** Words for a maintenance window's state and its updates' statuses. */
export const maintenanceWords = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
} as const;

/** Said in place of "Operational" when a monitored component has no fresh data. */
export const noDataWords = 'No recent data';

/** What a component's status rests on, in words: a failure no incident covers yet, or stale data. */
export function componentFlags(state: Pick<ComponentState, 'detectedAutomatically' | 'stale' | 'status'>): string[] {
  return [state.detectedAutomatically && 'Detected automatically', state.stale && state.status !== 'operational' && 'No recent monitoring data'].filter(
    (flag): flag is string => typeof flag === 'string',
  );
}
