// A hand-computed month for the report tests: November 2026 for a site with a monitored `api` and an
// unmonitored `email`, two probe locations (eu-1, us-1) whose data files are built in memory and merged by
// the real quorum code (lib/monitor/view).
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
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
  return siteSchema.parse(monthSiteYaml(reports));
}

/** site.yaml's data for monthSite. */
function monthSiteYaml(reports: Record<string, unknown>) {
  return {
    name: 'Test',
    url: 'https://status.test.example',
    components: [
      { id: 'api', name: 'API', sla: 99.9, checks: [{ type: 'http', url: 'https://api.test.example/health' }] },
      { id: 'email', name: 'Email' },
    ],
    reports,
  };
}

/** Writes November with these events as files: `<dir>/content` (site.yaml, incidents, maintenance) and `<dir>/data` (eu-1.json, us-1.json). */
export function writeMonth(dir: string, events: readonly MonthEvent[], reports: Record<string, unknown> = {}): { content: string; data: string } {
  const content = path.join(dir, 'content');
  const data = path.join(dir, 'data');
  for (const sub of ['incidents', 'maintenance']) fs.mkdirSync(path.join(content, sub), { recursive: true });
  fs.mkdirSync(data, { recursive: true });
  fs.writeFileSync(path.join(content, 'site.yaml'), stringify(monthSiteYaml(reports)));
  const entry = (kind: string, day: string, i: number, front: Record<string, unknown>) =>
    fs.writeFileSync(path.join(content, kind, `${day.slice(0, 10)}-entry-${i + 1}.md`), `---\n${stringify(front)}---\n`);
  events.flatMap((e) => e.incidents ?? []).forEach((front, i) => entry('incidents', String((front.updates as { at: string }[])[0]!.at), i, front));
  events.flatMap((e) => e.maintenance ?? []).forEach((front, i) => entry('maintenance', String(front.start), i, front));
  for (const store of monthStores(events)) fs.writeFileSync(path.join(data, `${store.location}.json`), JSON.stringify(store));
  return { content, data };
}

/** The two locations' data files for November with these events. */
export function monthStores(events: readonly MonthEvent[]): StoreData[] {
  return ['eu-1', 'us-1'].map((location) => {
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
}

/** Content and the merged monitor view of November with these events. */
export function month(events: readonly MonthEvent[], reports: Record<string, unknown> = {}): { content: Content; monitor: MonitorView } {
  const stores = monthStores(events);
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

/** An instant in November 2026, as the merged data writes it: `at(5, '10:00:00')`. */
export const at = (day: number, hms: string) => `${nov(day)}T${hms}.000Z`;
/** The same outage at both locations. */
export const both = (from: string, to: string): [string, string, string][] => [
  ['eu-1', from, to],
  ['us-1', from, to],
];

/** The events of the hand-computed month (report.test.ts says what each does to `api`). */
export const novemberEvents = {
  disagree: { outages: [['eu-1', at(5, '10:00:00'), at(5, '10:30:00')]] },
  overlap: {
    outages: [
      ['eu-1', at(12, '08:00:00'), at(12, '09:00:00')],
      ['us-1', at(12, '08:20:00'), at(12, '09:10:00')],
    ],
  },
  gap: {
    silentDays: [
      ['eu-1', 10],
      ['us-1', 10],
    ],
  },
  oneChecking: { silentDays: [['eu-1', 20]], outages: [['us-1', at(20, '14:00:00'), at(20, '14:10:00')]] },
  maintenance: {
    maintenance: [{ title: 'Database upgrade', components: ['api'], start: at(15, '02:00:00'), end: at(15, '04:00:00') }],
    outages: both(at(15, '03:30:00'), at(15, '04:15:30')),
  },
  partial: {
    incidents: [
      {
        title: 'Slow API',
        impact: 'minor',
        components: { api: 'partial_outage' },
        updates: [
          { at: at(22, '13:00:00'), status: 'investigating', message: 'Some requests fail.' },
          { at: at(22, '13:40:00'), status: 'identified', message: 'Only slow now.', components: { api: 'degraded_performance' } },
          { at: at(22, '14:00:00'), status: 'resolved', message: 'Fixed.' },
        ],
      },
    ],
    outages: both(at(22, '13:10:00'), at(22, '13:20:00')),
  },
  declaredAndConfirmed: {
    incidents: [
      {
        title: 'API down',
        impact: 'critical',
        components: { api: 'major_outage' },
        updates: [
          { at: at(25, '09:00:00'), status: 'investigating', message: 'Down.' },
          { at: at(25, '09:45:00'), status: 'resolved', message: 'Up.' },
        ],
      },
    ],
    outages: both(at(25, '09:30:00'), at(25, '10:00:00')),
  },
} satisfies Record<string, MonthEvent>;
