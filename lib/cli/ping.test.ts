import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../build/paths';
import { buildsDirFor } from '../build/swap';
import { builtSite } from '../render/testing/site';
import { readStoreSync } from '../monitor/store';
import { closedPort, serveHttp, type Running } from '../monitor/test-support';
import { ping } from './ping';
import { livePublisher } from './publish';

let server: Running;
let hooks: unknown[] = [];
let dir: string;
let refused: number;

beforeAll(async () => {
  server = await serveHttp((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/hook') hooks.push(JSON.parse(body));
      res.writeHead(req.url === '/ok' && req.headers.authorization !== 'Bearer ping-test-secret-4c9e' ? 401 : 200).end('ok');
    });
  });
  refused = await closedPort();
});
const outs: string[] = [];
afterAll(() => {
  server.close();
  for (const out of outs) fs.rmSync(buildsDirFor(projectRoot, out), { recursive: true, force: true });
});
/** The test site built (before any round) at `<dir>/out`, as `outpost build` leaves it. */
async function built(): Promise<string> {
  const out = path.join(dir, 'out');
  outs.push(out);
  return builtSite(out, path.join(dir, 'content'), path.join(dir, 'data'), new Date(), path.join(dir, 'kept'));
}
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ping-'));
  hooks = [];
  fs.mkdirSync(path.join(dir, 'content'));
  fs.writeFileSync(
    path.join(dir, 'content', 'site.yaml'),
    `name: Test Status
url: https://status.test.example
components:
  - id: api
    name: API
    checks:
      - type: http
        url: ${server.url}/ok
        headers: { Authorization: "Bearer \${env:OUTPOST_TEST_TOKEN}" }
  - id: db
    name: Database
    checks:
      - type: tcp
        host: 127.0.0.1
        port: ${refused}
monitoring:
  intervalSeconds: 5
  retries: 0
  failuresToOpen: 1
  webhooks:
    - url: ${server.url}/hook
`,
  );
});

const isoTime = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) /;

/** Checks that every line starts with an ISO 8601 UTC time within [from, to] (ms), and returns the lines without it. */
function unstamp(lines: readonly string[], from: number, to: number): string[] {
  return lines.map((line) => {
    const time = isoTime.exec(line)?.[1];
    expect(time, `not stamped: ${line}`).toBeDefined();
    expect(Date.parse(time!), line).toBeGreaterThanOrEqual(from);
    expect(Date.parse(time!), line).toBeLessThanOrEqual(to);
    return line.slice(time!.length + 1);
  });
}

/** Runs ping in this process; its lines come back checked for their time stamp and without it. */
async function run(extra: Partial<Parameters<typeof ping>[0]> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const options = { content: path.join(dir, 'content'), data: path.join(dir, 'data'), location: 'test-1', log: (l: string) => lines.push(l), error: (l: string) => errors.push(l), ...extra };
  const from = Date.now();
  const code = await ping(options);
  const to = Date.now();
  return { code, lines: unstamp(lines, from, to), errors: unstamp(errors, from, to) };
}

/** Runs `outpost ping` as a user would (bin/outpost.js); `until` may stop it with SIGTERM once the output says so. */
async function cli(args: string[], until?: (output: string) => boolean) {
  const from = Date.now();
  const child = spawn(process.execPath, ['bin/outpost.js', 'ping', '--location', 'test-1', '--content', path.join(dir, 'content'), '--data', path.join(dir, 'data'), ...args], {
    env: { ...process.env, OUTPOST_TEST_TOKEN: 'ping-test-secret-4c9e' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  let stopping = false;
  child.stdout.on('data', (c) => {
    stdout += c;
    // Give the writer a moment, then stop it.
    if (!stopping && until?.(stdout)) {
      stopping = true;
      setTimeout(() => child.kill('SIGTERM'), 200);
    }
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  const to = Date.now();
  const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  return { code, stdout: unstamp(lines(stdout), from, to), stderr: unstamp(lines(stderr), from, to), raw: stdout + stderr };
}

describe('outpost ping', () => {
  it('runs one round: one line per check, stores it, alerts, and exits 0 though something is down', async () => {
    process.env.OUTPOST_TEST_TOKEN = 'ping-test-secret-4c9e';
    const { code, lines, errors } = await run();
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(lines.filter((l) => l.startsWith('check=')).sort()).toEqual([
      expect.stringMatching(/^check=api location=test-1 status=up httpStatus=200 latencyMs=\d+ attempts=1 reason="HTTP 200"$/),
      expect.stringMatching(/^check=db location=test-1 status=down latencyMs=\d+ attempts=1 reason="connection refused"$/),
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^outage=opened check=db component=db location=test-1 startedAt=\S+ reason="connection refused"$/));
    expect(hooks).toEqual([expect.objectContaining({ type: 'outage.opened', component: { id: 'db', name: 'Database' }, location: 'test-1' })]);
    const data = readStoreSync(path.join(dir, 'data', 'test-1.json'))!;
    expect(data.results.map((r) => [r.checkId, r.verdict])).toEqual([
      ['api', 'up'],
      ['db', 'down'],
    ]);
    // The header secret was sent (the server answered 200 only with it) and is nowhere in what was written or logged.
    expect(fs.readFileSync(path.join(dir, 'data', 'test-1.json'), 'utf8')).not.toContain('ping-test-secret-4c9e');
    expect(lines.join('\n')).not.toContain('ping-test-secret-4c9e');
  });

  it('watching, publishes at once after a confirmed change, and otherwise leaves a quarter of the shortest interval between publishes', async () => {
    // Twelve checks every 5 s answer every few hundred ms: publishing after each of those writes kept a site of 5,000
    // incidents publishing back to back (86% of a core at a 10 s interval; docs/pinger.md).
    const checks = Array.from({ length: 12 }, (_, i) => `  - id: c${i}\n    name: C${i}\n    checks:\n      - type: http\n        url: ${server.url}/plain`).join('\n');
    fs.writeFileSync(
      path.join(dir, 'content', 'site.yaml'),
      `name: Test Status\nurl: https://status.test.example\ncomponents:\n${checks}\n  - id: db\n    name: Database\n    checks:\n      - type: tcp\n        host: 127.0.0.1\n        port: ${refused}\nmonitoring:\n  intervalSeconds: 5\n  retries: 0\n  failuresToOpen: 1\n`,
    );
    const published: { start: number; end: number; after: number }[] = [];
    const lines: string[] = [];
    const controller = new AbortController();
    const stop = setTimeout(() => controller.abort(), 9_000);
    const code = await ping({
      content: path.join(dir, 'content'),
      data: path.join(dir, 'data'),
      location: 'test-1',
      watch: true,
      signal: controller.signal,
      log: (l) => lines.push(l),
      error: (l) => lines.push(l),
      afterWrite: async () => {
        const start = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 50));
        published.push({ start, end: Date.now(), after: lines.length });
      },
    });
    clearTimeout(stop);
    expect(code).toBe(0);
    const results = lines.filter((l) => / check=\S+ location=test-1 status=/.test(l)).length;
    expect(results).toBeGreaterThan(20);
    // The outage, confirmed by the first round, is published right after the write that logged it.
    const opened = lines.findIndex((l) => /outage=opened check=db/.test(l));
    expect(opened).toBeGreaterThanOrEqual(0);
    const first = published.find((p) => p.after > opened)!;
    expect(first.start - Date.parse(lines[opened]!.slice(0, 24))).toBeLessThan(1_000);
    // After it, no publish starts within 1.25 s (5 s / 4) of the end of the one before.
    const later = published.slice(published.indexOf(first));
    expect(later.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < later.length; i++) expect(later[i]!.start - later[i - 1]!.end).toBeGreaterThanOrEqual(1_250);
    // And every result is published soon after it came, the last of a burst too (the watch calls again when due).
    const stopped = Date.now();
    for (const line of lines.filter((l) => / check=\S+ location=test-1 status=/.test(l))) {
      const at = Date.parse(line.slice(0, 24));
      if (at < stopped - 3_000) expect(published.some((p) => p.start >= at && p.start - at <= 2_500), line).toBe(true);
    }
  }, 20_000);

  it('afterWrite publishes the live files after the write, from the new data, with no secret in them', async () => {
    process.env.OUTPOST_TEST_TOKEN = 'ping-test-secret-4c9e';
    const out = await built();
    const lines: string[] = [];
    const afterWrite = livePublisher({ out, content: path.join(dir, 'content'), data: path.join(dir, 'data') }, (l) => lines.push(l));
    const { code } = await run({ afterWrite });
    expect(code).toBe(0);
    expect(lines).toContainEqual(expect.stringMatching(/^publish=ok out=\S+ files=\d+ removed=\d+ indicator=\w+ ms=\d+$/));
    const status = JSON.parse(fs.readFileSync(path.join(out, 'status.json'), 'utf8'));
    expect(JSON.stringify(status)).toContain('major_outage'); // db, confirmed down by this round (failuresToOpen: 1)
    const written = fs
      .readdirSync(out, { recursive: true })
      .map((f) => path.join(out, String(f)))
      .filter((f) => fs.statSync(f).isFile())
      .map((f) => fs.readFileSync(f, 'utf8'));
    expect(written.join('\n')).not.toContain('ping-test-secret-4c9e');
  });

  it('a broken incident file does not stop the checks or the publish: it is named, file:line:col', async () => {
    process.env.OUTPOST_TEST_TOKEN = 'ping-test-secret-4c9e';
    const out = await built();
    fs.mkdirSync(path.join(dir, 'content', 'incidents'));
    fs.writeFileSync(path.join(dir, 'content', 'incidents', '2026-11-20-broken.md'), '---\ntitle: Broken: a colon\nimpact: minor\nupdates: []\n---\n');
    const { stdout, stderr, code, raw } = await cli(['--publish', out]);
    expect(code, raw).toBe(0);
    expect(stdout.filter((l) => l.startsWith('check='))).toHaveLength(2);
    expect(stdout).toContainEqual(expect.stringMatching(/^publish=ok /));
    expect(stderr).toContainEqual(expect.stringMatching(/^content problem \(checks go on\): .*incidents\/2026-11-20-broken\.md:2:\d+ /));
  }, 30_000);

  it('refuses to run when a header reads an unset variable, and says which', async () => {
    delete process.env.OUTPOST_TEST_TOKEN;
    const { code, errors } = await run();
    expect(code).toBe(1);
    expect(errors).toEqual(['ping refused: check api header Authorization: reads ${env:OUTPOST_TEST_TOKEN}, which is not set']);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('exits 1 and keeps a corrupt data file as it is', async () => {
    process.env.OUTPOST_TEST_TOKEN = 'ping-test-secret-4c9e';
    fs.mkdirSync(path.join(dir, 'data'));
    const file = path.join(dir, 'data', 'test-1.json');
    fs.writeFileSync(file, '{"version":1,"loc');
    const { code, errors } = await run();
    expect(code).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^ping could not store its results: .*test-1\.json: not valid JSON/)]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"version":1,"loc');
  });

  it('as a command, one round: every line on stdout and stderr starts with its ISO time, the publish line too', async () => {
    const out = await built();
    const { code, stdout, stderr, raw } = await cli(['--publish', out]);
    expect(code, raw).toBe(0);
    expect(stderr).toEqual([]);
    expect(stdout.filter((l) => l.startsWith('check=')).sort()).toEqual([
      expect.stringMatching(/^check=api location=test-1 status=up httpStatus=200 latencyMs=\d+ attempts=1 reason="HTTP 200"$/),
      expect.stringMatching(/^check=db location=test-1 status=down latencyMs=\d+ attempts=1 reason="connection refused"$/),
    ]);
    expect(stdout).toContainEqual(expect.stringMatching(/^outage=opened check=db component=db location=test-1 startedAt=\S+ reason="connection refused"$/));
    expect(stdout).toContainEqual(expect.stringMatching(/^alert=opened check=db location=test-1 webhook=1 delivered=true attempts=1 detail="HTTP 200"$/));
    expect(stdout).toContainEqual(expect.stringMatching(/^publish=ok out=\S+ files=\d+ removed=\d+ indicator=\w+ ms=\d+$/));
    expect(stdout).toHaveLength(5);
  }, 30_000);

  it('as a command, errors are stamped too: refused content, and bad usage', async () => {
    fs.appendFileSync(path.join(dir, 'content', 'site.yaml'), 'unknownKey: 1\n');
    const refused = await cli([]);
    expect(refused.code, refused.raw).toBe(1);
    expect(refused.stdout).toEqual([]);
    expect(refused.stderr[0]).toBe('1 problem in content:');
    expect(refused.stderr[1]).toMatch(/site\.yaml:\d+:\d+ /);
    const usage = await cli(['--location', 'EU 1']);
    expect(usage.code, usage.raw).toBe(2);
    expect(usage.stdout).toEqual([]);
    expect(usage.stderr[0]).toMatch(/^error: option '--location <name>' argument 'EU 1' is invalid/);
    expect(usage.stderr).toContain('Usage: outpost ping [options]');
  }, 30_000);

  it('--watch keeps checking and, on SIGTERM, stores what it has and exits 0; every line is stamped', async () => {
    const { code, stdout, stderr, raw } = await cli(['--watch'], (out) => (out.match(/Z check=/g) ?? []).length >= 2);
    expect(code, raw).toBe(0);
    expect(stderr).toEqual([]);
    expect(stdout[0]).toBe('watch=started location=test-1 checks=2 concurrency=16');
    expect(stdout.at(-1)).toBe('watch=stopped location=test-1 checks=2');
    expect(stdout.filter((l) => l.startsWith('check=')).length).toBeGreaterThanOrEqual(2);
    const data = readStoreSync(path.join(dir, 'data', 'test-1.json'))!;
    expect(new Set(data.results.map((r) => r.checkId))).toEqual(new Set(['api', 'db']));
    expect(fs.readdirSync(path.join(dir, 'data')).sort()).toEqual(['test-1.json']);
  }, 30_000);
});
