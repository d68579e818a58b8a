import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../monitor/test-support';
import { copyFixture, fixtureContent, fixtureNoData, tempDir } from '../publish/fixtures/fixture';
import type { Snapshot } from '../publish/snapshot';
import { projectRoot } from '../build/paths';
import { buildsDirFor } from '../build/swap';
import { builtSite } from '../render/testing/site';

const root = path.resolve(__dirname, '..', '..');
const outpost = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'outpost.js'), ...args], { cwd: root, encoding: 'utf8' });
const outs: string[] = [];
/** A site built from `content` (and no monitoring data) at a new `out` link. */
async function built(content: string, data = fixtureNoData): Promise<string> {
  const out = path.join(tempDir('site'), 'out');
  outs.push(out);
  return builtSite(out, content, data, new Date(), path.join(tempDir('kept')));
}
afterAll(() => {
  for (const out of outs) fs.rmSync(buildsDirFor(projectRoot, out), { recursive: true, force: true });
});

describe('outpost publish', () => {
  it('publishes what changed into the built site and exits 0', async () => {
    const dir = copyFixture();
    const out = await built(dir);
    fs.writeFileSync(path.join(dir, 'incidents', '2026-06-11-new.md'), '---\ntitle: New\nimpact: minor\ncomponents:\n  api: degraded_performance\nupdates:\n  - at: 2026-06-11T10:00:00Z\n    status: investigating\n    message: Newly posted.\n---\n');
    const run = outpost('publish', '--out', out, '--content', dir, '--data', fixtureNoData);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^published into .* in \d+ ms: \d+ files rewritten; /);
    expect(fs.readFileSync(path.join(out, 'incidents', '2026-06-11-new.html'), 'utf8')).toContain('Newly posted.');
    fs.rmSync(dir, { recursive: true });
  });

  it('says when the pages went live and their images could not be made, and exits 1', async () => {
    const dir = copyFixture();
    const out = await built(dir);
    fs.writeFileSync(path.join(dir, 'incidents', '2026-06-11-new.md'), '---\ntitle: New\nimpact: minor\ncomponents:\n  api: degraded_performance\nupdates:\n  - at: 2026-06-11T10:00:00Z\n    status: investigating\n    message: Newly posted.\n---\n');
    // A folder where the new incident's image goes, in the live build every publish copies.
    fs.mkdirSync(path.join(fs.realpathSync(out), 'incidents', '2026-06-11-new', 'og.png', 'in-the-way'), { recursive: true });
    const run = outpost('publish', '--out', out, '--content', dir, '--data', fixtureNoData);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^published into .* in \d+ ms: \d+ files rewritten; /);
    expect(run.stderr).toMatch(/^images not made: EISDIR: .*incidents\/2026-06-11-new\/og\.png'\nthe pages are live, with the images as they were; the next publish makes them\n$/);
    expect(fs.readFileSync(path.join(out, 'incidents', '2026-06-11-new.html'), 'utf8')).toContain('Newly posted.');
    fs.rmSync(dir, { recursive: true });
  });

  it('names a broken file and goes on; exits 1 for a broken site.yaml, 2 without --out', async () => {
    const dir = copyFixture();
    const out = await built(dir);
    fs.writeFileSync(path.join(dir, 'incidents', '2026-06-11-broken.md'), '---\ntitle: Broken\nimpact: huge\nupdates:\n  - at: 2026-06-11T10:00:00Z\n    status: investigating\n    message: x\n---\n');
    const bad = outpost('publish', '--out', out, '--content', dir);
    // A broken entry does not stop the publish: it says where, and what the site shows instead.
    expect(bad.status, bad.stderr).toBe(0);
    expect(bad.stderr).toContain('incidents/2026-06-11-broken.md:3:9 impact: expected none | minor | major | critical, got "huge"');
    expect(bad.stderr).toContain('incidents/2026-06-11-broken.md: broken and never valid; it is not on the site');
    fs.appendFileSync(path.join(dir, 'site.yaml'), 'unknownKey: 1\n');
    const refused = outpost('publish', '--out', out, '--content', dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/site\.yaml:\d+:\d+ /);
    expect(refused.stderr).toContain('the published site is unchanged');
    expect(outpost('publish', '--content', dir).status).toBe(2);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('CLI edits publish what they wrote', () => {
  it('with --publish <out>, and by default into out/ when it was built from the same content folder', async () => {
    const project = tempDir('project');
    const content = path.join(project, 'content');
    fs.cpSync(fixtureContent, content, { recursive: true });
    // out/ beside content/, built from it, as `outpost build` in a project leaves it.
    const out = path.join(project, 'out');
    outs.push(out);
    await builtSite(out, content, fixtureNoData, new Date(), tempDir('kept'));
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'outpost.js'), ...args], { cwd: project, encoding: 'utf8' });

    const update = cli('incident', 'update', '2026-06-10-api-errors', '--status', 'monitoring', '--message', 'Posted and published.', '--content', 'content', '--data', fixtureNoData, '--publish', 'out');
    expect(update.status, update.stderr).toBe(0);
    expect(update.stdout).toMatch(/^updated .*\npublished into .*: \d+ files rewritten/m);
    expect(fs.readFileSync(path.join(out, 'incidents', '2026-06-10-api-errors.html'), 'utf8')).toContain('Posted and published.');

    // The default: out/ was built from this content folder.
    const resolve = cli('incident', 'resolve', '2026-06-10-api-errors', '--message', 'All clear.', '--content', 'content', '--data', fixtureNoData);
    expect(resolve.status, resolve.stderr).toBe(0);
    expect(resolve.stdout).toMatch(/^published into /m);
    expect(fs.readFileSync(path.join(out, 'incidents', '2026-06-10-api-errors.html'), 'utf8')).toContain('All clear.');

    const quiet = cli('incident', 'update', '2026-06-10-api-errors', '--status', 'postmortem', '--message', 'Written only.', '--content', 'content', '--no-publish');
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stdout).not.toMatch(/published/);
    expect(fs.readFileSync(path.join(out, 'incidents', '2026-06-10-api-errors.html'), 'utf8')).not.toContain('Written only.');
  });
});

describe('outpost ping --publish', () => {
  let content: string;

  beforeAll(async () => {
    content = tempDir('ping-content');
    // One check that fails at once (a closed port): the round confirms an outage no incident covers.
    fs.writeFileSync(
      path.join(content, 'site.yaml'),
      `name: Ping Status\nurl: https://status.ping.example\ncomponents:\n  - id: db\n    name: Database\n    checks:\n      - type: tcp\n        host: 127.0.0.1\n        port: ${await closedPort()}\n  - id: web\n    name: Website\nmonitoring:\n  retries: 0\n  failuresToOpen: 1\n`,
    );
  });
  afterAll(() => fs.rmSync(content, { recursive: true, force: true }));

  it('publishes after the round, with what the pinger found', async () => {
    const data = tempDir('ping-data');
    const out = await built(content, data);
    const run = outpost('ping', '--location', 'here', '--content', content, '--data', data, '--publish', out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/publish=ok out=\S+ files=\d+ removed=0 indicator=critical ms=\d+$/m);
    expect(fs.readFileSync(path.join(out, 'components', 'db.html'), 'utf8')).toContain('Major outage');
    const snapshot = JSON.parse(fs.readFileSync(path.join(out, 'status.json'), 'utf8')) as Snapshot;
    expect(snapshot.components.find((c) => c.id === 'db')).toMatchObject({ status: 'major_outage', detectedAutomatically: true, flags: ['Detected automatically'] });
  });

  it('--after-publish runs the push to another host once the publish changed files, with OUTPOST_OUT', async () => {
    const data = tempDir('ping-data');
    const out = await built(content, data);
    const remote = tempDir('remote');
    const run = outpost('ping', '--location', 'here', '--content', content, '--data', data, '--publish', out, '--after-publish', `cp -R "$OUTPOST_OUT/." "${remote}"`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/after-publish=ok ms=\d+$/m);
    expect(fs.readFileSync(path.join(remote, 'status.json'), 'utf8')).toBe(fs.readFileSync(path.join(out, 'status.json'), 'utf8'));
    expect(fs.readFileSync(path.join(remote, 'components', 'db.html'), 'utf8')).toContain('Major outage');
  });

  it('logs a failed publish and goes on pinging', () => {
    const run = outpost('ping', '--location', 'here', '--content', content, '--data', tempDir('ping-data'), '--publish', path.join(tempDir('ping-out'), 'missing'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/ check=db /m);
    expect(run.stderr).toMatch(/ publish=failed out=\S+ reason=".*is not a build of this Outpost/m);
  });
});
