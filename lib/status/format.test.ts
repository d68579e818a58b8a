import { describe, expect, it } from 'vitest';
import { formatDuration, monthKey, plural } from './format';

describe('formatDuration', () => {
  it.each([
    [0, 'under a minute'],
    [29_000, 'under a minute'],
    [60_000, '1 min'],
    [38 * 60_000, '38 min'],
    [60 * 60_000, '1 h'],
    [66 * 60_000, '1 h 6 min'],
    [24 * 3_600_000, '1 d'],
    [(51 * 60 + 20) * 60_000, '2 d 3 h'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('months', () => {
  it('keys a month in UTC', () => {
    expect(monthKey('2026-11-30T23:59:00.000Z')).toBe('2026-11');
  });
});

describe('plural', () => {
  it('counts in the singular for one and the plural for any other number', () => {
    expect([0, 1, 2].map((n) => plural(n, 'incident'))).toEqual(['0 incidents', '1 incident', '2 incidents']);
    expect(plural(1, 'maintenance window')).toBe('1 maintenance window');
    expect(plural(3, 'fix', 'fixes')).toBe('3 fixes');
  });
});
