import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '@/lib/build/pipeline';
import { listFiles } from '@/lib/files';
import { computeReport, parsePeriod } from '@/lib/reports';
import { addIncidentUpdate, copyFixture, fixtureData, fixtureNow } from '@/lib/publish/fixtures/fixture';
import { fingerprint } from './fingerprint';
import { isOutputFile, outputFile, outputs } from './outputs';

/** Every route in app/ (a folder with page.tsx or route.ts), as Next names it. */
function appRoutes(): string[] {
  const app = path.join(projectRoot, 'app');
  return listFiles(app)
    .filter((f) => /(^|\/)(page\.tsx|route\.ts|not-found\.tsx)$/.test(f))
    .map((f) => (f === 'not-found.tsx' ? '/_not-found' : `/${path.posix.dirname(f)}`.replace(/^\/\.$/, '/')))
    .sort();
}

describe('the outputs and Next’s routes', () => {
  test('every route in app/ is an adapter of one kind, and every kind has its route', () => {
    const kinds = Object.values(outputs).map((k) => k.route).sort();
    expect(appRoutes()).toEqual(kinds);
  });

  test('every adapter is thin: it only names its kind', () => {
    for (const route of appRoutes().filter((r) => r !== '/_not-found')) {
      const dir = path.join(projectRoot, 'app', route);
      const file = ['page.tsx', 'route.ts'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f))!;
      const text = fs.readFileSync(file, 'utf8');
      expect(text, file).toMatch(/from '@\/lib\/render\/next'/);
      expect(text.split('\n').filter((l) => l.trim()).length, file).toBeLessThanOrEqual(7);
    }
  });

  test('files: a page route is <route>.html, a file route its own name; every output file is recognised', () => {
    expect(outputFile(outputs.home, {})).toBe('index.html');
    expect(outputFile(outputs.incident, { id: 'x' })).toBe('incidents/x.html');
    expect(outputFile(outputs.incidentImage, { id: 'x' })).toBe('incidents/x/og.png');
    expect(outputFile(outputs.notFound, {})).toBe('404.html');
    expect(outputFile(outputs['api/v2/summary.json'], {})).toBe('api/v2/summary.json');
    for (const file of ['incidents/none/og.png', 'components/a/feed.xml', 'status.json', 'maintenance.ics', 'x.html']) expect(isOutputFile(file), file).toBe(true);
    for (const file of ['outpost.js', 'icon.svg', '_next/static/chunks/a.js', 'incidents/x/other.png']) expect(isOutputFile(file), file).toBe(false);
  });
});

describe('inputs', () => {
  /** The fingerprint of each output of `kind` at `now`, by params. */
  const keys = (kind: (typeof outputs)[keyof typeof outputs], now: Date, contentDir?: string) => {
    const data = fixtureData(now, contentDir);
    return Object.fromEntries(kind.params(data).map((params) => [JSON.stringify(params), fingerprint(kind.input(data, params))]));
  };

  test('a feed is made again when one of its items changed, not when the clock alone moved', () => {
    const noon = fixtureNow;
    const later = new Date('2026-06-10T12:40:00Z');
    // The 13:00 update of 2026-06-10-api-errors (api and db) is published by half past one.
    const published = new Date('2026-06-10T13:30:00Z');
    for (const kind of [outputs.feed, outputs.componentFeed]) expect(keys(kind, later)).toEqual(keys(kind, noon));
    expect(keys(outputs.feed, published)).not.toEqual(keys(outputs.feed, noon));
    const [before, after] = [keys(outputs.componentFeed, noon), keys(outputs.componentFeed, published)];
    const changed = Object.keys(before).filter((params) => before[params] !== after[params]);
    expect(changed).toEqual([JSON.stringify({ id: 'api' }), JSON.stringify({ id: 'db' })]);
  });

  test('a report is counted again when an update sets a component status, not for an update that only says something', () => {
    const halfPast = new Date('2026-06-10T13:30:00Z');
    const [said, set] = [copyFixture(), copyFixture()];
    const june = JSON.stringify({ period: '2026-06' });
    const [saidBefore, setBefore] = [keys(outputs.report, halfPast, said), keys(outputs.report, halfPast, set)];
    expect(Object.keys(saidBefore)).toContain(june);
    addIncidentUpdate(said, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out; we are watching.');
    addIncidentUpdate(set, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out.\n    components:\n      api: degraded_performance');
    expect(keys(outputs.report, halfPast, said)).toEqual(saidBefore);
    expect(keys(outputs.report, halfPast, set)[june]).not.toBe(setBefore[june]);
    // What a report leaves out of its input changes none of its figures: the same report as from the whole content.
    for (const dir of [said, set]) {
      const data = fixtureData(halfPast, dir);
      const input = outputs.report.input(data, { period: '2026-06' }) as { content: typeof data.content };
      const period = parsePeriod('2026-06')!;
      const whole = computeReport({ content: data.content, monitor: data.monitor, now: new Date('2026-06-10T13:00:00Z'), period });
      expect(computeReport({ content: input.content, monitor: data.monitor, now: new Date('2026-06-10T13:00:00Z'), period })).toEqual(whole);
      expect(whole.components.find((c) => c.id === 'api')!.lost.length).toBeGreaterThan(0);
    }
  });
});
