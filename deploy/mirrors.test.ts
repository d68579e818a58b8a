import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../lib/build/paths';
import { activate, buildsDirFor } from '../lib/build/swap';
import { diagnose, formatFinding, type Finding } from '../lib/cli/doctor';
import { fixtureContent, fixtureNoData } from '../lib/publish/fixtures/fixture';
import { builtSite } from '../lib/render/testing/site';
import { nginxAvailable, startNginx, type Nginx } from './nginx.test-support';

// Two hosts, as docs/hosting.md publishes one site to: two real nginx servers with the shipped config, each serving
// its own copy of a build through its own `out` link. `outpost doctor --mirror` compares what they serve.
const nginx = nginxAvailable('deploy/mirrors.test.ts');

let tmp: string;
let a: Nginx;
let b: Nginx;
/** Two real builds of the fixture site, ten minutes apart. */
let older: string;
let newer: string;
const outs: string[] = [];

/** A copy of `build` served by host `name` from now on (nginx follows the link on each request). */
function serve(name: 'a' | 'b', build: string, edit: (dir: string) => void = () => {}): void {
  const copy = fs.mkdtempSync(path.join(tmp, `${name}-build-`));
  fs.cpSync(build, copy, { recursive: true });
  edit(copy);
  activate(path.join(tmp, `${name}-out`), copy, tmp);
}

const mirrors = () => ({ content: 'unused', data: 'unused', out: path.join(tmp, 'no-local-build'), mirror: [a.origin, b.origin] });
const lines = (findings: Finding[]) => findings.map((f) => `${f.level} ${f.topic}: ${f.message}`);

describe.skipIf(!nginx)('outpost doctor --mirror, with two nginx hosts', () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-mirrors-'));
    const keptDir = path.join(tmp, 'kept');
    const build = async (name: string, now: Date) => {
      const out = path.join(tmp, name);
      outs.push(out);
      return fs.realpathSync(await builtSite(out, fixtureContent, fixtureNoData, now, keptDir));
    };
    older = await build('older', new Date('2026-06-10T11:50:00Z'));
    newer = await build('newer', new Date('2026-06-10T12:00:00Z'));
    serve('a', newer);
    serve('b', newer);
    a = await startNginx(path.join(tmp, 'nginx-a'), path.join(tmp, 'a-out'));
    b = await startNginx(path.join(tmp, 'nginx-b'), path.join(tmp, 'b-out'));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    for (const out of outs) fs.rmSync(buildsDirFor(projectRoot, out), { recursive: true, force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('both serve the same build: each host ok, and they agree', async () => {
    serve('a', newer);
    serve('b', newer);
    const findings = await diagnose(mirrors());
    expect(findings.map((f) => f.level)).toEqual(['ok', 'ok', 'ok']);
    expect(lines(findings)[0]).toMatch(new RegExp(`^ok host ${a.origin}: serves the current build \\(\\S{22}, built 2026-06-10T12:00:00.000Z\\); /status.json of 2026-06-10T12:00:00.000Z says “.+”$`));
    expect(lines(findings)[2]).toBe('ok hosts: all 2 serve the same build and the same /status.json');
  });

  test('one serving an older build: it is behind, by how much, and on status.json too', async () => {
    serve('a', newer);
    serve('b', older);
    const findings = await diagnose(mirrors());
    expect(findings[0]).toMatchObject({ level: 'ok', topic: `host ${a.origin}` });
    const behind = lines(findings.filter((f) => f.topic === `host ${b.origin}`));
    expect(behind).toEqual([
      expect.stringMatching(new RegExp(`^fail host ${b.origin}: behind: serves the build of 2026-06-10T11:50:00.000Z \\(\\S{22}\\), 10 min older than ${a.origin}’s \\(\\S{22}\\)$`)),
      `fail host ${b.origin}: behind: its /status.json is of 2026-06-10T11:50:00.000Z, 10 min older than ${a.origin}’s`,
    ]);
    expect(findings.some((f) => f.topic === 'hosts')).toBe(false);
  });

  test('both behind this machine’s own build, when doctor runs where it is built', async () => {
    serve('a', older);
    serve('b', older);
    activate(path.join(tmp, 'local-out'), newer, tmp);
    const findings = await diagnose({ ...mirrors(), out: path.join(tmp, 'local-out') });
    expect(lines(findings).filter((l) => l.includes('behind: serves the build'))).toHaveLength(2);
    expect(findings[0]!.message).toMatch(/10 min older than this machine’s out\/ /);
  });

  test.each([
    ['build.json cut short', 'build.json', (text: string) => text.slice(0, 20), /^\/build\.json is broken: not JSON \("\{\\"id\\":\\"[^"]+", 20 bytes\)$/],
    ['status.json replaced by an HTML page', 'status.json', () => '<!DOCTYPE html><h1>Welcome to nginx!</h1>', /^\/status\.json is broken: not JSON \("<!DOCTYPE html><h1>Welcome to nginx!<\/h1"…, 41 bytes\)$/],
    ['status.json of another shape', 'status.json', () => '{"status":{"indicator":"none"}}', /^\/status\.json is broken: generatedAt: expected string, got nothing$/],
    ['build.json deleted', 'build.json', null, /^\/build\.json answers HTTP 404$/],
  ] as const)('one serving a broken file (%s): named, with what it holds', async (_what, file, edit, message) => {
    serve('a', newer);
    serve('b', newer, (dir) => (edit ? fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(dir, file), 'utf8'))) : fs.rmSync(path.join(dir, file))));
    const findings = await diagnose(mirrors());
    const broken = findings.filter((f) => f.topic === `host ${b.origin}`);
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ level: 'fail', message: expect.stringMatching(message), fix: expect.stringContaining('publish the current build to it again') });
    expect(findings[0]).toMatchObject({ level: 'ok', topic: `host ${a.origin}` });
  });

  test('a status.json past its staleAt: nothing has confirmed the status since', async () => {
    const stale = (dir: string) => {
      const file = path.join(dir, 'status.json');
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), staleAt: '2026-06-10T12:04:00.000Z' }));
    };
    serve('a', newer, stale);
    serve('b', newer, stale);
    const findings = await diagnose({ ...mirrors(), now: new Date('2026-06-10T12:34:00Z') });
    expect(lines(findings).filter((l) => l.startsWith('fail'))).toEqual([
      `fail host ${a.origin}: its /status.json went stale 30 min ago (2026-06-10T12:04:00.000Z): nothing has confirmed the status since`,
      `fail host ${b.origin}: its /status.json went stale 30 min ago (2026-06-10T12:04:00.000Z): nothing has confirmed the status since`,
    ]);
  });

  // Last: it stops host b.
  test('one stopped: the command says it is unreachable and who serves readers meanwhile, and exits 1', async () => {
    serve('a', newer);
    await b.stop();
    const run = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'outpost.js'), 'doctor', '--mirror', a.origin, '--mirror', b.origin, '--out', path.join(tmp, 'no-local-build')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const out = run.stdout.split('\n');
    expect(out[0]).toMatch(new RegExp(`^ok    host ${a.origin}: serves the current build`));
    expect(out.slice(1)).toEqual([
      `FAIL  host ${b.origin}: unreachable: connection refused (nothing listens there)`,
      `      → is it up (web server, DNS, certificate)? Until it is, only ${a.origin} can serve readers: a failover record sends them there (docs/hosting.md)`,
      '',
      '1 thing to fix.',
      '',
    ]);
    expect(formatFinding((await diagnose(mirrors()))[1]!)).toBe(out.slice(1, 3).join('\n'));
  }, 60_000);
});
