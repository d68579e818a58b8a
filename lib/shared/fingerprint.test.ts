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
