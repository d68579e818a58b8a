import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../content';
import { entryCacheFile } from '../content/cache';
import { addIncidentUpdate, copyFixture, fixtureContent, fixtureData, fixtureNoData, fixtureNow, fixtureSecrets } from './fixtures/fixture';
import { liveFile, liveFilePaths, publishLive } from './live';
import type { Snapshot } from './snapshot';

const tempOut = () => fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-out-'));
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('publishLive', () => {
  it('writes status.json and every api/v2 file, the same bytes a build ships', () => {
    const out = tempOut();
    const { files } = publishLive({ outDir: out, contentDir: fixtureContent, dataDir: fixtureNoData, now: fixtureNow });
    expect(files.map((f) => path.relative(out, f)).sort()).toEqual([...liveFilePaths].sort());
    const data = fixtureData();
    for (const file of liveFilePaths) expect(read(out, file)).toBe(liveFile(data, file));
    // Nothing half-written is left behind.
    expect(fs.readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
  });

  it('puts the open incidents with their latest update and the maintenance state in status.json', () => {
    const out = tempOut();
    publishLive({ outDir: out, contentDir: fixtureContent, dataDir: fixtureNoData, now: fixtureNow });
    const snapshot = JSON.parse(read(out, 'status.json')) as Snapshot;
    expect(snapshot).toMatchObject({ generatedAt: '2026-06-10T12:00:00.000Z', indicator: 'critical', description: 'Major System Outage' });
    expect(snapshot.components.find((c) => c.id === 'db')).toMatchObject({ status: 'degraded_performance', stale: true, flags: ['No recent monitoring data'] });
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.incidents[0]).toMatchObject({ id: '2026-06-10-api-errors', title: 'API errors', impact: 'major' });
    expect(snapshot.incidents[0]!.latest).toEqual({
      at: '2026-06-10T10:30:00.000Z',
      status: 'identified',
      words: 'Identified',
      html: '<p>The database is slow, so <strong>both</strong> are affected.</p>',
    });
    expect(snapshot.maintenance.map((m) => [m.id, m.state])).toEqual([
      ['2026-06-10-db-upgrade', 'in_progress'],
      ['2026-06-20-network', 'scheduled'],
    ]);
  });

  it('shows a new update and a status change on the next publish', () => {
    const out = tempOut();
    const dir = copyFixture();
    const halfPast = new Date('2026-06-10T13:30:00Z');
    publishLive({ outDir: out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });
    expect((JSON.parse(read(out, 'status.json')) as Snapshot).incidents[0]!.latest.status).toBe('monitoring');
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out.\n    components:\n      api: degraded_performance');
    publishLive({ outDir: out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });
    const snapshot = JSON.parse(read(out, 'status.json')) as Snapshot;
    expect(snapshot.incidents[0]!.latest).toMatchObject({ at: '2026-06-10T13:10:00.000Z', html: '<p>A fix is out.</p>' });
    expect(snapshot.components.find((c) => c.id === 'api')?.status).toBe('degraded_performance');
    fs.rmSync(dir, { recursive: true });
  });

  it('keeps the entries it parsed for the next publish, and reloads a file that changed', () => {
    const out = tempOut();
    const dir = copyFixture();
    fs.rmSync(entryCacheFile(dir), { force: true });
    const first = publishLive({ outDir: out, contentDir: dir, dataDir: fixtureNoData, now: fixtureNow }).data.content;
    expect(fs.existsSync(entryCacheFile(dir))).toBe(true);
    expect(publishLive({ outDir: out, contentDir: dir, dataDir: fixtureNoData, now: fixtureNow }).data.content).toEqual(first);
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out.');
    const edited = publishLive({ outDir: out, contentDir: dir, dataDir: fixtureNoData, now: fixtureNow }).data.content;
    expect(edited.incidents.find((i) => i.id === '2026-06-10-api-errors')?.updates).toHaveLength(4);
    fs.rmSync(dir, { recursive: true });
    fs.rmSync(entryCacheFile(dir), { force: true });
  });

  it('refuses invalid content before writing anything', () => {
    const out = tempOut();
    publishLive({ outDir: out, contentDir: fixtureContent, dataDir: fixtureNoData, now: fixtureNow });
    const before = read(out, 'status.json');
    const dir = copyFixture();
    fs.writeFileSync(path.join(dir, 'incidents', '2026-06-11-broken.md'), '---\ntitle: Broken\nimpact: huge\nupdates: []\n---\n');
    expect(() => publishLive({ outDir: out, contentDir: dir, dataDir: fixtureNoData, now: new Date('2026-06-10T12:30:00Z') })).toThrow(ContentError);
    expect(read(out, 'status.json')).toBe(before);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses a folder that does not exist', () => {
    expect(() => publishLive({ outDir: path.join(tempOut(), 'missing'), contentDir: fixtureContent, dataDir: fixtureNoData })).toThrow(/is not a folder/);
  });

  it('never writes a check target, header or secret', () => {
    const out = tempOut();
    publishLive({ outDir: out, contentDir: fixtureContent, dataDir: fixtureNoData, now: fixtureNow });
    for (const file of liveFilePaths) for (const secret of fixtureSecrets) expect(read(out, file)).not.toContain(secret);
  });
});
