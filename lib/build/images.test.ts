import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent, type Content } from '../content';
import { pngSize } from '../publish/fixtures/png';
import { imageSize, incidentImage } from '../publish/social-image';
import { renderIncidentImages } from './images';
import { projectRoot, renderImagesAside } from './pipeline';
import { sharedSite } from './test-site';

const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-images-'));
const image = (out: string, id: string) => path.join(out, 'incidents', id, 'og.png');

describe('incident images made after Next', () => {
  it('rendering the image Next made, outside Next, gives the same bytes; every incident has its own', async () => {
    const out = await sharedSite();
    const now = new Date(JSON.parse(fs.readFileSync(path.join(out, 'status.json'), 'utf8')).generatedAt);
    const content = loadContent(path.join(projectRoot, 'content'), { now });
    const [first, ...rest] = content.incidents;
    expect(rest.length).toBeGreaterThan(0);
    const again = Buffer.from(await incidentImage({ content, now }, first!.id, projectRoot)!.arrayBuffer());
    expect(again.equals(fs.readFileSync(image(out, first!.id)))).toBe(true);
    const distinct = new Set(rest.map((incident) => fs.readFileSync(image(out, incident.id)).toString('base64')));
    expect(distinct.size).toBe(rest.length);
    for (const incident of rest) expect(pngSize(image(out, incident.id))).toEqual(imageSize);
  });
});

describe('the build-images child', () => {
  it('reports what it made as the build reads it, or fails with what went wrong', async () => {
    const contentDir = path.join(projectRoot, 'content');
    const now = '2026-06-15T12:00:00.000Z';
    const incidents = loadContent(contentDir, { now: new Date(now) }).incidents.length;
    expect(await renderImagesAside(fresh(), contentDir, now, fresh())).toEqual({ rendered: incidents - 1, reused: 0 });
    // A build folder it cannot write into (here a file): the build fails with the child's own words.
    const notAFolder = path.join(fresh(), 'out');
    fs.writeFileSync(notAFolder, '');
    const failed = await renderImagesAside(notAFolder, contentDir, now, fresh());
    expect(failed).toMatch(/^rendering the incident images failed \(exit 1\):\nENOTDIR: not a directory, mkdir '.*\/out\/incidents\//);
  });
});

describe('the image cache between builds', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  const content = loadContent(path.join(projectRoot, 'content'), { now });
  const ids = content.incidents.slice(1).map((i) => i.id);
  const render = (out: string, cache: string, site: Content = content, project = projectRoot) => renderIncidentImages(out, site, now, project, cache);
  const bytes = (out: string) => ids.map((id) => fs.readFileSync(image(out, id)));

  it('makes each image once; a later build copies the same bytes from the cache', async () => {
    const cache = fresh();
    const [first, second] = [fresh(), fresh()];
    expect(await render(first, cache)).toEqual({ rendered: ids.length, reused: 0 });
    expect(fs.readdirSync(cache)).toHaveLength(ids.length);
    expect(await render(second, cache)).toEqual({ rendered: 0, reused: ids.length });
    expect(bytes(second)).toEqual(bytes(first));
  });

  it('makes again only the image of an incident that changed, the same as from scratch', async () => {
    const [cache, before] = [fresh(), fresh()];
    await render(before, cache);
    const changed = { ...content, incidents: content.incidents.map((i) => (i.id === ids[0] ? { ...i, title: `${i.title} (updated)` } : i)) };
    const out = fresh();
    expect(await render(out, cache, changed)).toEqual({ rendered: 1, reused: ids.length - 1 });
    expect(bytes(out)[0]!.equals(bytes(before)[0]!)).toBe(false);
    const fromScratch = fresh();
    await render(fromScratch, fresh(), changed);
    expect(bytes(out)).toEqual(bytes(fromScratch));
  });

  it('forgets the images no build used for 30 days, and keeps the others', async () => {
    const cache = fresh();
    await render(fresh(), cache);
    const entries = fs.readdirSync(cache);
    const [used, unused] = [entries[0]!, 'an-incident-before-its-last-update.png'];
    fs.copyFileSync(path.join(cache, used), path.join(cache, unused));
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    for (const name of [used, unused]) fs.utimesSync(path.join(cache, name), longAgo, longAgo);
    await render(fresh(), cache);
    expect(fs.readdirSync(cache).sort()).toEqual([...entries].sort());
  });

  it('makes again an entry cut short (a full disk, a kill) and leaves no temporary file', async () => {
    const cache = fresh();
    await render(fresh(), cache);
    const [victim] = fs.readdirSync(cache);
    const whole = fs.readFileSync(path.join(cache, victim!));
    fs.writeFileSync(path.join(cache, victim!), whole.subarray(0, 1000));
    fs.writeFileSync(path.join(cache, `${victim}.123.tmp`), 'left by a killed build');
    expect(await render(fresh(), cache)).toEqual({ rendered: 1, reused: ids.length - 1 });
    expect(fs.readFileSync(path.join(cache, victim!)).equals(whole)).toBe(true);
    expect(fs.readdirSync(cache).sort()).toEqual(fs.readdirSync(cache).filter((name) => name.endsWith('.png')).sort());
  });

  it('makes every image again when the card’s code changes (an upgrade)', async () => {
    const cache = fresh();
    await render(fresh(), cache);
    const project = fresh();
    fs.mkdirSync(path.join(project, 'lib', 'publish'), { recursive: true });
    const source = fs.readFileSync(path.join(projectRoot, 'lib', 'publish', 'social-image.tsx'), 'utf8');
    fs.writeFileSync(path.join(project, 'lib', 'publish', 'social-image.tsx'), `${source}\n// a later version\n`);
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(project, 'node_modules'));
    expect(await render(fresh(), cache, content, project)).toEqual({ rendered: ids.length, reused: 0 });
  });
});
