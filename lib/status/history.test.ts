import { describe, expect, it } from 'vitest';
import { incidentFrom, incidentSchema, maintenanceFrom, maintenanceSchema, siteSchema, type Content } from '../content';
import { historyEntries, historyPage, historyPageAfterRecent, historyPageCount, historyRecent } from './history';

const site = siteSchema.parse({ name: 'Test', url: 'https://status.test.example', components: [{ id: 'api', name: 'API' }] });

const incident = (id: string, at: string) =>
  incidentFrom(incidentSchema.parse({ title: id, impact: 'minor', updates: [{ at, status: 'investigating', message: 'x' }] }), { id, file: '', body: '' });
const window = (id: string, start: string, end: string) =>
  maintenanceFrom(maintenanceSchema.parse({ title: id, components: ['api'], start, end }), { id, file: '', body: '' });

describe('historyEntries', () => {
  it('lists incidents that have begun and windows that are over, newest first', () => {
    const content: Content = {
      site,
      incidents: [incident('future', '2026-03-20T00:00:00Z'), incident('march', '2026-03-02T00:00:00Z'), incident('january', '2026-01-31T23:59:00Z')],
      maintenance: [window('february', '2026-02-01T00:00:00Z', '2026-02-01T01:00:00Z'), window('now', '2026-03-10T00:00:00Z', '2026-03-20T00:00:00Z'), window('upcoming', '2026-04-01T00:00:00Z', '2026-04-01T01:00:00Z')],
      clockShiftMs: 0,
    };
    const entries = historyEntries(content, new Date('2026-03-15T00:00:00Z'));
    // The window in progress ('now') is not history yet; it is once it has ended.
    expect(entries.map((e) => [e.kind, e.kind === 'incident' ? e.incident.id : e.maintenance.id])).toEqual([
      ['incident', 'march'],
      ['maintenance', 'february'],
      ['incident', 'january'],
    ]);
    expect(historyEntries(content, new Date('2026-03-21T00:00:00Z')).map((e) => (e.kind === 'incident' ? e.incident.id : e.maintenance.id))).toEqual(['future', 'now', 'march', 'february', 'january']);
  });
});

describe('history pages', () => {
  const content: Content = {
    site,
    // One incident a day for 60 days: 2026-01-01 … 2026-03-01.
    incidents: Array.from({ length: 60 }, (_, i) => incident(`i${i}`, new Date(Date.UTC(2026, 0, 1 + i, 12)).toISOString())).reverse(),
    maintenance: [],
    clockShiftMs: 0,
  };
  const entries = historyEntries(content, new Date('2026-06-01T00:00:00Z'));

  it.each([
    [0, 1],
    [1, 1],
    [25, 1],
    [26, 2],
    [60, 3],
  ])('%i entries make %i page(s)', (count, pages) => {
    expect(historyPageCount(entries.slice(0, count))).toBe(pages);
  });

  it.each([
    [1, [['2026-01', 25]]],
    [2, [['2026-02', 19], ['2026-01', 6]]],
    [3, [['2026-03', 1], ['2026-02', 9]]],
    [4, []],
  ] as const)('page %i, numbered from the oldest: its entries grouped by month, newest first', (n, months) => {
    const page = historyPage(entries, n);
    expect(page.map((m) => [m.month, m.entries.length])).toEqual(months);
    const starts = page.flatMap((m) => m.entries.map((e) => e.at));
    expect(starts).toEqual(starts.toSorted().reverse());
  });

  it('every entry is on exactly one page', () => {
    const onPages = [3, 2, 1].flatMap((n) => historyPage(entries, n).flatMap((m) => m.entries));
    expect(onPages).toEqual(entries);
  });

  it('/history shows the newest 25, and links on to the page that holds the 26th', () => {
    expect(historyRecent(entries).map((m) => [m.month, m.entries.length])).toEqual([
      ['2026-03', 1],
      ['2026-02', 24],
    ]);
    const page = historyPageAfterRecent(entries)!;
    expect(historyPage(entries, page).flatMap((m) => m.entries)).toContain(entries[25]);
    expect(historyPageAfterRecent(entries.slice(0, 25))).toBeNull();
  });

  it('a new entry changes the newest page alone; one that starts a page adds it and changes no other', () => {
    const before = entries.slice(1); // 59 entries: the newest not posted yet
    expect([1, 2].map((n) => historyPage(entries, n))).toEqual([1, 2].map((n) => historyPage(before, n)));
    expect(historyPage(entries, 3)).not.toEqual(historyPage(before, 3));
    const full = entries.slice(10); // 50 entries: two full pages
    const next = entries.slice(9); // one more starts page 3
    expect(historyPageCount(next)).toBe(3);
    expect([1, 2].map((n) => historyPage(next, n))).toEqual([1, 2].map((n) => historyPage(full, n)));
  });
});
