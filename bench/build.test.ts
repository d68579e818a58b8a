import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryCacheFile } from '../lib/content/cache';
import { shellCacheDir } from '../lib/build/next-shell';
import { keptDir, projectRoot } from '../lib/build/paths';
import { forgetBuildCaches } from './build';

let project: string;
beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-project-'));
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

/** Writes a file at `rel` inside the project copy; returns its path. */
function put(rel: string): string {
  const file = path.join(project, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'kept');
  return file;
}

describe('a first build in the bench starts with nothing cached', () => {
  it('forgets Next’s cache, the kept shell, the kept incident images and the content entry cache; keeps the command and the builds', () => {
    // Where the real code keeps each, moved from this project into the copy the bench builds in.
    const entries = put(path.relative(projectRoot, entryCacheFile(path.join(os.tmpdir(), 'some-content'))));
    const image = put(path.join(path.relative(projectRoot, keptDir), '0123abcd.out'));
    const shell = put(path.join(path.relative(projectRoot, shellCacheDir(projectRoot)), 'key', 'shell.json'));
    const turbopack = put('.next/cache/turbopack/data');
    const bundle = put('.outpost/cli/outpost.cjs');
    const build = put('.outpost/builds/out-0123abcd/20261201T000000Z-abcd/index.html');

    forgetBuildCaches(project);

    for (const cached of [entries, image, shell, turbopack]) expect(fs.existsSync(cached), cached).toBe(false);
    for (const kept of [bundle, build]) expect(fs.existsSync(kept), kept).toBe(true);
  });

  it('is a no-op on a project that has built nothing yet', () => {
    expect(() => forgetBuildCaches(project)).not.toThrow();
  });
});
