import { describe, expect, it } from 'vitest';
import { isStale, staleAt } from './stale';

describe('stale after two intervals', () => {
  const now = new Date('2026-12-01T10:04:05.123Z');
  const cases = [
    { lastCheckedAt: '2026-12-01T10:04:00.000Z', intervalMs: 60_000, staleAt: '2026-12-01T10:06:00.000Z', stale: false },
    { lastCheckedAt: '2026-12-01T10:02:05.123Z', intervalMs: 60_000, staleAt: '2026-12-01T10:04:05.123Z', stale: false },
    { lastCheckedAt: '2026-12-01T10:02:05.122Z', intervalMs: 60_000, staleAt: '2026-12-01T10:04:05.122Z', stale: true },
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
