import { describe, expect, it } from 'vitest';
import { componentTimeline, dailyUptime, uptimeOverWindows } from '../status';
import { parsePeriod } from './period';
import { computeReport, sourceKey, type ComponentReport } from './report';
import { afterNovember, at, month, nov, novemberEvents as events, type MonthEvent } from './testing/month';

const november = parsePeriod('2026-11')!;
const monthSeconds = 30 * 86_400;
const outage = 'outage:api';
type Row = [from: string, to: string, status: string, seconds: number, lostSeconds: number, records: string[]];
type Expected = { counted: number; lost: number; down?: number; partial?: number; degraded?: number; maintenance?: number; noData?: number; lostRows: Row[]; leftOut?: [string, string, string, number, string[]][] };

const cases: { name: string; event: MonthEvent; expected: Expected }[] = [
  {
    name: 'two locations disagree: one of two confirms nothing',
    event: events.disagree,
    expected: { counted: monthSeconds, lost: 0, lostRows: [] },
  },
  {
    name: 'two locations overlap: only the time both saw counts',
    event: events.overlap,
    expected: { counted: monthSeconds, lost: 2400, down: 2400, lostRows: [[at(12, '08:20:00'), at(12, '09:00:00'), 'major_outage', 2400, 2400, [`${outage}:${at(12, '08:20:00')}`]]] },
  },
  {
    name: 'a gap in data: a day no location checked is left out',
    event: events.gap,
    expected: { counted: monthSeconds - 86_400, lost: 0, noData: 86_400, lostRows: [], leftOut: [[at(10, '00:00:00'), at(11, '00:00:00'), 'no data', 86_400, []]] },
  },
  {
    name: 'a day only one location checked: its outage alone is the quorum',
    event: events.oneChecking,
    expected: { counted: monthSeconds, lost: 600, down: 600, lostRows: [[at(20, '14:00:00'), at(20, '14:10:00'), 'major_outage', 600, 600, [`${outage}:${at(20, '14:00:00')}`]]] },
  },
  {
    name: 'an outage overlapping a maintenance window counts only outside it',
    event: events.maintenance,
    expected: {
      counted: monthSeconds - 7200,
      lost: 930,
      down: 930,
      maintenance: 7200,
      lostRows: [[at(15, '04:00:00'), at(15, '04:15:30'), 'major_outage', 930, 930, [`${outage}:${at(15, '03:30:00')}`]]],
      leftOut: [[at(15, '02:00:00'), at(15, '04:00:00'), 'maintenance', 7200, [`${outage}:${at(15, '03:30:00')}`]]],
    },
  },
  {
    name: 'a partial outage (0.3), then degraded (0), with a confirmed outage inside',
    event: events.partial,
    expected: {
      counted: monthSeconds,
      lost: 180 + 600 + 360,
      down: 600,
      partial: 1800,
      degraded: 1200,
      lostRows: [
        [at(22, '13:00:00'), at(22, '13:10:00'), 'partial_outage', 600, 180, ['incident:slow-api']],
        [at(22, '13:10:00'), at(22, '13:20:00'), 'major_outage', 600, 600, [`${outage}:${at(22, '13:10:00')}`]],
        [at(22, '13:20:00'), at(22, '13:40:00'), 'partial_outage', 1200, 360, ['incident:slow-api']],
      ],
    },
  },
  {
    name: 'an incident and a confirmed outage of the same time count once',
    event: events.declaredAndConfirmed,
    expected: {
      counted: monthSeconds,
      lost: 3600,
      down: 3600,
      lostRows: [
        [at(25, '09:00:00'), at(25, '09:30:00'), 'major_outage', 1800, 1800, ['incident:api-down']],
        [at(25, '09:30:00'), at(25, '09:45:00'), 'major_outage', 900, 900, ['incident:api-down', `${outage}:${at(25, '09:30:00')}`]],
        [at(25, '09:45:00'), at(25, '10:00:00'), 'major_outage', 900, 900, [`${outage}:${at(25, '09:30:00')}`]],
      ],
    },
  },
];

function apiReport(events: readonly MonthEvent[], reports: Record<string, unknown> = {}): ComponentReport {
  const { content, monitor } = month(events, reports);
  return computeReport({ content, monitor, now: afterNovember, period: november, componentIds: ['api'] }).components[0]!;
}

function expectAccount(api: ComponentReport, expected: Expected) {
  expect(api.seconds).toEqual({
    period: monthSeconds,
    counted: expected.counted,
    lost: expected.lost,
    down: expected.down ?? 0,
    partial: expected.partial ?? 0,
    degraded: expected.degraded ?? 0,
    maintenance: expected.maintenance ?? 0,
    noData: expected.noData ?? 0,
    leftOut: monthSeconds - expected.counted,
  });
  expect(api.lost.map((r) => [r.from, r.to, r.status, r.seconds, r.lostSeconds, r.records.map(sourceKey)])).toEqual(expected.lostRows);
  expect(api.leftOut.map((r) => [r.from, r.to, r.reason, r.seconds, r.waived.map(sourceKey)])).toEqual(expected.leftOut ?? []);
  // What the reader does by hand: the rows add up to the totals, and the totals give the figure.
  expect(api.lost.reduce((sum, r) => sum + r.lostSeconds, 0)).toBe(expected.lost);
  expect(api.leftOut.reduce((sum, r) => sum + r.seconds, 0)).toBe(monthSeconds - expected.counted);
  expect(api.uptimePercent).toBe(100 * (1 - expected.lost / 60 / (expected.counted / 60)));
}

describe('a hand-computed November, event by event', () => {
  it.each(cases)('$name', ({ event, expected }) => expectAccount(apiReport([event]), expected));
});

describe('the whole month', () => {
  const all = Object.values(events);
  // 30 days less the silent 10th and the 2 h window; lost: 2400 + 600 + 930 + 1140 + 3600.
  const counted = monthSeconds - 86_400 - 7200;
  const lost = 8670;

  it('adds up every event, to the second', () => {
    const { content, monitor } = month(all);
    const report = computeReport({ content, monitor, now: afterNovember, period: november });
    const [api, email] = report.components;
    expectAccount(api!, {
      counted,
      lost,
      down: 2400 + 600 + 930 + 600 + 3600,
      partial: 1800,
      degraded: 1200,
      maintenance: 7200,
      noData: 86_400,
      lostRows: cases.flatMap((c) => c.expected.lostRows).sort((a, b) => a[0].localeCompare(b[0])),
      leftOut: cases.flatMap((c) => c.expected.leftOut ?? []).sort((a, b) => a[0].localeCompare(b[0])),
    });
    expect(api!.uptime).toBe('99.65%');
    // SLA 99.9: budget 0.1% of 2,498,400 s = 2,498.4 s, overspent by 6,171.6 s.
    expect(api!.sla).toEqual({ targetPercent: 99.9, met: false, budgetSeconds: 2498.4, budgetLeftSeconds: -6171.6 });
    // Email has no checks: judged on incidents alone, all its time counts.
    expect(email!.seconds).toMatchObject({ counted: monthSeconds, lost: 0, noData: 0 });
    expect([email!.uptimePercent, email!.sla]).toEqual([100, null]);
    expect(report.period).toEqual({ label: '2026-11', kind: 'month', from: at(1, '00:00:00'), to: '2026-12-01T00:00:00.000Z', countedTo: '2026-12-01T00:00:00.000Z', complete: true });
    expect(report.rules).toMatchObject({ outages: 'both', maintenance: 'exclude', noData: 'exclude', quorum: 'majority', locations: ['eu-1', 'us-1'] });
  });

  // The same month under other settings in site.yaml `reports:`.
  const rules: { name: string; reports: Record<string, unknown>; counted: number; lost: number; statement: string }[] = [
    { name: 'outages: monitor (incidents cost nothing)', reports: { outages: 'monitor' }, counted, lost: 2400 + 600 + 930 + 600 + 1800, statement: 'Only outages the pinger confirmed count' },
    { name: 'outages: incidents (the pinger costs nothing)', reports: { outages: 'incidents' }, counted, lost: 720 + 2700, statement: 'Only incidents count' },
    { name: 'maintenance: include (the outage inside the window counts)', reports: { maintenance: 'include' }, counted: counted + 7200, lost: lost + 1800, statement: 'Maintenance windows count like any other time' },
    { name: 'noData: up', reports: { noData: 'up' }, counted: counted + 86_400, lost, statement: 'counted as up' },
    { name: 'noData: down', reports: { noData: 'down' }, counted: counted + 86_400, lost: lost + 86_400, statement: 'counted as down' },
    { name: 'partial outage 1, degraded 0.5', reports: { weights: { partial_outage: 1, degraded_performance: 0.5 } }, counted, lost: lost - 540 + 1800 + 600, statement: 'partial outage 1, degraded performance 0.5' },
  ];
  it.each(rules)('$name', ({ reports, counted, lost, statement }) => {
    const { content, monitor } = month(all, reports);
    const report = computeReport({ content, monitor, now: afterNovember, period: november, componentIds: ['api'] });
    const api = report.components[0]!;
    expect([api.seconds.counted, api.seconds.lost]).toEqual([counted, lost]);
    expect(api.lost.reduce((sum, r) => sum + r.lostSeconds, 0)).toBeCloseTo(lost, 6);
    expect(api.uptimePercent).toBeCloseTo(100 * (1 - lost / counted), 10);
    expect(report.rules.statements.join('\n')).toContain(statement);
  });

  it('names the missing day as lost time when no data counts as down', () => {
    const api = apiReport(all, { noData: 'down' });
    expect(api.lost.find((r) => r.status === 'no data')).toEqual({ from: at(10, '00:00:00'), to: at(11, '00:00:00'), status: 'no data', seconds: 86_400, weight: 1, lostSeconds: 86_400, records: [] });
  });
});

describe('the report and the pages', () => {
  it('agree to the last digit on the same data: 30-day window and each day', () => {
    const { content, monitor } = month(Object.values(events));
    const report = computeReport({ content, monitor, now: afterNovember, period: november });
    for (const component of report.components) {
      const timeline = componentTimeline(component.id, content, monitor, afterNovember);
      // November has 30 days: the page's 30-day window at midnight on 1 December is the month.
      const window = uptimeOverWindows(timeline, afterNovember).find((w) => w.label === '30 days')!;
      expect(component.uptimePercent).toBe(window.percent);
      const days = dailyUptime(timeline, afterNovember, 90).filter((d) => d.date.startsWith('2026-11'));
      expect(component.days).toEqual(days);
    }
  });
});

describe('a period', () => {
  it('in progress counts up to now and says so', () => {
    const { content, monitor } = month([events.gap]);
    const now = new Date(`${nov(11)}T12:00:00Z`);
    const api = computeReport({ content, monitor, now, period: november, componentIds: ['api'] });
    expect(api.period).toMatchObject({ countedTo: now.toISOString(), complete: false });
    expect(api.components[0]!.seconds).toMatchObject({ period: 10.5 * 86_400, counted: 9.5 * 86_400, noData: 86_400 });
    expect(api.components[0]!.days.map((d) => d.date).at(-1)).toBe(nov(11));
  });

  it('that has not begun is refused', () => {
    const { content, monitor } = month([]);
    expect(() => computeReport({ content, monitor, now: afterNovember, period: parsePeriod('2027')! })).toThrow('period 2027 has not begun (it starts 2027-01-01T00:00:00.000Z)');
  });
});
