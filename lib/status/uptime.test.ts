import { describe, expect, it } from 'vitest';
import { incidentFrom, incidentSchema, maintenanceFrom, maintenanceSchema, siteSchema, type Content, type Incident, type Maintenance } from '../content';
import type { MonitorView } from './types';
import { componentTimeline, dailyUptime, dayUptime, daysUptime, mergeSpans, overlapMs, uptimeOverWindows, uptimePercent } from './uptime';

const now = new Date('2026-11-23T12:00:00Z');
const at = (s: string) => (s.length === 5 ? `2026-11-22T${s}:00Z` : s);

function incident(id: string, data: Record<string, unknown>): Incident {
  return incidentFrom(incidentSchema.parse(data), { id, file: `${id}.md`, body: '' });
}
function maintenance(start: string, end: string): Maintenance {
  return maintenanceFrom(maintenanceSchema.parse({ title: 'Upgrade', components: ['api', 'email'], start: at(start), end: at(end) }), { id: 'm', file: 'm.md', body: '' });
}
/** An incident putting `api` and `email` in `status` from `from` to `to` (times on 2026-11-22 unless full). */
function outageIncident(status: string, from: string, to: string): Incident {
  return incident(`i-${from}`, {
    title: `Trouble at ${from}`,
    impact: 'major',
    components: { api: status, email: status },
    updates: [
      { at: at(from), status: 'investigating', message: 'Looking.' },
      { at: at(to), status: 'resolved', message: 'Fixed.' },
    ],
  });
}

function setup({ outages = [], incidents = [], windows = [], checkedDays = ['2026-11-21', '2026-11-22', '2026-11-23'], reports = {} }: { outages?: [string, string | null][]; incidents?: Incident[]; windows?: Maintenance[]; checkedDays?: string[]; reports?: Record<string, unknown> }) {
  const site = siteSchema.parse({
    name: 'Test',
    url: 'https://status.test.example',
    components: [
      { id: 'api', name: 'API', checks: [{ type: 'tcp', host: 'db.test.example', port: 5432 }] },
      { id: 'email', name: 'Email' },
    ],
    reports,
  });
  const content: Content = { site, incidents, maintenance: windows, clockShiftMs: 0 };
  const monitor: MonitorView = {
    locations: [],
    components: {},
    daily: { api: checkedDays.map((date) => ({ date, checks: 1440, failures: 0, degraded: 0, latencyP50Ms: 50, latencyP95Ms: 90 })) },
    outages: outages.map(([from, to]) => ({ componentId: 'api', checkId: 'api', locations: ['eu-1'], startedAt: at(from), endedAt: to && at(to), reason: 'HTTP 503', why: null })),
  };
  return { content, monitor };
}

const day = (component: 'api' | 'email', input: ReturnType<typeof setup>, date = '2026-11-22') =>
  dailyUptime(componentTimeline(component, input.content, input.monitor, now), now, 3).find((d) => d.date === date)!;

/** Asserts the fields given; the uptime to 6 decimals. */
function expectDay(result: ReturnType<typeof day>, expected: Record<string, unknown>) {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'number' && key === 'uptimePercent') expect(result.uptimePercent).toBeCloseTo(value, 6);
    else expect(result[key as keyof typeof result], key).toEqual(value);
  }
}

describe('a day of uptime', () => {
  const cases = [
    { name: 'no record of the day', component: 'api', input: { checkedDays: [] }, expected: { uptimePercent: null, worst: null, minutesDown: 0 } },
    { name: 'checked, nothing wrong', component: 'api', input: {}, expected: { uptimePercent: 100, worst: 'operational', minutesDown: 0 } },
    { name: 'a confirmed outage of an hour', component: 'api', input: { outages: [['10:00', '11:00']] }, expected: { uptimePercent: 100 * (1 - 60 / 1440), worst: 'major_outage', minutesDown: 60 } },
    { name: 'a partial outage counts 0.3', component: 'api', input: { incidents: [outageIncident('partial_outage', '10:00', '11:40')] }, expected: { uptimePercent: 100 * (1 - 30 / 1440), worst: 'partial_outage', minutesPartial: 100, minutesDown: 0 } },
    { name: 'degraded does not count as down', component: 'api', input: { incidents: [outageIncident('degraded_performance', '10:00', '12:00')] }, expected: { uptimePercent: 100, worst: 'degraded_performance', minutesDegraded: 120 } },
    { name: 'an outage inside maintenance is left out', component: 'api', input: { outages: [['10:00', '11:00']], windows: [maintenance('09:30', '11:30')] }, expected: { uptimePercent: 100, worst: 'under_maintenance', minutesDown: 0, minutesMaintenance: 120 } },
    { name: 'an outage half inside maintenance', component: 'api', input: { outages: [['10:30', '11:30']], windows: [maintenance('10:00', '11:00')] }, expected: { uptimePercent: 100 * (1 - 30 / 1380), minutesDown: 30, minutesMaintenance: 60 } },
    { name: 'the worst status wins where they overlap', component: 'api', input: { outages: [['11:00', '11:30']], incidents: [outageIncident('partial_outage', '10:00', '12:00')] }, expected: { uptimePercent: 100 * (1 - (30 + 0.3 * 90) / 1440), minutesDown: 30, minutesPartial: 90 } },
    { name: 'an incident and the monitor on the same outage count once', component: 'api', input: { outages: [['10:00', '11:00']], incidents: [outageIncident('major_outage', '10:10', '11:10')] }, expected: { minutesDown: 70 } },
    { name: 'an outage across midnight is cut in UTC', component: 'api', input: { outages: [['23:30', '2026-11-23T00:30:00Z']] }, expected: { minutesDown: 30 } },
    { name: 'a component without checks: incidents alone', component: 'email', input: { incidents: [outageIncident('major_outage', '10:00', '11:00')] }, expected: { uptimePercent: 100 * (1 - 60 / 1440), minutesDown: 60 } },
    { name: 'a component without checks and no incident', component: 'email', input: { checkedDays: [] }, expected: { uptimePercent: 100, worst: 'operational' } },
  ] as const;
  it.each(cases)('$name', ({ component, input, expected }) => expectDay(day(component, setup(input as Parameters<typeof setup>[0])), expected));

  // The same day under other `reports` rules from site.yaml: each rule changes only what it names.
  const ruleCases = [
    { name: 'outages: incidents ignores the pinger', input: { outages: [['10:00', '11:00']], incidents: [outageIncident('partial_outage', '12:00', '13:00')], reports: { outages: 'incidents' } }, expected: { uptimePercent: 100 * (1 - 18 / 1440), minutesDown: 0, minutesPartial: 60 } },
    { name: 'outages: monitor ignores incidents', input: { outages: [['10:00', '11:00']], incidents: [outageIncident('partial_outage', '12:00', '13:00')], reports: { outages: 'monitor' } }, expected: { uptimePercent: 100 * (1 - 60 / 1440), minutesDown: 60, minutesPartial: 0 } },
    { name: 'a partial outage weighted 0.5', input: { incidents: [outageIncident('partial_outage', '10:00', '11:00')], reports: { weights: { partial_outage: 0.5 } } }, expected: { uptimePercent: 100 * (1 - 30 / 1440) } },
    { name: 'degraded weighted 0.1', input: { incidents: [outageIncident('degraded_performance', '10:00', '12:00')], reports: { weights: { degraded_performance: 0.1 } } }, expected: { uptimePercent: 100 * (1 - 12 / 1440), minutesDegraded: 120 } },
    { name: 'maintenance: include counts the outage inside it', input: { outages: [['10:00', '11:00']], windows: [maintenance('09:30', '11:30')], reports: { maintenance: 'include' } }, expected: { uptimePercent: 100 * (1 - 60 / 1440), minutesDown: 60, minutesMaintenance: 120, worst: 'major_outage' } },
    { name: 'noData: up counts a day without record as up', input: { checkedDays: [] as string[], reports: { noData: 'up' } }, expected: { uptimePercent: 100, worst: null } },
    { name: 'noData: down counts a day without record as down', input: { checkedDays: [] as string[], reports: { noData: 'down' } }, expected: { uptimePercent: 0, worst: null } },
  ] as const;
  it.each(ruleCases)('$name', ({ input, expected }) => expectDay(day('api', setup(input as Parameters<typeof setup>[0])), expected));

  it('today counts only up to now', () => {
    const today = day('api', setup({ outages: [['2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z']] }), '2026-11-23');
    expect(today.uptimePercent).toBeCloseTo(100 * (1 - 60 / 720), 6);
  });

  it('lists the incidents of each day', () => {
    const input = setup({ incidents: [outageIncident('partial_outage', '23:00', '2026-11-23T01:00:00Z')] });
    const days = dailyUptime(componentTimeline('api', input.content, input.monitor, now), now, 3);
    expect(days.map((d) => [d.date, d.incidents.map((i) => i.title)])).toEqual([
      ['2026-11-21', []],
      ['2026-11-22', ['Trouble at 23:00']],
      ['2026-11-23', ['Trouble at 23:00']],
    ]);
  });

  it('an open outage lasts until now', () => {
    const today = day('api', setup({ outages: [['2026-11-23T11:00:00Z', null]] }), '2026-11-23');
    expect(today.minutesDown).toBe(60);
  });
});

describe('a timeline since a moment', () => {
  it('leaves out what ended by then, and every figure from then on is the same', () => {
    const input = setup({
      outages: [['2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'], ['2026-11-21T23:00:00Z', '2026-11-22T01:00:00Z'], ['11:00', null]],
      incidents: [outageIncident('partial_outage', '2026-11-20T08:00:00Z', '2026-11-20T09:00:00Z'), outageIncident('major_outage', '2026-11-21T22:00:00Z', '2026-11-22T00:30:00Z')],
      windows: [maintenance('2026-11-20T02:00:00Z', '2026-11-20T03:00:00Z'), maintenance('2026-11-21T23:30:00Z', '2026-11-22T02:00:00Z')],
      checkedDays: ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'],
    });
    const since = Date.parse('2026-11-22T00:00:00Z');
    const [whole, part] = [componentTimeline('api', input.content, input.monitor, now), componentTimeline('api', input.content, input.monitor, now, since)];
    expect([part.spans.length, part.maintenance.length, part.incidents.length]).toEqual([whole.spans.length - 2, 1, 1]);
    expect(dailyUptime(part, now, 2)).toEqual(dailyUptime(whole, now, 2));
    for (const from of [since, since + 3_600_000]) expect(uptimePercent(part, from, now.getTime())).toBe(uptimePercent(whole, from, now.getTime()));
  });
});

describe('a timeline from a moment on, through years of incidents', () => {
  it('still finds an incident opened long ago and never resolved, behind older ones that ended', () => {
    const opened = { at: '2025-11-01T00:00:00Z', status: 'investigating', message: 'Looking.' };
    const longOne = (updates: object[]) => incident('i-open', { title: 'Open for a year', impact: 'minor', components: { api: 'degraded_performance' }, updates });
    const open = longOne([opened]);
    // Newest first, as content lists them: a recent one, one that ended long ago, the one still open.
    const incidents = [outageIncident('major_outage', '2026-11-22T10:00:00Z', '2026-11-22T11:00:00Z'), outageIncident('partial_outage', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z'), open];
    const input = setup({ incidents });
    const part = componentTimeline('api', input.content, input.monitor, now, Date.parse('2026-11-21T00:00:00Z'));
    expect(part.incidents.map((i) => i.id)).toEqual(['i-2026-11-22T10:00:00Z', 'i-open']);
    expect(part.spans.map((s) => s.status)).toEqual(['major_outage', 'degraded_performance']);
    // Resolved, it ends before the moment: left out with the other old one.
    const resolved = longOne([opened, { at: '2025-12-01T00:00:00Z', status: 'resolved', message: 'Fixed.' }]);
    const after = componentTimeline('api', setup({ incidents: [incidents[0]!, incidents[1]!, resolved] }).content, input.monitor, now, Date.parse('2026-11-21T00:00:00Z'));
    expect(after.incidents.map((i) => i.id)).toEqual(['i-2026-11-22T10:00:00Z']);
  });
});

describe('days at once', () => {
  it('gives each day what cutting it alone gives, today counted up to now', () => {
    const input = setup({
      outages: [['2026-11-20T23:00:00Z', '2026-11-21T01:00:00Z'], ['2026-11-22T00:00:00Z', '2026-11-22T00:30:00Z'], ['11:00', null]],
      incidents: [outageIncident('partial_outage', '2026-11-21T22:00:00Z', '2026-11-22T02:30:00Z'), outageIncident('degraded_performance', '2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z')],
      windows: [maintenance('2026-11-21T23:30:00Z', '2026-11-22T02:00:00Z')],
      checkedDays: ['2026-11-20', '2026-11-21', '2026-11-23'],
    });
    const timeline = componentTimeline('api', input.content, input.monitor, now);
    const first = Date.parse('2026-11-19T00:00:00Z');
    const days = daysUptime(timeline, first, 5, now);
    expect(days.map((d) => d.date)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(days).toEqual(days.map((_, i) => dayUptime(timeline, first + i * 86_400_000, now)));
    expect(days.filter((d) => d.minutesDown > 0 || d.minutesPartial > 0 || d.minutesMaintenance > 0).length).toBeGreaterThanOrEqual(3);
    expect(daysUptime(timeline, first, 0, now)).toEqual([]);
  });

  it('tells a day with a record and nothing else without cutting it, as cutting it would', () => {
    const input = setup({ outages: [['2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z']], checkedDays: ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'] });
    const timeline = componentTimeline('api', input.content, input.monitor, now);
    // The whole timeline has a span (on another day), so each day is cut into pieces; daysUptime hands each day only
    // what touches it, so the clear ones (the 21st, the 22nd, today up to now) take the short way.
    const days = daysUptime(timeline, Date.parse('2026-11-20T00:00:00Z'), 4, now);
    expect(days.map((d) => [d.date, d.uptimePercent, d.worst])).toEqual([
      ['2026-11-20', 100 * (1 - 60 / 1440), 'major_outage'],
      ['2026-11-21', 100, 'operational'],
      ['2026-11-22', 100, 'operational'],
      ['2026-11-23', 100, 'operational'],
    ]);
    expect(days).toEqual(days.map((d) => dayUptime(timeline, Date.parse(`${d.date}T00:00:00Z`), now)));
  });
});

describe('uptime over windows', () => {
  it('covers 24 hours, 7, 30 and 90 days, counting only the time on record', () => {
    const input = setup({ outages: [['2026-11-23T11:00:00Z', '2026-11-23T11:36:00Z']], checkedDays: ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'] });
    const windows = uptimeOverWindows(componentTimeline('api', input.content, input.monitor, now), now);
    expect(windows.map((w) => w.label)).toEqual(['24 hours', '7 days', '30 days', '90 days']);
    expect(windows[0]!.percent).toBeCloseTo(100 * (1 - 36 / 1440), 6);
    // 3.5 days on record: the same for every longer window.
    const onRecord = 3.5 * 1440;
    for (const w of windows.slice(1)) expect(w.percent).toBeCloseTo(100 * (1 - 36 / onRecord), 6);
  });

  it('gives each window the figure cutting that window alone gives', () => {
    const input = setup({
      outages: [['2026-11-22T11:30:00Z', '2026-11-22T12:30:00Z'], ['2026-10-30T00:00:00Z', '2026-10-30T05:00:00Z']],
      incidents: [outageIncident('partial_outage', '2026-11-22T08:00:00Z', '2026-11-23T02:00:00Z'), outageIncident('major_outage', '2026-11-10T00:00:00Z', '2026-11-10T03:00:00Z')],
      windows: [maintenance('2026-11-16T10:00:00Z', '2026-11-16T14:00:00Z')],
      checkedDays: Array.from({ length: 40 }, (_, i) => new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10)),
    });
    const timeline = componentTimeline('api', input.content, input.monitor, now);
    const windows = uptimeOverWindows(timeline, now);
    expect(new Set(windows.map((w) => w.percent)).size).toBe(4);
    expect(windows.map((w) => w.percent)).toEqual([1, 7, 30, 90].map((days) => uptimePercent(timeline, now.getTime() - days * 86_400_000, now.getTime())));
  });

  it('is null with nothing on record', () => {
    const input = setup({ checkedDays: [] });
    expect(uptimePercent(componentTimeline('api', input.content, input.monitor, now), 0, now.getTime())).toBeNull();
  });
});

describe('spans', () => {
  const cases = [
    { spans: [[0, 10], [5, 20]], merged: [[0, 20]], overlap: [0, 30, 20] },
    { spans: [[0, 10], [10, 20]], merged: [[0, 20]], overlap: [5, 15, 10] },
    { spans: [[30, 40], [0, 10]], merged: [[0, 10], [30, 40]], overlap: [5, 35, 10] },
    { spans: [[0, 0], [3, 2]], merged: [], overlap: [0, 10, 0] },
  ];
  it.each(cases)('$spans', ({ spans, merged, overlap }) => {
    const s = spans.map(([start, end]) => ({ start: start!, end: end! }));
    expect(mergeSpans(s).map((x) => [x.start, x.end])).toEqual(merged);
    expect(overlapMs(s, overlap[0]!, overlap[1]!)).toBe(overlap[2]);
  });
});
