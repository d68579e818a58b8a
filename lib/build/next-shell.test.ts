import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listFiles } from '../files';
import { isOutputFile, outputs } from '../render/outputs';
import { cutShell, type Shell } from '../render/shell';
import { fixtureContent } from '../render/testing/site';
import { acquireBuildLock } from './lock';
import { keepShell, restoreShell, shellKey, shellRoutes } from './next-shell';
import { optimizeOutput } from './optimize';
import { projectRoot } from './paths';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-shell-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A small project: app/, lib/ (with a test and a fixture), public/ and next.config.ts. */
function project(name: string): string {
  const dir = path.join(tmp, name);
  const files: Record<string, string> = {
    'app/layout.tsx': 'export default 1;',
    'app/icon.svg': '<svg/>',
    'lib/a.ts': 'export const a = 1;',
    'lib/a.test.ts': 'test',
    'lib/x/fixtures/site.yaml': 'name: x',
    'public/outpost.js': '1',
    'next.config.ts': 'export default {};',
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('the key of a kept shell', () => {
  test('changes with the shell site and with any source Next reads, not with tests or fixtures', () => {
    const dir = project('key');
    const key = shellKey(dir, 'site');
    expect(shellKey(dir, 'site')).toBe(key);
    expect(shellKey(dir, 'other site')).not.toBe(key);
    fs.writeFileSync(path.join(dir, 'lib/a.test.ts'), 'changed');
    fs.writeFileSync(path.join(dir, 'lib/x/fixtures/site.yaml'), 'changed');
    expect(shellKey(dir, 'site')).toBe(key);
    for (const file of ['app/icon.svg', 'lib/a.ts', 'public/outpost.js', 'next.config.ts']) {
      const before = shellKey(dir, 'site');
      fs.appendFileSync(path.join(dir, file), ' ');
      expect(shellKey(dir, 'site'), file).not.toBe(before);
    }
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}');
    const withLock = shellKey(dir, 'site');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{"next":1}');
    expect(shellKey(dir, 'site')).not.toBe(withLock);
  });
});

describe('the routes Next builds for the shell', () => {
  test('every file of app/ but the output kinds’ routes: the layout, the 404 page and the icon stay', () => {
    const routes = shellRoutes(projectRoot);
    expect(routes).toEqual(expect.arrayContaining(['app/layout.tsx', 'app/not-found.tsx', 'app/icon.svg']));
    const all = listFiles(path.join(projectRoot, 'app')).map((f) => `app/${f}`);
    const left = all.filter((f) => !routes.includes(f));
    // What is left out is exactly one page or route file per kind with a route of its own in app/.
    for (const file of left) expect(file, file).toMatch(/\/(?:page|route)\.tsx?$/);
    const kindRoutes = Object.values(outputs)
      .map((k) => `app${k.route === '/' ? '' : k.route}`)
      .filter((dir) => left.some((f) => path.posix.dirname(f) === dir));
    expect(kindRoutes.length).toBe(left.length);
    expect(left).toContain('app/incidents/[id]/og.png/route.ts');
    expect(left).toContain('app/page.tsx');
  });
});

describe('kept shells', () => {
  const shell: Shell = ['<html><head>', '</head><body><main>', '</main></body></html>'];

  test('restore the static files and the shell kept under a key; none for another key', () => {
    const cache = path.join(tmp, 'cache-a');
    const made = path.join(tmp, 'made');
    fs.mkdirSync(path.join(made, '_next', 'static'), { recursive: true });
    fs.writeFileSync(path.join(made, 'icon.svg'), '<svg/>');
    fs.writeFileSync(path.join(made, '_next', 'static', 'a.css'), 'a{}');
    keepShell(cache, 'k1', made, shell);
    expect(restoreShell(cache, 'k2', path.join(tmp, 'none'))).toBeNull();
    expect(fs.existsSync(path.join(tmp, 'none'))).toBe(false);
    const into = path.join(tmp, 'into');
    expect(restoreShell(cache, 'k1', into)).toEqual(shell);
    expect(listFiles(into)).toEqual(['_next/static/a.css', 'icon.svg']);
    expect(fs.readFileSync(path.join(into, '_next/static/a.css'), 'utf8')).toBe('a{}');
  });

  test('keep the four used last, and forget a killed build’s half entry', () => {
    const cache = path.join(tmp, 'cache-b');
    const made = path.join(tmp, 'made-b');
    fs.mkdirSync(made, { recursive: true });
    fs.writeFileSync(path.join(made, 'icon.svg'), '<svg/>');
    fs.mkdirSync(path.join(cache, 'k0.123.tmp'), { recursive: true });
    for (const [i, key] of ['k1', 'k2', 'k3', 'k4'].entries()) {
      keepShell(cache, key, made, shell);
      const at = new Date(Date.now() - (10 - i) * 60_000);
      fs.utimesSync(path.join(cache, key), at, at);
    }
    // k1 is used again: k2, the one used least recently, goes when k5 comes.
    expect(restoreShell(cache, 'k1', path.join(tmp, 'again'))).toEqual(shell);
    keepShell(cache, 'k5', made, shell);
    expect(fs.readdirSync(cache).sort()).toEqual(['k1', 'k3', 'k4', 'k5']);
  });
});

/** Runs `next build` of `content` exporting into `distDir` (relative to the project), with `args`. */
function nextBuild(content: string, distDir: string, args: string[]): Promise<number | null> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', OUTPOST_OUT_DIR: distDir, OUTPOST_NOW: '2026-11-23T14:05:00.000Z', OUTPOST_CONTENT_DIR: content, OUTPOST_DATA_DIR: path.join(projectRoot, 'data') };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'build', ...args], { cwd: projectRoot, env, stdio: 'ignore' });
    child.on('close', resolve);
  });
}

describe('the shell of Next’s routes for it alone', () => {
  test('is the shell of a full `next build` byte for byte, with the same static files', async () => {
    const content = fixtureContent(path.join(tmp, 'content'));
    const dirs = { full: path.join('.outpost', `shell-full-${process.pid}`), shell: path.join('.outpost', `shell-only-${process.pid}`) };
    const lock = await acquireBuildLock(projectRoot, () => {});
    try {
      const made: Record<string, { shell: Shell; files: Map<string, string> }> = {};
      for (const [name, distDir] of Object.entries(dirs)) {
        const args = name === 'shell' ? ['--debug-build-paths', shellRoutes(projectRoot).join(',')] : [];
        expect(await nextBuild(content, distDir, args), name).toBe(0);
        const dir = path.join(projectRoot, distDir);
        await optimizeOutput(dir);
        const statics = listFiles(dir).filter((f) => !isOutputFile(f) && !/^_next\//.test(f));
        made[name] = { shell: cutShell(fs.readFileSync(path.join(dir, '404.html'), 'utf8')), files: new Map(statics.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')])) };
      }
      expect(made.shell!.shell).toEqual(made.full!.shell);
      expect([...made.shell!.files.keys()]).toEqual([...made.full!.files.keys()]);
      expect(made.shell!.files).toEqual(made.full!.files);
      expect([...made.shell!.files.keys()]).toContain('icon.svg');
    } finally {
      for (const distDir of Object.values(dirs)) fs.rmSync(path.join(projectRoot, distDir), { recursive: true, force: true });
      await lock.release();
    }
  }, 600_000);
});
