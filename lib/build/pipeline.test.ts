import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveStatic } from '../cli/serve';
import { loadContent } from '../content';
import { acquireBuildLock } from './lock';
import { projectRoot } from './paths';
import { buildsDirFor, readBuildMeta, served, spareSuffix } from './swap';
import { sharedSite, treeHash } from './test-site';

// The real `outpost build` (next included) against a served out/: what must never happen to a live site. Each test
// has its own site (a folder, its out/ and a server), so any test runs alone.
const cli = path.join(projectRoot, 'bin', 'outpost.js');
let tmp: string;
const sites: { out: string; close: () => void }[] = [];

/** A copy of the example content with `edit` applied to one file. */
function contentCopy(name: string, file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(tmp, `${name}-`));
  fs.cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
  return dir;
}

/** A real site (no exampleAnchor): its times stay put, so two builds of it make the same incident cards. */
const realSite = (name: string) => contentCopy(name, 'site.yaml', (t) => t.replace(/^name: .*$/m, `name: ${name}`).replace(/^exampleAnchor:.*\n/m, ''));

/**
 * A live site of its own: out/ a plain folder holding the example as built (as an older Outpost left it: the first
 * swap turns it into a link), served by a running server.
 */
async function liveSite() {
  const dir = fs.mkdtempSync(path.join(tmp, 'site-'));
  const out = path.join(dir, 'out');
  fs.cpSync(await sharedSite(), out, { recursive: true });
  const server: http.Server = await serveStatic(out, 0);
  sites.push({ out, close: () => server.close() });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const home = async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    return response.text();
  };
  return { dir, out, home };
}

/** Runs `outpost …` without blocking this process, which serves out/ meanwhile. */
function outpost(...args: string[]): ReturnType<typeof runNode> {
  return runNode([cli, ...args]);
}

/** Runs a Node script in the project. */
function runNode(args: string[], env = process.env): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts `outpost build` and resolves once Next is compiling (its `next build` child running). */
async function buildUnderWay(content: string, out: string) {
  const build = spawn(process.execPath, [cli, 'build', '--content', content, '--out', out], { cwd: projectRoot });
  let output = '';
  build.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => build.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    build.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Creating an optimized production build')) resolve();
    });
    void exited.then((code) => reject(new Error(`build ended (${code}) before Next was compiling:\n${output}`)));
  });
  return { build, exited, output: () => output };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-build-'));
});

afterAll(() => {
  for (const site of sites) {
    site.close();
    fs.rmSync(buildsDirFor(projectRoot, site.out), { recursive: true, force: true });
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('outpost build keeps the last good out/', () => {
  test('a broken content file is refused and out/ stays byte-for-byte', async () => {
    const { out } = await liveSite();
    const before = treeHash(out);
    const content = contentCopy('broken', 'incidents/2026-10-28-api-outage.md', (t) => t.replace(/^impact: .*$/m, 'impact: huge'));
    const run = await outpost('build', '--content', content, '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/incidents\/2026-10-28-api-outage\.md:\d+:\d+ impact: expected none \| minor \| major \| critical, got "huge"/);
    expect(run.stderr).toContain('build refused:');
    expect(run.stderr).toContain('is unchanged');
    expect(treeHash(out)).toBe(before);
  });

  test('a build killed with SIGKILL mid-way leaves the previous out/ served; the next build stops the orphan and goes live in one swap', async () => {
    const { dir, out, home } = await liveSite();
    const before = treeHash(out);
    const page = await home();
    // A name no earlier build had, so no shell is kept for it (lib/build/next-shell.ts) and Next runs.
    const killed = await buildUnderWay(contentCopy('killed', 'site.yaml', (t) => t.replace(/^name: .*$/m, `name: Killed Build ${Date.now()}`)), out);
    killed.build.kill('SIGKILL');
    await killed.exited;
    expect(await home()).toBe(page);
    expect(treeHash(out)).toBe(before);
    expect(served(out).kind).toBe('folder');

    const run = await outpost('build', '--content', realSite(`Rebuilt ${Date.now()}`), '--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/an earlier build \(pid \d+\)/);
    expect(run.stdout).toMatch(/now serves .*\(\d+ files verified\)/);
    expect(served(out).kind).toBe('link');
    expect(await home()).toContain('Rebuilt');
    // The killed build's half-written folder and the replaced plain folder are gone.
    expect(fs.readdirSync(buildsDirFor(projectRoot, out)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.out'))).toEqual([]);
  }, 600_000);

  test('--rollback serves the build kept from before, and back again; with none kept it says so', async () => {
    const { out, home } = await liveSite();
    const built = await outpost('build', '--content', realSite('Rolled Status'), '--out', out);
    expect(built.status, built.stderr).toBe(0);
    // Beside the build, the spare copy the first publish will write into, named in its meta: never a build to go back to.
    const live = fs.realpathSync(out);
    expect(readBuildMeta(live)!.from).toEqual({ build: `${path.basename(live)}${spareSuffix}`, changed: [] });
    expect(treeHash(`${live}${spareSuffix}`)).toBe(treeHash(live));
    const rollback = () => outpost('build', '--rollback', '--out', out);
    // The plain folder the first swap replaced was not a build: nothing to go back to yet.
    let run = await rollback();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('nothing to roll back to');

    const current = fs.realpathSync(out);
    const earlier = path.join(path.dirname(current), '20000101T000000Z-0000');
    fs.cpSync(current, earlier, { recursive: true });
    fs.writeFileSync(path.join(earlier, 'index.html'), '<!DOCTYPE html><h1>The build before</h1>');
    run = await rollback();
    expect(run.status, run.stderr).toBe(0);
    expect(await home()).toContain('The build before');
    run = await rollback();
    expect(run.status, run.stderr).toBe(0);
    expect(await home()).toContain('Rolled Status');
  }, 600_000);

  test('a content file edited while the build runs: the build refuses to go live with either version', async () => {
    const { out } = await liveSite();
    const before = treeHash(out);
    const content = contentCopy('edited', 'site.yaml', (t) => t.replace(/^name: .*$/m, `name: Edited Build ${Date.now()}`));
    // Next is compiling: the content is read after it, and each file is compared with how it was when the build started.
    const run = await buildUnderWay(content, out);
    const file = path.join(content, 'incidents', '2026-10-28-api-outage.md');
    fs.appendFileSync(file, '\nEdited during the build.\n');
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`${file} changed while the build read it: build again`);
    expect(run.output()).toContain('build refused');
    expect(treeHash(out)).toBe(before);
  }, 600_000);

  test('building the same content again takes every incident image from the cache, byte for byte', async () => {
    const { out } = await liveSite();
    const content = realSite('Cached Status');
    const first = await outpost('build', '--content', content, '--out', out);
    expect(first.status, first.stderr).toBe(0);
    const before = fs.realpathSync(out);
    const run = await outpost('build', '--content', content, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const ids = fs.readdirSync(path.join(before, 'incidents'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(run.stdout).toMatch(new RegExp(`\\d+ files rendered, ${ids.length} of them kept from an earlier build`));
    // The same site and code: the shell and Next's static files are the ones the build before kept, and Next does not run.
    expect(run.stdout).toContain('next build skipped');
    expect(run.stdout).not.toContain('Creating an optimized production build');
    for (const file of ['404.html', 'icon.svg', 'outpost.js']) expect(fs.readFileSync(path.join(fs.realpathSync(out), file)).equals(fs.readFileSync(path.join(before, file))), file).toBe(true);
    const after = fs.realpathSync(out);
    expect(after).not.toBe(before);
    for (const id of ids) expect(fs.readFileSync(path.join(after, 'incidents', id, 'og.png')).equals(fs.readFileSync(path.join(before, 'incidents', id, 'og.png'))), id).toBe(true);
  }, 600_000);

  test('--low-memory builds with webpack: the same pages, verified', async () => {
    const lean = path.join(tmp, 'lean');
    // A name no earlier build had: with the shell of a known one kept, Next would not run at all.
    const content = contentCopy('lean-content', 'site.yaml', (t) => t.replace(/^name: .*$/m, `name: Lean Build ${Date.now()}`));
    const run = await outpost('build', '--low-memory', '--content', content, '--out', lean);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Next\.js [\d.]+ \(webpack\)/);
    expect(run.stdout).toMatch(/now serves .*\(\d+ files verified\)/);
    const pages = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
    expect(pages(lean)).toEqual(pages(await sharedSite()));
    const older = pages(lean).filter((f) => f.startsWith('incidents/'))[0]!;
    expect(fs.readFileSync(path.join(lean, older), 'utf8')).toMatch(/<main id="main" class="wrap" tabindex="-1"><article data-live="incident" data-poll="\d+"><h1>/);
    fs.rmSync(buildsDirFor(projectRoot, lean), { recursive: true, force: true });
  }, 600_000);

  test('a bare `next build`, as a host might run, still exports every incident page and image', async () => {
    // Not our build, but it shares .next/ with them: it takes the build lock as `outpost build` does.
    const lock = await acquireBuildLock(projectRoot, () => {});
    const distDir = path.join('.outpost', `bare-next-${process.pid}`);
    try {
      const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', OUTPOST_OUT_DIR: distDir };
      const run = await runNode([require.resolve('next/dist/bin/next'), 'build'], env);
      expect(run.status, run.stderr).toBe(0);
      const ids = loadContent(path.join(projectRoot, 'content')).incidents.map((i) => i.id);
      expect(ids.length).toBeGreaterThan(2);
      for (const id of ids) {
        expect(fs.existsSync(path.join(projectRoot, distDir, 'incidents', `${id}.html`)), id).toBe(true);
        expect(fs.existsSync(path.join(projectRoot, distDir, 'incidents', id, 'og.png')), id).toBe(true);
      }
    } finally {
      fs.rmSync(path.join(projectRoot, distDir), { recursive: true, force: true });
      await lock.release();
    }
  }, 600_000);

  test('a new site with no incident and no maintenance yet builds, with no placeholder page or image', async () => {
    const content = path.join(tmp, 'new-site');
    fs.cpSync(path.join(projectRoot, 'content'), content, { recursive: true });
    for (const dir of ['incidents', 'maintenance']) {
      fs.rmSync(path.join(content, dir), { recursive: true });
      fs.mkdirSync(path.join(content, dir));
    }
    const fresh = path.join(tmp, 'new-out');
    const run = await outpost('build', '--content', content, '--out', fresh);
    expect(run.status, run.stderr).toBe(0);
    const files = fs.readdirSync(fresh, { recursive: true, encoding: 'utf8' });
    expect(files).toContain('index.html');
    expect(files).toContain('history.html');
    expect(files.filter((f) => /^(incidents|maintenance)\//.test(f))).toEqual([]);
    fs.rmSync(buildsDirFor(projectRoot, fresh), { recursive: true, force: true });
  }, 600_000);
});
