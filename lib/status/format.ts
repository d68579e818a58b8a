/** English words and figures for what stays in English (the CLI, report files); pages take theirs from lib/i18n. */
import { words, type Words } from '../i18n';
import type { ComponentState } from './status';

// One implementation of each format, in lib/i18n.
const en = words('en');

/** `99.93%`: cut, not rounded, so any downtime at all shows below 100%; `no data` for null. */
export const formatPercent = (percent: number | null): string => en.percent(percent);

/** `2026-11` for grouping by month (UTC). */
export function monthKey(iso: string): string {
  return iso.slice(0, 7);
}

export { plural } from '../shared/words';

/** `38 min`, `1 h 6 min`, `2 d 3 h`: a span in the two largest units that matter. */
export const formatDuration = (ms: number): string => en.duration(ms);

/** What a component's status rests on, in words: a failure no incident covers yet, or stale data. */
export function componentFlags(state: Pick<ComponentState, 'detectedAutomatically' | 'stale' | 'status'>, w: Words = en): string[] {
  return [state.detectedAutomatically && w.t('component.detectedAutomatically'), state.stale && state.status !== 'operational' && w.t('component.noRecentMonitoring')].filter(
    (flag): flag is string => typeof flag === 'string',
  );
}
