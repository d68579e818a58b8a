import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countedPart, loadContent } from '@/lib/content';
import { EntryCache } from '@/lib/content/cache';
import { addIncidentUpdate, copyFixture } from '@/lib/publish/fixtures/fixture';
import { fingerprint } from './fingerprint';

describe('fingerprint', () => {
  it('is the same for equal values, whatever was fingerprinted before, and differs for others', () => {
    const names = [{ id: 'api', name: 'API' }];
    const a = { names, poll: 5 };
    expect(fingerprint({ names: [{ id: 'api', name: 'API' }], poll: 5 })).toBe(fingerprint(a));
    expect(fingerprint(names)).toBe(fingerprint([{ id: 'api', name: 'API' }]));
    expect(fingerprint({ names, poll: 6 })).not.toBe(fingerprint(a));
    expect(fingerprint({ names: [{ id: 'api', name: 'Api' }], poll: 5 })).not.toBe(fingerprint(a));
  });

  it('of a list of values that stand alone, or of flat records, is what the replacer alone makes of it', () => {
    // fingerprint() as it is without its short ways for lists: every value through JSON.stringify's replacer.
    const standsAlone = (v: object) => (Array.isArray(v) ? typeof v[0] === 'object' && v[0] !== null : (typeof (v as { file?: unknown }).file === 'string' && Array.isArray((v as { updates?: unknown }).updates)));
    const reference = (value: unknown): string => {
      const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && v !== value && standsAlone(v) ? `#${reference(v)}` : v));
      return crypto.createHash('sha256').update(text).digest('base64url').slice(0, 22);
    };
    const entry = (n: number) => ({ file: `incidents/${n}.md`, title: `T${n}`, updates: [{ at: '2026-06-10T12:00:00Z', message: 'm' }] });
    const lists: unknown[][] = [
      [entry(1), entry(2), entry(3)],
      [{ date: '2026-06-10', checks: 3, p50: 1.5, none: null, gone: undefined }, { date: '2026-06-11', checks: 0, p50: Number.NaN, text: 'a "quoted" \u2028 line' }],
      // Not of either kind: a record holding a list, a list of lists, an entry beside a plain record, an empty list.
      [{ date: '2026-06-10', locations: [{ id: 'eu' }] }],
      [[entry(4)], [entry(5)]],
      [entry(6), { date: '2026-06-10' }],
      [3, 1.5, 'a', null, true],
      [3, { date: '2026-06-10' }],
      [],
    ];
    for (const list of lists) expect(fingerprint(list)).toBe(reference(list));
    expect(fingerprint({ days: lists[1], entries: lists[0] })).toBe(reference({ days: lists[1], entries: lists[0] }));
  });

  it('of an entry read through the entry cache is kept with it (and of its counted part), and is what hashing them gives', () => {
    const dir = copyFixture();
    const cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-fp-')), 'cache.json');
    // A new cache each time: read from its file, as the next process does.
    const load = () => loadContent(dir, { now: new Date('2026-06-10T12:00:00Z'), cache: new EntryCache(cacheFile) });
    const byValue = (value: unknown) => fingerprint(JSON.parse(JSON.stringify(value)));
    const keys = () => Object.fromEntries(load().incidents.map((i) => [i.id, [fingerprint(i), fingerprint(i.updates), fingerprint(countedPart(i))]]));
    const parsed = keys();
    const cached = new EntryCache(cacheFile);
    for (const incident of load().incidents) {
      expect(cached.fingerprints(path.resolve(dir, 'incidents', `${incident.id}.md`))).toEqual([byValue(incident), byValue(incident.updates), byValue(countedPart(incident))]);
    }
    expect(keys()).toEqual(parsed);
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out.');
    const edited = keys();
    expect(Object.keys(parsed).filter((id) => parsed[id]![0] !== edited[id]![0] || parsed[id]![1] !== edited[id]![1])).toEqual(['2026-06-10-api-errors']);
  });
});
