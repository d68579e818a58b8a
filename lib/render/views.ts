import { reportPeriods } from '@/lib/reports';
import type { SiteData } from '@/lib/site-data';
import { componentTimeline, dailyUptime, dayMs, uptimeOverWindows } from '@/lib/status';

/**
 * Values computed once per SiteData (and key) that several outputs of one build or publish share: the home page and
 * a component's page show the same bars; history pages, component pages and report pages the same periods.
 * A SiteData is made anew for each publish, so nothing here outlives it.
 */
export function perData<T>(compute: (data: SiteData, key: string) => T): (data: SiteData, key?: string) => T {
  const made = new WeakMap<SiteData, Map<string, T>>();
  return (data, key = '') => {
    if (!made.has(data)) made.set(data, new Map());
    const byKey = made.get(data)!;
    if (!byKey.has(key)) byKey.set(key, compute(data, key));
    return byKey.get(key)!;
  };
}

/** A component's uptime as the pages show it: its timeline, 90 days and the windows' figures. */
export const uptimeOf = perData((data, componentId) => {
  // Only what touches the longest window shown (90 days back from now, which begins before the first bar's day).
  const timeline = componentTimeline(componentId, data.content, data.monitor, data.now, data.now.getTime() - 90 * dayMs);
  return { timeline, days: dailyUptime(timeline, data.now, 90), windows: uptimeOverWindows(timeline, data.now) };
});

/** The periods with an uptime report. */
export const periodsOf = perData((data) => reportPeriods(data.content, data.monitor, data.now));
