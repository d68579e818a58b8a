import { describe, expect, test } from 'vitest';
import { fixtureData } from '@/lib/publish/fixtures/fixture';
import { seededRandom } from '@/lib/monitor/simulate';
import type { MonitorView, Outage } from '@/lib/status';
import { parsePeriod } from './period';
import { reportPageInput } from './page-input';

describe('a report’s input', () => {
  test('holds exactly the incidents and outages that overlap its period, in their order, whatever their spans', () => {
    const data = fixtureData();
    const random = seededRandom(7);
    const base = Date.parse('2025-10-01T00:00:00Z');
    const iso = (ms: number) => new Date(ms).toISOString();
    const [incident] = data.content.incidents;
    // 400 incidents over a year and a half: most short, some long, some still open, some beginning on a period's edge.
    const incidents = Array.from({ length: 400 }, (_, i) => {
      const start = i % 50 === 0 ? Date.parse('2026-06-01T00:00:00Z') : base + Math.floor(random() * 540) * 86_400_000 + Math.floor(random() * 86_400_000);
      const length = random() < 0.1 ? random() * 120 * 86_400_000 : random() * 6 * 3_600_000;
      const open = random() < 0.03;
      return { ...incident!, id: `incident-${i}`, began: iso(start), resolvedAt: open ? null : iso(start + length) };
    });
    const outages: Outage[] = incidents.slice(0, 100).map((i, n) => ({ componentId: 'api', checkId: `check-${n}`, locations: ['here'], startedAt: i.began, endedAt: i.resolvedAt, reason: 'HTTP 503', why: null }));
    const content = { ...data.content, incidents };
    const monitor: MonitorView = { locations: [], components: {}, daily: {}, upstream: [], outages };
    const now = new Date('2027-02-10T12:00:00Z');
    for (const label of ['2025-10', '2026-05', '2026-06', '2026-Q2', '2026-Q4', '2026', '2027-02']) {
      const period = parsePeriod(label)!;
      const to = Math.min(period.to, Math.floor(now.getTime() / 3_600_000) * 3_600_000);
      const overlaps = (start: string, end: string | null) => Date.parse(start) < to && (end === null || Date.parse(end) > period.from);
      const input = reportPageInput(period, content, monitor, now);
      const expected = incidents.filter((i) => overlaps(i.began, i.resolvedAt)).map((i) => i.id);
      expect(expected.length, label).toBeGreaterThan(0);
      expect(input.content.incidents.map((i) => i.id), label).toEqual(expected);
      expect(input.monitor!.outages.map((o) => o.checkId), label).toEqual(outages.filter((o) => overlaps(o.startedAt, o.endedAt)).map((o) => o.checkId));
    }
  });
});
