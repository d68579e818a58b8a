import { describe, expect, it } from 'vitest';
import { formatDuration, formatUtc, monthKey, monthLabel, plural } from './format';

describe('formatUtc', () => {
  it.each([
    ['2026-11-23T10:40:00.000Z', '23 Nov 2026, 10:40 UTC'],
    ['2026-01-05T00:04:59.999Z', '5 Jan 2026, 00:04 UTC'],
    ['2026-12-31T23:59:00.000Z', '31 Dec 2026, 23:59 UTC'],
  ])('%s reads %s', (iso, text) => {
    expect(formatUtc(iso)).toBe(text);
  });
});

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
  it('keys and labels a month in UTC', () => {
    expect(monthKey('2026-11-30T23:59:00.000Z')).toBe('2026-11');
    expect(monthLabel('2026-11')).toBe('November 2026');
    expect(monthLabel('2027-01')).toBe('January 2027');
  });
});

describe('plural', () => {
  it('counts in the singular for one and the plural for any other number', () => {
    expect([0, 1, 2].map((n) => plural(n, 'incident'))).toEqual(['0 incidents', '1 incident', '2 incidents']);
    expect(plural(1, 'maintenance window')).toBe('1 maintenance window');
    expect(plural(3, 'fix', 'fixes')).toBe('3 fixes');
  });
});
