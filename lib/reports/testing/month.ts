// A hand-computed month for the report tests: November 2026 for a site with a monitored `api` and an
// unmonitored `email`, two probe locations (eu-1, us-1) whose data files are built in memory and merged by
// the real quorum code (lib/monitor/view).
import { incidentFrom, incidentSchema, maintenanceFrom, maintenanceSchema, siteSchema, type Content } from '../../content';
import { latencyBucket } from '../../monitor/latency';
import type { Outage, StoreData } from '../../monitor/schema';
import { emptyStore } from '../../monitor/store';
import { mergeLocations } from '../../monitor/view';
import type { MonitorView } from '../../status';

/** The moment the month is reported at: just after it ended. */
export const afterNovember = new Date('2026-12-01T00:00:00Z');

/** `n` → `2026-11-nn`. */
export const nov = (day: number) => `2026-11-${String(day).padStart(2, '0')}`;

/** One event of the month: which location saw which outage, which days a location did not check, incidents and windows. */
export type MonthEvent = {
  /** [location, start, end] of an outage as one location confirmed it. */
  outages?: [string, string, string][];
  /** [location, day of November] with no checks at all. */
  silentDays?: [string, number][];
  incidents?: Record<string, unknown>[];
  maintenance?: Record<string, unknown>[];
};

/** The site: `api` checked over HTTP with an SLA of 99.9, `email` without checks; `reports` settings as given. */
export function monthSite(reports: Record<string, unknown> = {}) {
  return siteSchema.parse({
    name: 'Test',
    url: 'https://status.test.example',
    components: [
      { id: 'api', name: 'API', sla: 99.9, checks: [{ type: 'http', url: 'https://api.test.example/health' }] },
      { id: 'email', name: 'Email' },
    ],
    reports,
  });
}

/** Content and the merged monitor view of November with these events. */
export function month(events: readonly MonthEvent[], reports: Record<string, unknown> = {}): { content: Content; monitor: MonitorView } {
  const stores = ['eu-1', 'us-1'].map((location) => {
    const store: StoreData = emptyStore(location);
    const silent = new Set(events.flatMap((e) => e.silentDays ?? []).filter(([l]) => l === location).map(([, d]) => nov(d)));
    store.daily.api = {};
    for (let day = 1; day <= 30; day++) {
      if (silent.has(nov(day))) continue;
      store.daily.api[nov(day)] = { checks: 1440, failures: 0, degraded: 0, minutesDown: 0, latencyP50Ms: 40, latencyP95Ms: 90, latency: [latencyBucket(40), 1440] };
    }
    store.outages = events
      .flatMap((e) => e.outages ?? [])
      .filter(([l]) => l === location)
      .map(([, startedAt, endedAt]): Outage => ({ checkId: 'api', componentId: 'api', startedAt, confirmedAt: startedAt, endedAt, reason: 'HTTP 503 (expected 2xx)' }));
    return store;
  });
  const site = monthSite(reports);
  // Each entry's id is its title in [a-z0-9-]: `Slow API` is `slow-api`.
  const entry = (title: string) => {
    const id = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return { id, file: `${id}.md`, body: '' };
  };
  const incidents = events.flatMap((e) => e.incidents ?? []).map((data) => incidentSchema.parse(data)).map((data) => incidentFrom(data, entry(data.title)));
  const maintenance = events.flatMap((e) => e.maintenance ?? []).map((data) => maintenanceSchema.parse(data)).map((data) => maintenanceFrom(data, entry(data.title)));
  const content: Content = { site, incidents, maintenance, clockShiftMs: 0 };
  return { content, monitor: mergeLocations(stores, content, afterNovember) };
}
