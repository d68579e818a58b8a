/** Words for times and spans, in UTC, for pages that must read right without JavaScript. */
import { words, type Words } from '../i18n';
import type { ComponentState } from './status';

// English until every caller takes its words from lib/i18n: one implementation, there.
const en = words('en');

/** `23 Nov 2026, 10:40 UTC`: what a `<time>` says before the script shows it in the reader's zone. */
export const formatUtc = (iso: string): string => en.dateTime(iso);

/** `26 Aug 2026` for the UTC date `2026-08-26`. */
export const formatDay = (date: string): string => en.day(date);

/** `99.93%`: cut, not rounded, so any downtime at all shows below 100%; `no data` for null. */
export const formatPercent = (percent: number | null): string => en.percent(percent);

/** `812 ms`, `2.1 s` */
export const formatMs = (ms: number): string => en.ms(ms);

/** `2026-11` for grouping by month (UTC). */
export function monthKey(iso: string): string {
  return iso.slice(0, 7);
}

/** `November 2026` from `2026-11`. */
export const monthLabel = (key: string): string => en.month(key);

export { plural } from '../shared/words';

/** `38 min`, `1 h 6 min`, `2 d 3 h`: a span in the two largest units that matter. */
export const formatDuration = (ms: number): string => en.duration(ms);

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
export function componentFlags(state: Pick<ComponentState, 'detectedAutomatically' | 'stale' | 'status'>, w: Words = en): string[] {
  return [state.detectedAutomatically && w.t('component.detected'), state.stale && state.status !== 'operational' && w.t('component.noMonitoringData')].filter(
    (flag): flag is string => typeof flag === 'string',
  );
}
