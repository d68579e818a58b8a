import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent, formatProblem, loadContent } from '.';
import { EntryCache } from './cache';

const fixture = path.join(__dirname, 'fixtures', 'valid', 'full');
let dir: string;
let cacheFile: string;
const incident = () => path.join(dir, 'incidents', '2026-03-14-api-errors.md');
// The fixture's times move with the clock (exampleAnchor): one moment for every load.
const now = new Date('2026-11-23T12:00:00Z');
const load = () => loadContent(dir, { now, cache: new EntryCache(cacheFile) });
const check = () => checkContent(dir, { now, cache: new EntryCache(cacheFile) }).problems.map(formatProblem);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cache-'));
  fs.cpSync(fixture, dir, { recursive: true });
  cacheFile = path.join(dir, '.cache', 'content.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the entry cache', () => {
  it('gives the same content as a load without it, and keeps every valid entry on disk', () => {
    const first = load();
    expect(first).toEqual(loadContent(dir, { now }));
    expect(load()).toEqual(first);
    const saved = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(saved.entries).sort()).toEqual([...fs.readdirSync(path.join(dir, 'incidents')).map((f) => path.join(dir, 'incidents', f)), ...fs.readdirSync(path.join(dir, 'maintenance')).map((f) => path.join(dir, 'maintenance', f))].sort());
  });

  it('reuses an entry while its file is unchanged: the file is not parsed again', () => {
    load();
    // Change the remembered entry, not the file: a load that reused it shows the change.
    const saved = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    saved.entries[incident()].entry.title = 'Remembered, not parsed';
    fs.writeFileSync(cacheFile, JSON.stringify(saved));
    expect(load().incidents.find((i) => i.id === '2026-03-14-api-errors')?.title).toBe('Remembered, not parsed');
  });

  it('parses a changed file again: a new title shows, a new mistake is reported with its line', () => {
    load();
    const text = fs.readFileSync(incident(), 'utf8');
    fs.writeFileSync(incident(), text.replace(/^title: .*$/m, 'title: Elevated API errors, now understood'));
    expect(load().incidents.find((i) => i.id === '2026-03-14-api-errors')?.title).toBe('Elevated API errors, now understood');
    fs.writeFileSync(incident(), text.replace(/^impact: .*$/m, 'impact: huge'));
    expect(check().join('\n')).toMatch(/2026-03-14-api-errors\.md:\d+:9 impact: expected none \| minor \| major \| critical, got "huge"/);
  });

  it('checks every entry again when the components change: a removed component is reported in the files that use it', () => {
    const before = load();
    const used = before.incidents.flatMap((i) => Object.keys(i.components));
    expect(used).toContain('api');
    const site = path.join(dir, 'site.yaml');
    const text = fs.readFileSync(site, 'utf8');
    fs.writeFileSync(site, text.replace(/\bid: api\b/, 'id: api2'));
    expect(check().join('\n')).toMatch(/components\.api: unknown component "api"/);
  });

  it('forgets a deleted file, and reads a new one', () => {
    load();
    fs.rmSync(incident());
    fs.writeFileSync(path.join(dir, 'incidents', '2026-03-15-new.md'), fs.readFileSync(path.join(fixture, 'incidents', '2026-03-14-api-errors.md'), 'utf8'));
    const ids = load().incidents.map((i) => i.id);
    expect(ids).not.toContain('2026-03-14-api-errors');
    expect(ids).toContain('2026-03-15-new');
    const saved = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(saved.entries)).not.toContain(incident());
  });

  it('keeps a changed entry as a line of its journal, read by the next process, until the journal is long', () => {
    const journal = cacheFile.replace(/\.json$/, '.log');
    load();
    const whole = fs.readFileSync(cacheFile, 'utf8');
    const text = fs.readFileSync(incident(), 'utf8');
    fs.writeFileSync(incident(), text.replace(/^title: .*$/m, 'title: Changed once'));
    expect(load().incidents.find((i) => i.id === '2026-03-14-api-errors')?.title).toBe('Changed once');
    // The cache file as it was; the change is one line of the journal, and the next load takes the entry from there.
    expect(fs.readFileSync(cacheFile, 'utf8')).toBe(whole);
    const lines = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as { abs: string }).abs)).toEqual([incident()]);
    fs.writeFileSync(journal, fs.readFileSync(journal, 'utf8').replace('Changed once', 'Remembered from the journal'));
    expect(load().incidents.find((i) => i.id === '2026-03-14-api-errors')?.title).toBe('Remembered from the journal');
    // A line torn by a process killed while writing is skipped, and the lines after it are read.
    fs.appendFileSync(journal, '{"code":"torn');
    fs.writeFileSync(incident(), text.replace(/^title: .*$/m, 'title: Changed after a torn line'));
    expect(load().incidents.find((i) => i.id === '2026-03-14-api-errors')?.title).toBe('Changed after a torn line');
    expect(load().incidents.find((i) => i.id === '2026-03-14-api-errors')?.title).toBe('Changed after a torn line');
    // Grown past a quarter of the cache file, the journal is folded into it at the next save.
    let title = '';
    let before = 0;
    for (let i = 0; i < 100; i++) {
      before = fs.existsSync(journal) ? fs.statSync(journal).size : 0;
      title = `Change ${i}`;
      fs.writeFileSync(incident(), text.replace(/^title: .*$/m, `title: ${title}`));
      load();
      if (before > 0 && !fs.existsSync(journal)) break;
    }
    expect(fs.existsSync(journal)).toBe(false);
    expect(before).toBeGreaterThan(fs.statSync(cacheFile).size / 4);
    const saved = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, { entry: { title: string } }> };
    expect(saved.entries[incident()]!.entry.title).toBe(title);
  });

  it('ignores journal lines of other code', () => {
    const journal = cacheFile.replace(/\.json$/, '.log');
    load();
    const text = fs.readFileSync(incident(), 'utf8');
    fs.writeFileSync(incident(), text.replace(/^title: .*$/m, 'title: Changed once'));
    load();
    fs.writeFileSync(journal, fs.readFileSync(journal, 'utf8').replace('Changed once', 'From other code').replace(/"code":"[^"]*"/, '"code":"older"'));
    expect(load().incidents.find((i) => i.id === '2026-03-14-api-errors')?.title).toBe('Changed once');
  });

  it('removes the cache files of content folders not loaded for 30 days, and keeps the others', () => {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const [stale, recent] = ['content-0badc0de.json', 'content-0000beef.json'].map((name) => path.join(path.dirname(cacheFile), name));
    for (const file of [stale!, recent!]) fs.writeFileSync(file, '{}');
    const old = new Date(Date.now() - 31 * 86_400_000);
    fs.utimesSync(stale!, old, old);
    load();
    expect(fs.existsSync(stale!)).toBe(false);
    expect(fs.existsSync(recent!)).toBe(true);
  });

  it('ignores a corrupt cache or one from other code, and replaces it', () => {
    const expected = loadContent(dir, { now });
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(cacheFile, '{"entries": {"trunc');
    expect(load()).toEqual(expected);
    const saved = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    saved.entries[incident()].entry.title = 'From other code';
    saved.code = 'an older loader';
    fs.writeFileSync(cacheFile, JSON.stringify(saved));
    expect(load()).toEqual(expected);
  });

  it('keeps site.yaml as read while it is unchanged, and reads it again once it changed', () => {
    load();
    const saved = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    saved.site.read.site.name = 'Remembered, not parsed';
    fs.writeFileSync(cacheFile, JSON.stringify(saved));
    expect(load().site.name).toBe('Remembered, not parsed');
    const site = path.join(dir, 'site.yaml');
    fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace(/^name: .*$/m, 'name: Renamed'));
    expect(load().site.name).toBe('Renamed');
    // A problem in it is found again, not remembered away.
    fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace(/^name: .*$/m, 'name: [unclosed'));
    expect(check().join('\n')).toMatch(/site\.yaml:\d+:\d+/);
  });

  it('tells whether a file is still the valid one it holds (what a CLI edit that waited for a lock asks)', () => {
    const cache = new EntryCache(cacheFile);
    checkContent(dir, { now, cache });
    expect(cache.holdsValid(incident())).toBe(true);
    const text = fs.readFileSync(incident(), 'utf8');
    fs.writeFileSync(incident(), text.replace(/^title: .*$/m, 'title: Changed while waiting'));
    expect(cache.holdsValid(incident())).toBe(false);
    // Broken, then read: a broken file is never held as valid.
    fs.writeFileSync(incident(), text.replace(/^impact: .*$/m, 'impact: huge'));
    checkContent(dir, { now, cache });
    expect(cache.holdsValid(incident())).toBe(false);
    expect(cache.holdsValid(path.join(dir, 'incidents', 'no-such-file.md'))).toBe(false);
  });

  it('with saveLater, is written when the caller saves it, and a save with nothing loaded since forgets nothing', () => {
    const cache = new EntryCache(cacheFile);
    checkContent(dir, { now, cache, saveLater: true });
    expect(fs.existsSync(cacheFile)).toBe(false);
    cache.save();
    const saved = () => Object.keys((JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, unknown> }).entries);
    expect(saved()).toContain(incident());
    // A second save (a CLI edit after the publish it ended with already saved) keeps every entry.
    cache.save();
    expect(saved()).toContain(incident());
    expect(saved()).toHaveLength(fs.readdirSync(path.join(dir, 'incidents')).length + fs.readdirSync(path.join(dir, 'maintenance')).length);
  });

  it('a check of some files (only) reads those and site.yaml, and its save forgets none of the others', () => {
    load();
    const saved = () => Object.keys((JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, unknown> }).entries);
    const all = saved();
    const other = path.join(dir, 'incidents', '2026-03-14-docs-notice.md');
    fs.writeFileSync(other, fs.readFileSync(other, 'utf8').replace(/^impact: .*$/m, 'impact: huge'));
    fs.writeFileSync(incident(), fs.readFileSync(incident(), 'utf8').replace(/^impact: .*$/m, 'impact: vast'));
    const cache = new EntryCache(cacheFile);
    const result = checkContent(dir, { now, cache, only: new Set([incident()]), saveLater: true });
    // The file asked for is read as it is now; the other broken one is not read at all.
    expect(result.problems.map(formatProblem).join('\n')).toMatch(/2026-03-14-api-errors\.md:\d+:\d+ impact: .*got "vast"/);
    expect(result.problems.map(formatProblem).join('\n')).not.toContain('docs-notice');
    expect(result.site?.components.length).toBeGreaterThan(0);
    expect(result.content).toBeNull();
    cache.save();
    expect(saved()).toEqual(all);
  });
});
