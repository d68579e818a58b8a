import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { activate, buildsDirFor, completeBuilds, copyOfBuild, makeSpare, newBuildId, prune, removePartial, served, spareSuffix } from './swap';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-swap-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A build folder holding one index.html that says `label`. */
function build(name: string, label: string): string {
  const dir = path.join(root, '.outpost', 'builds', 'out', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), label);
  return dir;
}

const read = (out: string) => fs.readFileSync(path.join(out, 'index.html'), 'utf8');

describe('activate', () => {
  test('nothing yet: out becomes a relative link to the build', () => {
    const out = path.join(root, 'out');
    activate(out, build('a', 'A'), root);
    expect(fs.readlinkSync(out)).toBe(path.join('.outpost', 'builds', 'out', 'a'));
    expect(read(out)).toBe('A');
  });

  test('a link: replaced by a link to the new build, the old build untouched', () => {
    const out = path.join(root, 'out');
    const a = build('a', 'A');
    activate(out, a, root);
    activate(out, build('b', 'B'), root);
    expect(read(out)).toBe('B');
    expect(served(out)).toEqual({ kind: 'link', target: path.join(root, '.outpost', 'builds', 'out', 'b') });
    expect(fs.readFileSync(path.join(a, 'index.html'), 'utf8')).toBe('A');
    expect(fs.readdirSync(root).sort()).toEqual(['.outpost', 'out']);
  });

  test('a plain folder from an older Outpost: replaced by the link and removed', () => {
    const out = path.join(root, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'index.html'), 'old');
    activate(out, build('a', 'A'), root);
    expect(served(out).kind).toBe('link');
    expect(read(out)).toBe('A');
    expect(fs.readdirSync(root).sort()).toEqual(['.outpost', 'out']);
  });

  test('out outside the project: an absolute link', () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-www-'));
    try {
      const out = path.join(elsewhere, 'status');
      const a = build('a', 'A');
      activate(out, a, root);
      expect(fs.readlinkSync(out)).toBe(a);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('a file where out should be: refused, the file kept', () => {
    const out = path.join(root, 'out');
    fs.writeFileSync(out, 'not a folder');
    expect(() => activate(out, build('a', 'A'), root)).toThrow(/neither a folder nor a link/);
    expect(fs.readFileSync(out, 'utf8')).toBe('not a folder');
    expect(fs.readdirSync(root).filter((n) => n.endsWith('.link'))).toEqual([]);
  });
});

describe('build folders', () => {
  test('prune keeps only the named builds; removePartial drops only half-written ones', () => {
    const builds = path.join(root, '.outpost', 'builds', 'out');
    const [a, b, c] = [build('20260101T000000Z-aaaa', 'A'), build('20260102T000000Z-bbbb', 'B'), build('20260103T000000Z-cccc', 'C')];
    build('20260104T000000Z-dddd.partial', 'D');
    expect(removePartial(builds)).toEqual([path.join(builds, '20260104T000000Z-dddd.partial')]);
    expect(completeBuilds(builds)).toEqual([a, b, c]);
    prune(builds, [c, b]);
    expect(completeBuilds(builds)).toEqual([b, c]);
  });

  test('prune moves a build out of the way at once and a process of its own deletes it; a leftover one goes next time', async () => {
    const builds = path.join(root, '.outpost', 'builds', 'out');
    const [a, b] = [build('20260101T000000Z-aaaa', 'A'), build('20260102T000000Z-bbbb', 'B')];
    fs.writeFileSync(`${a}.json`, '{}');
    // What a removal killed before it ended left behind.
    const left = path.join(builds, '.removing-20251231T000000Z-zzzz');
    fs.mkdirSync(path.join(left, 'inside'), { recursive: true });
    expect(prune(builds, [b]).sort()).toEqual([a, `${a}.json`].sort());
    expect(fs.existsSync(a)).toBe(false);
    expect(completeBuilds(builds)).toEqual([b]);
    const gone = async () => {
      for (let waited = 0; waited < 20_000; waited += 50) {
        if (fs.readdirSync(builds).every((name) => !name.startsWith('.removing-'))) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    };
    expect(await gone()).toBe(true);
    expect(fs.readdirSync(builds).sort()).toEqual([path.basename(b)]);
  });

  test('each served folder has its own builds folder inside the project', () => {
    expect(buildsDirFor('/p', '/p/out')).toMatch(/^\/p\/\.outpost\/builds\/out-[0-9a-f]{8}$/);
    expect(buildsDirFor('/p', '/srv/www/out')).not.toBe(buildsDirFor('/p', '/p/out'));
  });

  test('build ids sort by start time', () => {
    const ids = [newBuildId(new Date('2026-11-23T09:00:00Z')), newBuildId(new Date('2026-11-23T10:00:00Z'))];
    expect(ids[0]).toMatch(/^20261123T090000Z-[0-9a-f]{4}$/);
    expect([...ids].reverse().sort()).toEqual(ids);
  });
});

describe('copyOfBuild', () => {
  const meta = { shell: ['', '', ''] as [string, string, string], manifest: { code: 'c', outputs: { 'index.html': 'k' } }, contentDir: '/content' };

  test('after a build, the copy is the spare the build left: renamed, not linked anew', () => {
    const live = build('a', 'A');
    makeSpare(live, meta);
    const spare = `${live}${spareSuffix}`;
    const inode = fs.statSync(spare).ino;
    const to = path.join(path.dirname(live), 'b.partial');
    expect(copyOfBuild(live, { ...meta, from: { build: path.basename(spare), changed: [] } }, to)).toBe(true);
    expect([fs.existsSync(spare), fs.statSync(to).ino, read(to)]).toEqual([false, inode, 'A']);
    expect(completeBuilds(path.dirname(live))).toEqual([live]);
  });

  test('for another served folder linked to this build, the copy is linked anew and this build’s spare is left alone', () => {
    const live = build('a', 'A');
    makeSpare(live, meta);
    const spare = `${live}${spareSuffix}`;
    const to = path.join(root, '.outpost', 'builds', 'other', 'b.partial');
    expect(copyOfBuild(live, { ...meta, from: { build: path.basename(spare), changed: [] } }, to)).toBe(false);
    expect([fs.existsSync(spare), read(to)]).toEqual([true, 'A']);
  });
});
