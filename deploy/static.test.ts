import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { activate } from '../lib/build/swap';
import { sharedSite, treeHash } from '../lib/build/test-site';
import { listFiles } from '../lib/files';

// The static-host scripts with a real rclone, its local backend standing in for the bucket (the same sync
// code runs against S3; only the transport differs).
const rclone = spawnSync('rclone', ['version']).status === 0;
if (!rclone) {
  if (process.env.CI) throw new Error('rclone is not installed: .ci/run installs it (apt-get install rclone)');
  console.warn('SKIPPED deploy/static.test.ts: rclone is not installed here (Debian: apt-get install rclone).');
}

let tmp: string;
let out: string;
let build: string;
let bucket: string;

function push(script: 'push-site.sh' | 'push-live.sh') {
  const run = spawnSync(path.join(__dirname, 'static', script), [bucket, out], { encoding: 'utf8', env: { ...process.env, RCLONE_CONFIG: '/dev/null' } });
  expect(run.status, run.stderr).toBe(0);
}

/** Modification times of every file in the bucket, to tell which files a push rewrote. */
function mtimes(): Map<string, number> {
  const files = fs.readdirSync(bucket, { recursive: true }) as string[];
  return new Map(files.filter((f) => fs.statSync(path.join(bucket, f)).isFile()).map((f) => [f, fs.statSync(path.join(bucket, f)).mtimeMs]));
}

describe.skipIf(!rclone)('static host scripts (deploy/static)', () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-static-'));
    build = path.join(tmp, 'builds', 'a');
    fs.cpSync(await sharedSite(), build, { recursive: true });
    for (const file of ['status.json', 'api/v2/summary.json']) {
      fs.mkdirSync(path.dirname(path.join(build, file)), { recursive: true });
      fs.writeFileSync(path.join(build, file), '{"round":1}');
    }
    out = path.join(tmp, 'out');
    activate(out, build, tmp);
    bucket = path.join(tmp, 'bucket');
  }, 600_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('push-site.sh uploads the whole build through the out link, the widget and build.json too', () => {
    push('push-site.sh');
    expect(treeHash(bucket)).toBe(treeHash(out));
    for (const file of ['widget.js', 'build.json']) expect(fs.readFileSync(path.join(bucket, file)).equals(fs.readFileSync(path.join(out, file))), file).toBe(true);
  });

  test('cors.json lets any origin read the bucket, and only read it', () => {
    const { CORSRules } = JSON.parse(fs.readFileSync(path.join(__dirname, 'static', 'cors.json'), 'utf8')) as { CORSRules: { AllowedOrigins: string[]; AllowedMethods: string[] }[] };
    expect(CORSRules).toHaveLength(1);
    expect(CORSRules[0]!.AllowedOrigins).toEqual(['*']);
    expect(CORSRules[0]!.AllowedMethods).toEqual(['GET', 'HEAD']);
  });

  test('push-live.sh after a ping round sends only status.json and api/v2/', async () => {
    const before = mtimes();
    await new Promise((resolve) => setTimeout(resolve, 20)); // so a rewrite shows in the times
    fs.writeFileSync(path.join(build, 'status.json'), '{"round":2}');
    fs.writeFileSync(path.join(build, 'api/v2/summary.json'), '{"round":2}');
    fs.appendFileSync(path.join(build, 'index.html'), '<!-- changed by a build, not by a ping round -->');
    push('push-live.sh');
    const after = mtimes();
    const rewritten = [...after].filter(([file, time]) => before.get(file) !== time).map(([file]) => file).sort();
    expect(rewritten).toEqual(['api/v2/summary.json', 'status.json']);
    expect(fs.readFileSync(path.join(bucket, 'status.json'), 'utf8')).toBe('{"round":2}');
    expect(fs.readFileSync(path.join(bucket, 'index.html'), 'utf8')).not.toContain('changed by a build');
  });

  test('the next push-site.sh sends the new build and removes what it no longer has', () => {
    const next = path.join(tmp, 'builds', 'b');
    fs.cpSync(build, next, { recursive: true });
    const gone = listFiles(next).find((f) => f.endsWith('.png') || f.startsWith('_next/'))!;
    fs.rmSync(path.join(next, gone));
    activate(out, next, tmp);
    push('push-site.sh');
    expect(treeHash(bucket)).toBe(treeHash(out));
    expect(fs.existsSync(path.join(bucket, gone))).toBe(false);
  });
});
