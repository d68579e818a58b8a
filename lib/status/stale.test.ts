import { describe, expect, it } from 'vitest';
import { isStale, staleAt } from './stale';

describe('stale after two intervals', () => {
  const now = new Date('2026-12-01T10:04:05.000Z');
  const cases = [
    { lastCheckedAt: '2026-12-01T10:04:00.000Z', intervalMs: 60_000, staleAt: '2026-12-01T10:06:00.000Z', stale: false },
    { lastCheckedAt: '2026-12-01T10:02:05.000Z', intervalMs: 60_000, staleAt: '2026-12-01T10:04:05.000Z', stale: false },
    { lastCheckedAt: '2026-12-01T10:02:04.999Z', intervalMs: 60_000, staleAt: '2026-12-01T10:04:04.000Z', stale: true },
    // Cut to the second, never later: checked at .999 it is stale from the whole second before two intervals.
    { lastCheckedAt: '2026-12-01T10:02:05.999Z', intervalMs: 60_000, staleAt: '2026-12-01T10:04:05.000Z', stale: false },
    { lastCheckedAt: '2026-12-01T09:55:00.000Z', intervalMs: 300_000, staleAt: '2026-12-01T10:05:00.000Z', stale: false },
    { lastCheckedAt: '2026-12-01T09:54:00.000Z', intervalMs: 300_000, staleAt: '2026-12-01T10:04:00.000Z', stale: true },
  ];
  it.each(cases)('last checked $lastCheckedAt every $intervalMs ms', (c) => {
    expect(new Date(staleAt(c.lastCheckedAt, c.intervalMs)!).toISOString()).toBe(c.staleAt);
    expect(isStale(c.lastCheckedAt, c.intervalMs, now)).toBe(c.stale);
  });

  it('no data is stale', () => {
    expect(staleAt(null, 60_000)).toBeNull();
    expect(isStale(null, 60_000, now)).toBe(true);
  });
});
