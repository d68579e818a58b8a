import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '@/lib/build/paths';
import { listFiles } from '@/lib/files';
import { computeReport, parsePeriod } from '@/lib/reports';
import { addIncidentUpdate, copyFixture, fixtureData, fixtureNow, tempDir } from '@/lib/publish/fixtures/fixture';
import { readSiteData } from '@/lib/site-data';
import { planOutputs, sourcesOf, type Manifest, type PlannedOutput } from './write';
import { fingerprint } from './fingerprint';
import { isOutputFile, outputFile, outputs } from './outputs';
import type { HistoryPageInput } from './pages/history';

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

  test('a settled incident’s page and image are keyed without making their input, and made again when what they show changes', () => {
    const dir = copyFixture();
    const plan = (now: Date) => planOutputs(fixtureData(now, dir), 'code');
    const keyOf = (now: Date) => Object.fromEntries(plan(now).map((p) => [p.file, p.key]));
    const [page, image, open] = ['incidents/2026-06-01-db-outage.html', 'incidents/2026-06-01-db-outage/og.png', 'incidents/2026-06-10-api-errors.html'];
    const noon = keyOf(fixtureNow);
    // Resolved with every update published: a quick key, the same a day later; the open one is hashed from its input.
    expect([noon[page], noon[image]].every((k) => k!.includes(':~'))).toBe(true);
    expect(noon[open]).not.toContain(':~');
    const nextDay = new Date(fixtureNow.getTime() + 86_400_000);
    expect([keyOf(nextDay)[page], keyOf(nextDay)[image]]).toEqual([noon[page], noon[image]]);
    // Its input is made only when asked for, and is what its page is rendered from.
    const planned = plan(fixtureNow).find((p) => p.file === page)!;
    expect((planned.input as { at: { incident: { id: string } } }).at.incident.id).toBe('2026-06-01-db-outage');
    // Its title edited: its page and image change, not another incident's.
    const file = path.join(dir, 'incidents', '2026-06-01-db-outage.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Database outage', 'title: Database outage in eu-1'));
    const retitled = keyOf(fixtureNow);
    expect([retitled[page], retitled[image]]).not.toContain(noon[page]);
    expect(retitled[image]).not.toBe(noon[image]);
    expect(retitled['incidents/2026-06-05-login-errors.html']).toBe(noon['incidents/2026-06-05-login-errors.html']);
    // The site's name (on the image) or a component's name (on the page) changed: made again.
    const site = path.join(dir, 'site.yaml');
    fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace('name: Fixture Status', 'name: Fixture Status Page'));
    expect(keyOf(fixtureNow)[image]).not.toBe(retitled[image]);
    expect(keyOf(fixtureNow)[page]).toBe(retitled[page]);
    fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace('name: Database', 'name: Primary database'));
    expect(keyOf(fixtureNow)[page]).not.toBe(retitled[page]);
  });

  test('the reports keep the live build’s keys while their sources are the same, and are keyed as a whole plan keys them when not', () => {
    const dir = copyFixture();
    // After the open incident's last update (13:00), in the hour a running period is counted to.
    const at = new Date('2026-06-10T14:00:00Z');
    const isReport = (file: string) => file.startsWith('reports/');
    const reportKeys = (planned: PlannedOutput[]) => Object.fromEntries(planned.filter((p) => isReport(p.file)).map((p) => [p.file, p.key]));
    // The live build's manifest, as the writer records it, with a key no plan makes for each report: a plan that keeps
    // them took them from here.
    const data = fixtureData(at, dir);
    const first = planOutputs(data, 'code');
    const live: Manifest = { code: 'code', outputs: Object.fromEntries(first.map((p) => [p.file, isReport(p.file) ? `${p.key.split(':')[0]}:live` : p.key])), sources: sourcesOf(data) };
    expect(Object.keys(reportKeys(first)).length).toBeGreaterThanOrEqual(6);
    const kept = (now: Date, data = fixtureData(now, dir)) => {
      const keys = reportKeys(planOutputs(data, 'code', live));
      // Whatever it kept, a plan from the live build keys every report as a whole plan does, or as it was when kept.
      if (Object.values(keys).some((k) => !k.endsWith(':live'))) expect(keys).toEqual(reportKeys(planOutputs(data, 'code')));
      return Object.values(keys).every((k) => k.endsWith(':live'));
    };
    // Later in the same hour, and after an update that only says something: kept.
    expect(kept(new Date('2026-06-10T14:40:00Z'))).toBe(true);
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T14:05:00Z\n    status: identified\n    message: Found it.');
    expect(kept(at)).toBe(true);
    // The next hour (a running period is counted to it), other monitoring data, other code: made again.
    expect(kept(new Date('2026-06-10T15:00:00Z'))).toBe(false);
    expect(kept(at, readSiteData({ contentDir: dir, dataDir: path.join(projectRoot, 'data'), now: at }))).toBe(false);
    expect(Object.values(reportKeys(planOutputs(fixtureData(at, dir), 'other', live))).some((k) => k.endsWith(':live'))).toBe(false);
    // A window or site.yaml edited (and the edit undone), an update that changes a component's status (what reports count): made again.
    for (const [file, from, to] of [
      ['maintenance/2026-06-20-network.md', 'title: ', 'title: Planned '],
      ['site.yaml', 'name: Fixture Status', 'name: Fixture Status Page'],
    ]) {
      const text = fs.readFileSync(path.join(dir, file!), 'utf8');
      fs.writeFileSync(path.join(dir, file!), text.replace(from!, to!));
      expect(kept(at), file).toBe(false);
      fs.writeFileSync(path.join(dir, file!), text);
      expect(kept(at), file).toBe(true);
    }
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T14:10:00Z\n    status: monitoring\n    message: Better.\n    components:\n      api: degraded_performance');
    expect(kept(at)).toBe(false);
  });

  test('history pages are keyed from their entries without making them, and made again when an entry on them changes', () => {
    const dir = copyFixture();
    const keyOf = (now: Date) => Object.fromEntries(planOutputs(fixtureData(now, dir), 'code').map((p) => [p.file, p.key]));
    const pages = ['history.html', 'history/page/1.html'];
    const noon = keyOf(fixtureNow);
    expect(pages.every((page) => noon[page]!.includes(':~'))).toBe(true);
    // The clock alone: the same; the open incident's 13:00 update published: made again.
    expect(pages.map((page) => keyOf(new Date('2026-06-10T12:40:00Z'))[page])).toEqual(pages.map((page) => noon[page]));
    const published = keyOf(new Date('2026-06-10T13:30:00Z'));
    for (const page of pages) expect(published[page]).not.toBe(noon[page]);
    // A settled incident on them retitled: made again, and its input is what the page is rendered from.
    const file = path.join(dir, 'incidents', '2026-06-01-db-outage.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Database outage', 'title: Database outage in eu-1'));
    const retitled = keyOf(fixtureNow);
    for (const page of pages) expect(retitled[page]).not.toBe(noon[page]);
    const planned = planOutputs(fixtureData(fixtureNow, dir), 'code').find((p) => p.file === 'history/page/1.html')!;
    const titles = (planned.input as HistoryPageInput).months.flatMap((m) => m.entries.map((e) => (e.kind === 'incident' ? e.at.incident.title : e.at.window.title)));
    expect(titles).toContain('Database outage in eu-1');
  });

  test('a new incident makes /history and the newest history page again, not the older pages', () => {
    const dir = copyFixture();
    // 60 more resolved incidents, one a day from March: with the fixture's own, three pages and more.
    for (let i = 0; i < 60; i++) {
      const day = new Date(Date.UTC(2026, 2, 1 + i, 8)).toISOString();
      const id = `${day.slice(0, 10)}-past-${i}`;
      fs.writeFileSync(path.join(dir, 'incidents', `${id}.md`), `---\ntitle: Past ${i}\nimpact: minor\ncomponents:\n  db: degraded_performance\nupdates:\n  - at: ${day}\n    status: resolved\n    message: Over.\n---\n`);
    }
    const historyKeys = () => Object.fromEntries(planOutputs(fixtureData(fixtureNow, dir), 'code').filter((p) => p.file.startsWith('history')).map((p) => [p.file, p.key]));
    const before = historyKeys();
    expect(Object.keys(before).length).toBeGreaterThan(3);
    fs.writeFileSync(path.join(dir, 'incidents', '2026-06-10-new-one.md'), '---\ntitle: A new one\nimpact: minor\ncomponents:\n  db: degraded_performance\nupdates:\n  - at: 2026-06-10T11:00:00Z\n    status: investigating\n    message: Looking.\n---\n');
    const after = historyKeys();
    const changed = Object.keys(after).filter((file) => after[file] !== before[file]);
    const last = `history/page/${Object.keys(after).length - 1}.html`;
    // The newest page gained it (or, full, a page was added after it and its link to newer entries changed).
    expect(changed.sort()).toEqual(Object.keys(after).length > Object.keys(before).length ? ['history.html', `history/page/${Object.keys(after).length - 2}.html`, last].sort() : ['history.html', last].sort());
  });

  test('a component’s page is made again when what it shows changed, not when the clock alone moved', () => {
    // The shipped example with its recorded times as they are (not moved to the clock): an outage of the website is open.
    const dir = tempDir();
    fs.cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
    const site = path.join(dir, 'site.yaml');
    fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace(/^exampleAnchor:.*\n/m, ''));
    const keys = (iso: string) => {
      const data = readSiteData({ contentDir: dir, dataDir: path.join(projectRoot, 'data'), now: new Date(iso) });
      return Object.fromEntries(outputs.component.params(data).map(({ id }) => [id!, fingerprint(outputs.component.input(data, { id: id! }))]));
    };
    const changed = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((id) => a[id] !== b[id]);
    const noon = keys('2026-11-23T12:00:00Z');
    // 20 s later: the pages of the components whose open trouble counts as down time (the website's and email's
    // outages, the API's partial outage) say a lower uptime for today; the others (one degraded, one in maintenance,
    // three operational) say what they said, and are not made again.
    expect(changed(noon, keys('2026-11-23T12:00:20Z'))).toEqual(['website', 'api', 'email']);
    expect(Object.keys(noon)).toHaveLength(8);
  });
});
