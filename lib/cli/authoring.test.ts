import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../content';
import { addedProblems, appendUpdate, editEntry, entryPath, exampleNotice, findEntry, newEntryId, readWorkspace, sameSlug, slugify, storedTime, type Workspace } from './authoring';

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
  const existing = ['2026-03-01-dns', '2026-03-02-api-errors'];
  const make = (title: string, slug?: string) => newEntryId(when, title, slug, existing, 'incident');
  it('names the UTC day and the slug', () => expect(make('Slow exports')).toBe('2026-03-15-slow-exports'));
  it('takes a given slug', () => expect(make('Slow exports', 'exports')).toBe('2026-03-15-exports'));
  it('refuses a slug outside [a-z0-9-]', () => expect(() => make('x', 'a/../b')).toThrow('--slug expects lowercase letters, digits and single dashes ([a-z0-9-]), got "a/../b"'));
  it('refuses a title with nothing to make a slug of', () => expect(() => make('障害')).toThrow('cannot make a file name from the title "障害"; give --slug'));
  it('refuses a --slug another entry already ends in', () =>
    expect(() => make('DNS again', 'dns')).toThrow('refused: --slug dns: 2026-03-01-dns already ends in "dns", so "dns" would name more than one incident; choose another --slug (nothing was written)'));
  it('refuses a --slug that is another entry\'s whole id', () => expect(() => make('x', '2026-03-01-dns')).toThrow('2026-03-01-dns already ends in "2026-03-01-dns"'));
  it('lets a title make a slug that is taken, which sameSlug then names', () => {
    const id = make('API errors');
    expect(id).toBe('2026-03-15-api-errors');
    expect(sameSlug(existing, id)).toEqual(['2026-03-02-api-errors']);
  });
});

describe('storedTime', () => {
  it('writes UTC with Z to the second', () => expect(storedTime(new Date('2026-03-14T11:05:30.999+01:00'), 0)).toBe('2026-03-14T10:05:30Z'));
  it('moves a time back by the example clock shift', () => expect(storedTime(new Date('2026-03-14T12:00:00Z'), 3_600_000)).toBe('2026-03-14T11:00:00Z'));
});

describe('findEntry', () => {
  const entries = ['2026-03-14-api-errors', '2026-03-01-dns', '2026-03-02-dns'];
  it('finds by id', () => expect(findEntry(entries, '2026-03-14-api-errors', 'incident')).toBe(entries[0]));
  it('finds by a slug only one entry has', () => expect(findEntry(entries, 'api-errors', 'incident')).toBe(entries[0]));
  it('refuses a slug several entries have', () => expect(() => findEntry(entries, 'dns', 'incident')).toThrow('refused: 2026-03-01-dns, 2026-03-02-dns all end in "dns"; give the whole id'));
  it('suggests the closest name', () => expect(() => findEntry(entries, 'api-eror', 'incident')).toThrow('refused: unknown incident "api-eror" (did you mean "api-errors"?)'));
});

describe('addedProblems', () => {
  const p = (file: string, line: number, message: string): Problem => ({ file, line, col: 1, field: 'x', message });
  it('keeps only what the change added, counting repeats', () => {
    const before = [p('a.md', 1, 'm'), p('b.md', 2, 'n')];
    expect(addedProblems(before, [p('b.md', 2, 'n'), p('a.md', 1, 'm')])).toEqual([]);
    expect(addedProblems(before, [p('a.md', 1, 'm'), p('c.md', 3, 'o'), p('b.md', 2, 'n'), p('b.md', 2, 'n')])).toEqual([p('c.md', 3, 'o'), p('b.md', 2, 'n')]);
  });
});

describe('exampleNotice', () => {
  const workspace = (exampleAnchor: string | null): Workspace => ({
    dir: 'content',
    site: null,
    exampleAnchor,
    clockShiftMs: exampleAnchor ? Date.parse('2026-11-25T15:30:00Z') - Date.parse(exampleAnchor) : 0,
    ids: { incidents: [], maintenance: [] },
    problemsOf: () => [],
  });
  it('says nothing on a real site', () => expect(exampleNotice(workspace(null))).toBeNull());
  it('on the example, says how times are stored and how to start a real site', () => {
    const notice = exampleNotice(workspace('2026-11-23T12:00:00Z'))!;
    expect(notice).toContain('content/site.yaml has exampleAnchor');
    expect(notice).toContain('moved forward by the time since 2026-11-23T12:00:00Z (2 d 3 h now)');
    expect(notice).toContain('"now" is stored as 2026-11-23T12:00:00Z');
    expect(notice).toContain('outpost init');
  });
});

describe('editEntry after the command read content/', () => {
  const fixture = path.join(__dirname, '..', 'content', 'fixtures', 'valid', 'full');
  const now = new Date('2026-11-23T12:00:00Z');
  const update = () => [appendUpdate({ at: '2026-03-14T09:00:00Z', status: 'identified', message: 'Found it.' })];
  const copy = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-edit-'));
    fs.cpSync(fixture, dir, { recursive: true });
    return dir;
  };
  const breakFile = (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^impact: .*$/m, 'impact: huge'));

  it('names the problems other files have when it writes, not only those they had when the command began', async () => {
    const dir = copy();
    const workspace = readWorkspace(dir, now);
    expect(workspace.problemsOf(entryPath(dir, 'incidents', '2026-03-14-docs-notice'))).toEqual([]);
    // Another file is broken by hand while the command waits (for a prompt, for the file's lock).
    breakFile(entryPath(dir, 'incidents', '2026-03-14-api-errors'));
    const result = await editEntry(dir, 'incidents', '2026-03-14-docs-notice', update, { now: () => now, workspace });
    expect(result.existing.map(formatProblem).join('\n')).toMatch(/2026-03-14-api-errors\.md:\d+:\d+ impact: expected none \| minor \| major \| critical, got "huge"/);
    expect(fs.readFileSync(entryPath(dir, 'incidents', '2026-03-14-docs-notice'), 'utf8')).toContain('Found it.');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses its own file broken since the command read it, as one broken before', async () => {
    const dir = copy();
    const workspace = readWorkspace(dir, now);
    const own = entryPath(dir, 'incidents', '2026-03-14-docs-notice');
    breakFile(own);
    const broken = fs.readFileSync(own, 'utf8');
    await expect(editEntry(dir, 'incidents', '2026-03-14-docs-notice', update, { now: () => now, workspace })).rejects.toThrow(/has 1 problem of its own; fix it by hand first \(nothing was written\)/);
    expect(fs.readFileSync(own, 'utf8')).toBe(broken);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
