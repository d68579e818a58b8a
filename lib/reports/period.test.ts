import { describe, expect, it } from 'vitest';
import type { Incident } from '../content';
import { parsePeriod, reportPeriods } from './period';
import { afterNovember, month } from './testing/month';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('parsePeriod', () => {
  const cases = [
    { label: '2026-11', kind: 'month', from: '2026-11-01', to: '2026-12-01' },
    { label: '2026-12', kind: 'month', from: '2026-12-01', to: '2027-01-01' },
    { label: '2024-02', kind: 'month', from: '2024-02-01', to: '2024-03-01' },
    { label: '2026-Q4', kind: 'quarter', from: '2026-10-01', to: '2027-01-01' },
    { label: '2026-q1', kind: 'quarter', from: '2026-01-01', to: '2026-04-01', as: '2026-Q1' },
    { label: '2026', kind: 'year', from: '2026-01-01', to: '2027-01-01' },
  ];
  it.each(cases)('$label', ({ label, kind, from, to, as }) => {
    const period = parsePeriod(label)!;
    expect([period.label, period.kind, iso(period.from), iso(period.to)]).toEqual([as ?? label, kind, from, to]);
  });
  it.each(['2026-13', '2026-00', '2026-Q5', '26', 'november', '2026-11-01', ''])('refuses %j', (label) => expect(parsePeriod(label)).toBeNull());
});

describe('reportPeriods', () => {
  it('lists every month, quarter and year from the first record to now', () => {
    const { content, monitor } = month([]);
    const periods = reportPeriods(content, monitor, new Date('2027-01-15T00:00:00Z')).map((p) => p.label);
    expect(periods).toEqual(['2027-01', '2026-12', '2026-11', '2027-Q1', '2026-Q4', '2027', '2026']);
  });
  it('is the current period alone with nothing on record', () => {
    const { content } = month([]);
    expect(reportPeriods(content, null, afterNovember).map((p) => p.label)).toEqual(['2026-12', '2026-Q4', '2026']);
  });
  it('starts at the earliest of 200,000 incidents (too many to pass as arguments) and leaves out those not begun', () => {
    const { content } = month([]);
    const began = (i: number) => new Date(Date.UTC(2026, 10, 1) + (i % 1000) * 60_000).toISOString();
    const incidents = [...Array.from({ length: 200_000 }, (_, i) => began(i)), '2026-10-31T23:59:00.000Z', '2027-03-01T00:00:00.000Z'].map((at) => ({ began: at }) as unknown as Incident);
    expect(reportPeriods({ ...content, incidents }, null, afterNovember).map((p) => p.label)).toEqual(['2026-12', '2026-11', '2026-10', '2026-Q4', '2026']);
  });
});
