import { describe, expect, it } from 'vitest';
import { findEntry, newEntryId, slugify, storedTime } from './authoring';

describe('slugify', () => {
  it.each([
    ['Elevated API error rates', 'elevated-api-error-rates'],
    ['API: 503s on /v1', 'api-503s-on-v1'],
    ['Ça coûte — Zürich POP', 'ca-coute-zurich-pop'],
    ['  --Spaces   and dashes--  ', 'spaces-and-dashes'],
    ['!!!', ''],
    ['a'.repeat(30) + ' ' + 'b'.repeat(30) + ' c', 'a'.repeat(30)],
  ])('%j → %j', (title, slug) => expect(slugify(title)).toBe(slug));
});

describe('newEntryId', () => {
  const when = new Date('2026-03-14T23:30:00-02:00');
  it('names the UTC day and the slug', () => expect(newEntryId(when, 'Slow exports')).toBe('2026-03-15-slow-exports'));
  it('takes a given slug', () => expect(newEntryId(when, 'Slow exports', 'exports')).toBe('2026-03-15-exports'));
  it('refuses a slug outside [a-z0-9-]', () => expect(() => newEntryId(when, 'x', 'a/../b')).toThrow('--slug expects lowercase letters, digits and single dashes ([a-z0-9-]), got "a/../b"'));
  it('refuses a title with nothing to make a slug of', () => expect(() => newEntryId(when, '障害')).toThrow('cannot make a file name from the title "障害"; give --slug'));
});

describe('storedTime', () => {
  it('writes UTC with Z to the second', () => expect(storedTime(new Date('2026-03-14T11:05:30.999+01:00'), 0)).toBe('2026-03-14T10:05:30Z'));
  it('moves a time back by the example clock shift', () => expect(storedTime(new Date('2026-03-14T12:00:00Z'), 3_600_000)).toBe('2026-03-14T11:00:00Z'));
});

describe('findEntry', () => {
  const entries = [{ id: '2026-03-14-api-errors' }, { id: '2026-03-01-dns' }, { id: '2026-03-02-dns' }];
  it('finds by id', () => expect(findEntry(entries, '2026-03-14-api-errors', 'incident')).toBe(entries[0]));
  it('finds by a slug only one entry has', () => expect(findEntry(entries, 'api-errors', 'incident')).toBe(entries[0]));
  it('refuses a slug several entries have', () => expect(() => findEntry(entries, 'dns', 'incident')).toThrow('refused: 2026-03-01-dns, 2026-03-02-dns all end in "dns"; give the whole id'));
  it('suggests the closest name', () => expect(() => findEntry(entries, 'api-eror', 'incident')).toThrow('refused: unknown incident "api-eror" (did you mean "api-errors"?)'));
});
