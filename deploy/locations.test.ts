import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../lib/build/paths';
import { buildsDirFor } from '../lib/build/swap';
import { builtSite } from '../lib/render/testing/site';
import { readSiteData } from '../lib/site-data';

// Several probe locations as the README describes them: three pingers, each its own process with its own
// --location and its own data folder (as on three hosts); the two remote ones push their own file to the
// hub with the documented rsync step; the hub's pinger publishes the merged verdict (--publish) after its
// round. The product, one local server, answers each location as that location sees it.
const rsync = spawnSync('rsync', ['--version']).status === 0;
if (!rsync) {
  if (process.env.CI) throw new Error('rsync is not installed: .ci/run installs it (apt-get install rsync)');
  console.warn('SKIPPED deploy/locations.test.ts: rsync is not installed here (Debian: apt-get install rsync).');
}

const cli = path.join(projectRoot, 'bin', 'outpost.js');
const locations = ['eu-west', 'us-east', 'ap-south'] as const;
type Location = (typeof locations)[number];

let tmp: string;
let server: http.Server;
/** The product as each location sees it: the status code its health check gets. */
const seen: Record<Location, number> = { 'eu-west': 200, 'us-east': 200, 'ap-south': 200 };

const remote = ['us-east', 'ap-south'] as const;
const dirOf = (location: Location) => path.join(tmp, location === 'eu-west' ? 'hub' : location);

/** One `outpost ping` process at `location` (one round), with its own data folder. */
function ping(location: Location, ...extra: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [cli, 'ping', '--location', location, '--content', path.join(tmp, 'content'), '--data', path.join(dirOf(location), 'data'), ...extra];
    const child = spawn(process.execPath, args, { env: { ...process.env, PROBE_LOCATION: location } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`ping at ${location} exited ${code}:\n${output}`))));
  });
}

/** The sync step of the README: each remote pinger pushes its own file into the hub's data/. */
function sync(): void {
  for (const location of remote) {
    const own = path.join(dirOf(location), 'data', `${location}.json`);
    const run = spawnSync('rsync', ['-t', own, path.join(dirOf('eu-west'), 'data', `${location}.json`)], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  }
}

/** A round everywhere: the remote pingers at once, the sync, then the hub's pinger, which publishes. Returns each one's log. */
async function round(): Promise<Record<Location, string>> {
  const [usEast, apSouth] = await Promise.all(remote.map((location) => ping(location)));
  sync();
  const euWest = await ping('eu-west', '--publish', path.join(dirOf('eu-west'), 'out'));
  return { 'eu-west': euWest, 'us-east': usEast!, 'ap-south': apSouth! };
}

/** The API component as the hub published it (status.json), and as a build there would read it. */
function verdict() {
  const published = JSON.parse(fs.readFileSync(path.join(dirOf('eu-west'), 'out', 'status.json'), 'utf8')) as { components: { id: string; status: string; stale: boolean; detectedAutomatically: boolean }[] };
  const { status, monitor } = readSiteData({ contentDir: path.join(tmp, 'content'), dataDir: path.join(dirOf('eu-west'), 'data'), now: new Date() });
  const built = status.components.find((c) => c.component.id === 'api')!;
  return {
    published: published.components.find((c) => c.id === 'api')!,
    built: { status: built.status, stale: built.stale, detectedAutomatically: built.detectedAutomatically },
    locations: monitor!.locations.filter((l) => !l.stale).map((l) => l.name).sort(),
  };
}

describe.skipIf(!rsync)('three probe locations, synced to one hub', () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-locations-'));
    server = http.createServer((req, res) => {
      const location = req.headers['x-probe-location'] as Location;
      res.writeHead(seen[location] ?? 400).end(seen[location] === 200 ? 'ok' : 'unavailable');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    fs.mkdirSync(path.join(tmp, 'content'));
    fs.writeFileSync(
      path.join(tmp, 'content', 'site.yaml'),
      `name: Test Status
url: https://status.test.example
components:
  - id: api
    name: API
    checks:
      - type: http
        url: ${url}
        headers: { X-Probe-Location: "\${env:PROBE_LOCATION}" }
monitoring:
  intervalSeconds: 60
  retries: 0
  failuresToOpen: 2
  quorum: majority
`,
    );
    for (const location of locations) fs.mkdirSync(path.join(dirOf(location), 'data'), { recursive: true });
    await builtSite(path.join(dirOf('eu-west'), 'out'), path.join(tmp, 'content'), path.join(dirOf('eu-west'), 'data'), new Date(), path.join(tmp, 'kept'));
  });
  afterAll(() => {
    server?.close();
    if (tmp) fs.rmSync(buildsDirFor(projectRoot, path.join(dirOf('eu-west'), 'out')), { recursive: true, force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('one location sees the product down: it confirms an outage on its own, the merged verdict stays operational', async () => {
    seen['ap-south'] = 503;
    await round();
    const second = await round();
    expect(second['ap-south']).toMatch(/outage=opened check=api component=api location=ap-south/);
    expect(second['eu-west'] + second['us-east']).not.toMatch(/outage=opened/);
    for (const location of remote) expect(fs.readdirSync(path.join(dirOf(location), 'data')).filter((f) => f.endsWith('.json'))).toEqual([`${location}.json`]);
    expect(fs.readdirSync(path.join(dirOf('eu-west'), 'data')).filter((f) => f.endsWith('.json')).sort()).toEqual(['ap-south.json', 'eu-west.json', 'us-east.json']);
    const { published, built, locations: fresh } = verdict();
    expect(fresh).toEqual(['ap-south', 'eu-west', 'us-east']);
    expect(published).toMatchObject({ status: 'operational', stale: false, detectedAutomatically: false });
    expect(built).toEqual({ status: 'operational', stale: false, detectedAutomatically: false });
  }, 300_000);

  test('a second location agrees: two of three is a quorum, the component is down, detected automatically', async () => {
    seen['us-east'] = 503;
    await round();
    await round();
    const { published, built } = verdict();
    expect(published).toMatchObject({ status: 'major_outage', stale: false, detectedAutomatically: true });
    expect(built).toEqual({ status: 'major_outage', stale: false, detectedAutomatically: true });
  }, 300_000);
});
