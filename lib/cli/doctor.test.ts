import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { checkIdOf, loadContent } from '../content';
import { Store } from '../monitor/store';
import { projectRoot } from '../build/paths';
import { activate, writeBuildMeta } from '../build/swap';
import { diagnose, type Finding } from './doctor';

const now = new Date();
let tmp: string;
let hookServer: http.Server;
let hookUrl: string;
let refusedUrl: string;

/** A project-like setup in a temp folder: content (with `edit` applied to site.yaml), data files, an out link. */
function setup(edit: (site: string) => string = (s) => s): { content: string; data: string; out: string } {
  const root = fs.mkdtempSync(path.join(tmp, 'setup-'));
  const content = path.join(root, 'content');
  fs.cpSync(path.join(projectRoot, 'content'), content, { recursive: true });
  const site = path.join(content, 'site.yaml');
  fs.writeFileSync(site, edit(fs.readFileSync(site, 'utf8')));
  // Content written a minute before "now"; the build below is newer.
  for (const file of fs.readdirSync(content, { recursive: true }) as string[]) fs.utimesSync(path.join(content, file), new Date(now.getTime() - 60_000), new Date(now.getTime() - 60_000));
  const data = path.join(root, 'data');
  fs.mkdirSync(data);
  const build = path.join(root, 'build');
  const files = ['index.html', '404.html', 'status.json', ...loadContent(content).incidents.map((i) => `incidents/${i.id}.html`)];
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(build, file)), { recursive: true });
    fs.writeFileSync(path.join(build, file), '<!DOCTYPE html><html></html>');
  }
  writeBuildMeta(build, { shell: ['', '', ''], manifest: { code: 'test', outputs: Object.fromEntries(files.map((f) => [f, 'key'])) }, contentDir: content });
  const out = path.join(root, 'out');
  activate(out, build, root);
  return { content, data, out };
}

/** A data file for `location` as its pinger writes it: one round of every check, `ageMs` before now. */
async function dataFile(setupPaths: { content: string; data: string }, location: string, ageMs: number): Promise<void> {
  const { site } = loadContent(setupPaths.content);
  const at = new Date(now.getTime() - ageMs);
  const results = site.components.flatMap((c) =>
    c.checks.map((check, i) => ({ at: at.toISOString(), checkId: checkIdOf(c.id, check, i), componentId: c.id, location, verdict: 'up' as const, reason: 'HTTP 200', attempts: 1, phases: { totalMs: 12 } })),
  );
  const store = new Store({ file: path.join(setupPaths.data, `${location}.json`), location, rules: site.monitoring });
  await store.record(results, new Map(results.map((r) => [r.checkId, site.monitoring.intervalSeconds])), at);
}

const realSite = (s: string) => s.replace('url: https://status.acme.example', 'url: https://status.acme.com').replace(/^exampleAnchor: .*$/m, '');
const levels = (findings: Finding[]) => findings.map((f) => `${f.level} ${f.topic}`);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-doctor-'));
  hookServer = http.createServer((req, res) => {
    res.statusCode = req.method === 'HEAD' ? 405 : 500;
    res.end();
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/services/T0/B0/secret-token`;
  // A port nothing listens on: bind one, note it, close it.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(() => {
  hookServer?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  process.env.ACME_HEALTH_TOKEN = 'set-for-the-test';
});

describe('outpost doctor', () => {
  test('a healthy setup: everything ok', async () => {
    const paths = setup(realSite);
    await dataFile(paths, 'eu-west', 30_000);
    await dataFile(paths, 'us-east', 90_000);
    const findings = await diagnose({ ...paths, now });
    expect(levels(findings)).toEqual(['ok content', 'ok public URL', 'ok data eu-west', 'ok data us-east', 'ok out']);
    expect(findings[3]!.message).toBe('last result 90 s ago');
    expect(findings.find((f) => f.topic === 'out')!.message).toMatch(/^complete \(\d+ files\), built \d+ s ago$/);
  });

  test("the example's URL and clock shift, a missing secret", async () => {
    delete process.env.ACME_HEALTH_TOKEN;
    const paths = setup();
    await dataFile(paths, 'eu-west', 0);
    const findings = await diagnose({ ...paths, now });
    expect(levels(findings)).toEqual(['ok content', 'fail public URL', 'warn content', 'warn environment', 'ok data eu-west', 'ok out']);
    expect(findings[1]!.message).toBe('https://status.acme.example is a placeholder');
    expect(findings[3]!.message).toBe('ACME_HEALTH_TOKEN is not set here');
  });

  test('a stale location, too few fresh locations for the quorum, a corrupt data file', async () => {
    const paths = setup((s) => realSite(s).replace('  failuresToOpen: 2', '  failuresToOpen: 2\n  quorum: 2'));
    await dataFile(paths, 'eu-west', 30_000);
    await dataFile(paths, 'us-east', 60 * 60_000);
    let findings = await diagnose({ ...paths, now });
    expect(levels(findings)).toEqual(['ok content', 'ok public URL', 'ok data eu-west', 'fail data us-east', 'fail data', 'ok out']);
    expect(findings[3]!.message).toBe('last result 60 min ago: stale (nothing within 2 × 60 s)');
    expect(findings[3]!.fix).toContain('us-east');
    expect(findings[4]!.message).toBe('1 fresh location, but monitoring.quorum needs 2: every monitored component shows as stale');

    fs.writeFileSync(path.join(paths.data, 'us-east.json'), '{"version": 1, "location": ');
    findings = await diagnose({ ...paths, now });
    expect(levels(findings)).toEqual(['ok content', 'ok public URL', 'fail data', 'ok out']);
    expect(findings[2]!.message).toContain('us-east.json');
  });

  test('no data at all, an incomplete out/, content newer than the build', async () => {
    const paths = setup(realSite);
    fs.rmSync(path.join(fs.realpathSync(paths.out), 'index.html'));
    let findings = await diagnose({ ...paths, now });
    expect(levels(findings)).toEqual(['ok content', 'ok public URL', 'fail data', 'fail out']);
    expect(findings[3]!.message).toBe('incomplete: missing index.html');

    fs.writeFileSync(path.join(fs.realpathSync(paths.out), 'index.html'), '<html></html>');
    fs.utimesSync(path.join(fs.realpathSync(paths.out), 'index.html'), new Date(now.getTime() - 120_000), new Date(now.getTime() - 120_000));
    findings = await diagnose({ ...paths, now });
    expect(levels(findings)).toEqual(['ok content', 'ok public URL', 'fail data', 'ok out', 'warn out']);
    expect(findings[4]!.message).toMatch(/^content changed since the last build \(/);
  });

  test('out/ pointing to a removed build, no out/ at all, and invalid content stops at the content', async () => {
    const paths = setup(realSite);
    fs.rmSync(fs.realpathSync(paths.out), { recursive: true });
    expect((await diagnose({ ...paths, now })).at(-1)!.message).toMatch(/out points to .*build, which is gone$/);
    fs.rmSync(paths.out);
    expect((await diagnose({ ...paths, now })).at(-1)).toMatchObject({ level: 'fail', topic: 'out', message: `${paths.out} does not exist` });
    const broken = setup(realSite);
    const site = path.join(broken.content, 'site.yaml');
    fs.writeFileSync(site, fs.readFileSync(site, 'utf8').replace('name: Acme Status', 'name: ""'));
    const findings = await diagnose({ ...broken, now });
    expect(levels(findings)).toEqual(['fail content']);
    expect(findings[0]!.message).toMatch(/site\.yaml:\d+:\d+ name: /);
  });

  test('--webhooks: one that answers (any status) and one refused; secrets in the path are not shown', async () => {
    const paths = setup((s) => realSite(s).replace('  webhooks: []', `  webhooks:\n    - url: ${hookUrl}\n    - url: ${refusedUrl}`));
    await dataFile(paths, 'eu-west', 1_000);
    const findings = (await diagnose({ ...paths, now, webhooks: true })).filter((f) => f.topic.startsWith('webhook'));
    expect(findings.map((f) => [f.level, f.message.replace(/\d+ ms/, 'N ms')])).toEqual([
      ['ok', 'answered HTTP 405 in N ms'],
      ['fail', 'unreachable: connection refused (nothing listens there)'],
    ]);
    expect(findings.map((f) => f.topic).join(' ')).not.toContain('secret-token');
  });

  test('the command exits 1 when something must be fixed and prints how, 0 when nothing', async () => {
    const bad = setup();
    const cli = path.join(projectRoot, 'bin', 'outpost.js');
    let run = spawnSync(process.execPath, [cli, 'doctor', '--content', bad.content, '--data', bad.data, '--out', bad.out], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL  public URL: https://status.acme.example is a placeholder\n      → set url: in content/site.yaml');
    expect(run.stdout).toMatch(/\n2 things to fix\.\n$/);

    const good = setup(realSite);
    await dataFile(good, 'eu-west', 0);
    run = spawnSync(process.execPath, [cli, 'doctor', '--content', good.content, '--data', good.data, '--out', good.out], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/\nNothing to fix\.\n$/);
    expect(run.status).toBe(0);
  });
});
