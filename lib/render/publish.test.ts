import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '@/lib/build/paths';
import { buildsDirFor, completeBuilds, readBuildMeta, spareSuffix } from '@/lib/build/swap';
import { treeHash } from '@/lib/build/test-site';
import { ContentError } from '@/lib/content';
import { entryCacheFile } from '@/lib/content/cache';
import { addIncidentUpdate, copyFixture, fixtureContent, fixtureData, fixtureNoData, fixtureNow, fixtureSecrets } from '@/lib/publish/fixtures/fixture';
import { liveFile, liveFilePaths } from '@/lib/publish/live';
import { pngSize } from '@/lib/publish/fixtures/png';
import type { Snapshot } from '@/lib/publish/snapshot';
import { publishSite } from './publish';
import { builtSite as built } from './testing/site';

let tmp: string;
let kept: string;
const outs: string[] = [];

/** A built site of `contentDir` at `now` served at a new `out` link, as `outpost build` leaves it. */
async function builtSite(contentDir: string, now = fixtureNow): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(tmp, 'site-')), 'out');
  outs.push(out);
  return built(out, contentDir, fixtureNoData, now, kept);
}

const read = (out: string, file: string) => fs.readFileSync(path.join(out, file), 'utf8');
const inode = (out: string, file: string) => fs.statSync(path.join(out, file)).ino;
/** After the fixture's last update (13:00), so an update added at 13:10 is published. */
const halfPast = new Date('2026-06-10T13:30:00Z');

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-publish-'));
  kept = path.join(tmp, 'kept');
});

afterAll(() => {
  for (const out of outs) fs.rmSync(buildsDirFor(projectRoot, out), { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('publishSite', () => {
  it('writes nothing when nothing changed', async () => {
    const out = await builtSite(fixtureContent);
    const live = fs.realpathSync(out);
    const result = await publishSite({ out, contentDir: fixtureContent, dataDir: fixtureNoData, now: fixtureNow });
    expect(result).toMatchObject({ written: [], removed: [], buildDir: live });
    expect(fs.realpathSync(out)).toBe(live);
  });

  it('a staff update reaches every page and file that shows it, and only those; the live build is never written into', async () => {
    const dir = copyFixture();
    const out = await builtSite(dir, halfPast);
    const before = fs.realpathSync(out);
    const untouched = 'maintenance/2026-06-20-network.html';
    // Files of the live build held by a second link: a publish that wrote into that build would change them.
    const held = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-held-'));
    const holds = ['index.html', 'status.json', 'og.png', untouched].map((file) => {
      const link = path.join(held, file.replaceAll('/', '_'));
      fs.linkSync(path.join(before, file), link);
      return { link, bytes: fs.readFileSync(link) };
    });
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out.\n    components:\n      api: degraded_performance');
    const result = await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });

    for (const file of ['index.html', 'incidents/2026-06-10-api-errors.html', 'components/api.html', 'feed.xml', 'status.json', 'api/v2/summary.json']) {
      expect(result.written, file).toContain(file);
    }
    expect(result.written).not.toContain(untouched);
    // Its image (title, impact, status word) and its history line ("Monitoring since 13:00") say what they said:
    // made again from the new inputs, the same bytes, so left as they were.
    expect(result.written).not.toContain('incidents/2026-06-10-api-errors/og.png');
    expect(result.written).not.toContain('history.html');
    expect(read(out, 'incidents/2026-06-10-api-errors.html')).toContain('A fix is out.');
    expect(read(out, 'index.html')).toContain('A fix is out.');
    expect((JSON.parse(read(out, 'status.json')) as Snapshot).components.find((c) => c.id === 'api')?.status).toBe('degraded_performance');
    // The site's image says the new status: drawn once the pages were live, in a second swap of its own.
    expect(result.written).toContain('og.png');
    expect(readBuildMeta(result.buildDir)!.from!.changed).toEqual(['og.png']);
    // New folders went live; what did not change is the same file (a hard link), and the old build is as it was.
    expect(fs.realpathSync(out)).not.toBe(before);
    expect(inode(out, untouched)).toBe(fs.statSync(holds[3]!.link).ino);
    for (const { link, bytes } of holds) expect(fs.readFileSync(link).equals(bytes), link).toBe(true);
    expect(fs.readdirSync(path.dirname(before)).filter((n) => n.endsWith('.partial'))).toEqual([]);
    fs.rmSync(held, { recursive: true });
  });

  it('gives the same bytes as rendering the whole site anew from the same inputs', async () => {
    const dir = copyFixture();
    const out = await builtSite(dir);
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: resolved\n    message: Resolved.');
    fs.rmSync(path.join(dir, 'maintenance', '2026-06-20-network.md'));
    const later = new Date('2026-06-10T15:00:00Z');
    const result = await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: later });
    expect(result.removed).toContain('maintenance/2026-06-20-network.html');
    const fresh = await builtSite(dir, later);
    expect(treeHash(fs.realpathSync(out))).toBe(treeHash(fs.realpathSync(fresh)));
    // And the same manifest: what each file was made from, and each kind's sources (a publish makes it from the last one's).
    const manifest = (site: string) => readBuildMeta(fs.realpathSync(site))!.manifest;
    expect(manifest(out)).toEqual(manifest(fresh));
  });

  it('a new incident goes live with its page first and its image a moment later, in a second swap', async () => {
    const dir = copyFixture();
    const out = await builtSite(dir, halfPast);
    const id = '2026-06-10-new-outage';
    fs.writeFileSync(path.join(dir, 'incidents', `${id}.md`), '---\ntitle: A new outage\nimpact: major\ncomponents:\n  db: major_outage\nupdates:\n  - at: 2026-06-10T12:20:00Z\n    status: investigating\n    message: Looking.\n---\n');
    const result = await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });
    expect(result.written).toEqual(expect.arrayContaining([`incidents/${id}.html`, `incidents/${id}/og.png`]));
    // The build that went live first has the page, which names the image, and not the image yet.
    const first = path.join(path.dirname(result.buildDir), readBuildMeta(result.buildDir)!.from!.build);
    expect(fs.readFileSync(path.join(first, `incidents/${id}.html`), 'utf8')).toContain(`/incidents/${id}/og.png`);
    expect(fs.existsSync(path.join(first, `incidents/${id}/og.png`))).toBe(false);
    // The second swap made the images alone: the new incident's, and the site's (its status changed).
    expect(readBuildMeta(result.buildDir)!.from!.changed.sort()).toEqual([`incidents/${id}/og.png`, 'og.png']);
    // Then the image: the site is the one a build makes.
    expect(pngSize(path.join(out, `incidents/${id}/og.png`))).toEqual({ width: 1200, height: 630 });
    expect(treeHash(fs.realpathSync(out))).toBe(treeHash(fs.realpathSync(await builtSite(dir, halfPast))));
  });

  it('keeps the pages live when their images cannot be made, and says why; the next publish makes them', async () => {
    const dir = copyFixture();
    const out = await builtSite(dir, halfPast);
    const id = '2026-06-10-new-outage';
    fs.writeFileSync(path.join(dir, 'incidents', `${id}.md`), '---\ntitle: A new outage\nimpact: major\ncomponents:\n  db: major_outage\nupdates:\n  - at: 2026-06-10T12:20:00Z\n    status: investigating\n    message: Looking.\n---\n');
    // A folder where the new incident's image goes, in the live build: the images' swap writes into this folder
    // (brought level with the pages' build, copyOfBuild), and no file can be written there.
    const blocked = path.join(fs.realpathSync(out), `incidents/${id}/og.png`);
    fs.mkdirSync(path.join(blocked, 'in-the-way'), { recursive: true });
    const result = await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });
    expect(result.imagesFailed).toMatch(/og\.png/);
    expect(result.written).toContain(`incidents/${id}.html`);
    expect(result.written).not.toContain(`incidents/${id}/og.png`);
    expect(read(out, `incidents/${id}.html`)).toContain('Looking.');
    expect(read(out, 'index.html')).toContain('A new outage');
    // The way cleared (that folder is gone with the swap that failed), the next publish makes the images, and the site
    // is the one a build makes.
    expect(fs.existsSync(blocked)).toBe(false);
    const next = await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });
    expect(next.imagesFailed).toBeUndefined();
    expect(next.written).toEqual(expect.arrayContaining([`incidents/${id}/og.png`, 'og.png']));
    expect(treeHash(fs.realpathSync(out))).toBe(treeHash(fs.realpathSync(await builtSite(dir, halfPast))));
  });

  it('a publish reuses the folder of the build before the live one, and still gives the same bytes as rendering anew', async () => {
    const dir = copyFixture();
    const out = await builtSite(dir, halfPast);
    const builds = () => completeBuilds(buildsDirFor(projectRoot, out));
    const steps: [Date, () => void][] = [
      [halfPast, () => addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out.')],
      [new Date('2026-06-10T14:00:00Z'), () => addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:50:00Z\n    status: resolved\n    message: Resolved.')],
      [new Date('2026-06-10T15:00:00Z'), () => fs.rmSync(path.join(dir, 'maintenance', '2026-06-20-network.md'))],
    ];
    const swaps: number[] = [];
    for (const [i, [now, change]] of steps.entries()) {
      const live = fs.realpathSync(out);
      // The first publish after the build writes into the spare copy the build left; each later one into the build before the live one.
      const older = i === 0 ? `${live}${spareSuffix}` : builds().find((b) => b !== live);
      const olderFolder = older ? fs.statSync(older).ino : null;
      const liveHash = treeHash(live);
      change();
      const result = await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now });
      expect(result.written.length + result.removed.length).toBeGreaterThan(0);
      const from = readBuildMeta(result.buildDir)!.from!;
      swaps.push(from.build === path.basename(live) ? 1 : 2);
      if (from.build === path.basename(live)) {
        // One swap: the build that was live stays as it was (for a rollback); the one before it became the new build.
        expect(treeHash(live)).toBe(liveHash);
        expect(builds()).toEqual([live, result.buildDir]);
        expect(from.changed).toEqual([...result.written, ...result.removed]);
        // The new build is the older folder, renamed.
        expect([fs.existsSync(older!), fs.statSync(result.buildDir).ino]).toEqual([false, olderFolder]);
      } else {
        // The pages first, then the images that changed with them (imagesToFollow): the build of the pages is kept
        // for a rollback, the one that was live became the new build, and the second swap changed images only.
        expect(builds()).toEqual([path.join(path.dirname(live), from.build), result.buildDir].sort());
        expect(from.changed.length).toBeGreaterThan(0);
        expect(from.changed.every((file) => file.endsWith('.png') && result.written.includes(file))).toBe(true);
      }
      expect(treeHash(result.buildDir)).toBe(treeHash(fs.realpathSync(await builtSite(dir, now))));
    }
    // Both ways were taken: pages and images at once, and images after the pages.
    expect(new Set(swaps)).toEqual(new Set([1, 2]));
  });

  it('writes status.json and every api/v2 file as the route handlers do', async () => {
    const out = await builtSite(fixtureContent);
    const data = fixtureData();
    for (const file of liveFilePaths) expect(read(out, file)).toBe(liveFile(data, file));
  });

  it('keeps the entries it parsed for the next publish, and reloads a file that changed', async () => {
    const dir = copyFixture();
    const out = await builtSite(dir);
    fs.rmSync(entryCacheFile(dir), { force: true });
    await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });
    expect(fs.existsSync(entryCacheFile(dir))).toBe(true);
    addIncidentUpdate(dir, '2026-06-10-api-errors', '  - at: 2026-06-10T13:10:00Z\n    status: monitoring\n    message: A fix is out.');
    const edited = (await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: halfPast })).data.content;
    expect(edited.incidents.find((i) => i.id === '2026-06-10-api-errors')?.updates).toHaveLength(4);
    fs.rmSync(entryCacheFile(dir), { force: true });
  });

  it('a broken site.yaml is refused before anything is written', async () => {
    const dir = copyFixture();
    const out = await builtSite(dir);
    const live = fs.realpathSync(out);
    const before = treeHash(live);
    fs.appendFileSync(path.join(dir, 'site.yaml'), 'unknownKey: 1\n');
    await expect(publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: fixtureNow })).rejects.toThrow(ContentError);
    expect(fs.realpathSync(out)).toBe(live);
    expect(treeHash(live)).toBe(before);
  });

  it('a broken entry file does not stop it: its last good version stays, a new incident goes live, both are named', async () => {
    const dir = copyFixture();
    const out = await builtSite(dir, halfPast);
    // The publisher has seen the incident valid (its entry cache holds it), then a hand edit breaks it.
    await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });
    const broken = path.join(dir, 'incidents', '2026-06-10-api-errors.md');
    fs.writeFileSync(broken, fs.readFileSync(broken, 'utf8').replace(/^title: .*$/m, 'title: API errors: now with a colon'));
    fs.writeFileSync(path.join(dir, 'incidents', '2026-06-10-new.md'), '---\ntitle: Newly posted\nimpact: minor\ncomponents:\n  web: degraded_performance\nupdates:\n  - at: 2026-06-10T13:20:00Z\n    status: investigating\n    message: Posted while another file is broken.\n---\n');
    fs.writeFileSync(path.join(dir, 'incidents', '2026-06-10-never-valid.md'), '---\ntitle: Never valid\nimpact: huge\nupdates: []\n---\n');
    const result = await publishSite({ out, contentDir: dir, dataDir: fixtureNoData, now: halfPast });

    expect(result.written).toContain('incidents/2026-06-10-new.html');
    expect(read(out, 'index.html')).toContain('Newly posted');
    expect(read(out, 'incidents/2026-06-10-api-errors.html')).toContain('<h1>API errors</h1>');
    expect(fs.existsSync(path.join(out, 'incidents/2026-06-10-never-valid.html'))).toBe(false);
    const files = (p: { file: string }) => path.basename(p.file);
    expect(result.brokenFiles.map((b) => [files(b), b.lastGood])).toEqual([
      ['2026-06-10-api-errors.md', true],
      ['2026-06-10-never-valid.md', false],
    ]);
    expect(result.problems.map((p) => `${files(p)}:${p.line}:${p.col}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^2026-06-10-api-errors\.md:\d+:\d+$/), expect.stringMatching(/^2026-06-10-never-valid\.md:\d+:\d+$/)]));
  });

  it('refuses a folder that is not a build of this Outpost', async () => {
    const plain = fs.mkdtempSync(path.join(tmp, 'plain-'));
    await expect(publishSite({ out: plain, contentDir: fixtureContent, dataDir: fixtureNoData })).rejects.toThrow(/run outpost build first/);
  });

  it('never writes a check target, header or secret', async () => {
    const out = await builtSite(fixtureContent);
    const build = fs.realpathSync(out);
    for (const file of Object.keys(readBuildMeta(build)!.manifest.outputs)) for (const secret of fixtureSecrets) expect(read(out, file), file).not.toContain(secret);
  });
});
