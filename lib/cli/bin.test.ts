import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, slow } from './testing';

/**
 * bin/outpost.js runs the CLI from a bundle it makes itself. These tests use a copy of the project's bin/, lib/,
 * app/ (the build renders incident pages with it) and tsconfig.json (node_modules linked), so that editing a source or breaking the bundle folder touches nothing real.
 */
let project: string;
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

function copyProject(): string {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bin-'));
  for (const dir of ['bin', 'lib', 'app', 'tsconfig.json']) fs.cpSync(path.join(repoRoot, dir), path.join(project, dir), { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'));
  return project;
}

const help = () => spawnSync(process.execPath, [path.join(project, 'bin', 'outpost.js'), '--help'], { encoding: 'utf8' });
const bundle = () => path.join(project, '.outpost', 'cli', 'outpost.cjs');
const mainTs = () => path.join(project, 'lib', 'cli', 'main.ts');

describe('bin/outpost.js', () => {
  it('makes the bundle once, reuses it, and makes it again when a source changes', () => {
    copyProject();
    expect(help().status).toBe(0);
    const made = fs.statSync(bundle()).mtimeMs;
    const second = help();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Outpost: an isolated public status page.');
    expect(fs.statSync(bundle()).mtimeMs).toBe(made);

    const text = fs.readFileSync(mainTs(), 'utf8');
    fs.writeFileSync(mainTs(), text.replace('Outpost: an isolated public status page.', 'Outpost, edited a moment ago.'));
    fs.utimesSync(mainTs(), new Date(), new Date(Date.now() + 1000)); // later than the bundle, whatever the clock's grain
    const edited = help();
    expect(edited.status).toBe(0);
    expect(edited.stdout).toContain('Outpost, edited a moment ago.');
    expect(fs.statSync(bundle()).mtimeMs).toBeGreaterThan(made);
  }, slow);

  it("keeps V8's code cache of the bundle beside it, one per bundle; a broken one costs only speed", () => {
    copyProject();
    const caches = () => fs.readdirSync(path.dirname(bundle())).filter((name) => name.endsWith('.v8'));
    expect(help().status).toBe(0);
    const [first] = caches();
    expect(caches()).toEqual([expect.stringMatching(/^outpost\.\d+-\d+-\d+\.v8$/)]);
    fs.writeFileSync(path.join(path.dirname(bundle()), first!), 'not a code cache');
    const broken = help();
    expect([broken.status, broken.stderr]).toEqual([0, '']);
    expect(broken.stdout).toContain('Outpost: an isolated public status page.');
    expect(fs.readFileSync(path.join(path.dirname(bundle()), first!)).length).toBeGreaterThan(100_000);

    fs.writeFileSync(mainTs(), fs.readFileSync(mainTs(), 'utf8').replace('Outpost: an isolated public status page.', 'Outpost, edited a moment ago.'));
    fs.utimesSync(mainTs(), new Date(), new Date(Date.now() + 1000));
    expect(help().stdout).toContain('Outpost, edited a moment ago.');
    expect(help().stdout).toContain('Outpost, edited a moment ago.');
    expect(caches()).toHaveLength(1);
    expect(caches()).not.toEqual([first]);
  }, slow);

  it('runs the quick commands (publish, edits) without the optimizing compiler, with a code cache of their own beside the others', () => {
    copyProject();
    const caches = () => fs.readdirSync(path.dirname(bundle())).filter((name) => name.endsWith('.v8')).sort();
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(project, 'bin', 'outpost.js'), ...args], { encoding: 'utf8' });
    expect(run('--help').status).toBe(0);
    const publish = run('publish', '--help');
    expect([publish.status, publish.stderr]).toEqual([0, '']);
    const long = caches().find((name) => /^outpost\.\d+-\d+-\d+\.v8$/.test(name));
    expect(caches()).toEqual([long!.replace(/\.v8$/, '.quick.v8'), long]);
    // Each kind of command keeps its cache: neither replaces the other's.
    const both = caches();
    expect(run('validate', '--help').status).toBe(0);
    expect(run('incident', '--help').status).toBe(0);
    expect(caches()).toEqual(both);
  }, slow);

  it('runs the sources through tsx where the bundle cannot be written', () => {
    copyProject();
    fs.writeFileSync(path.join(project, '.outpost'), 'a file where the folder would go');
    const run = help();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: outpost [options] [command]');
  }, slow);

  it('runs `outpost build` in a child with two malloc arenas, which dies when the command is killed, even by SIGKILL', async () => {
    copyProject();
    // A build that waits: the project's build lock, held by this (live) process.
    const state = path.join(project, '.outpost');
    fs.mkdirSync(path.join(state, 'build.lock'), { recursive: true });
    fs.writeFileSync(path.join(state, 'build-owner.json'), JSON.stringify({ pid: process.pid, childPid: null, startedAt: new Date().toISOString() }));
    const build = spawn(process.execPath, [path.join(project, 'bin', 'outpost.js'), 'build'], { cwd: project, env: { ...process.env, MALLOC_ARENA_MAX: undefined } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => build.on('exit', (_, signal) => resolve(signal)));
    let output = '';
    await new Promise<void>((resolve) =>
      build.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        if (output.includes('waiting for the build already running')) resolve();
      }),
    );
    // (esbuild's process, when it has just made the bundle, may still be there beside it.)
    const [child, ...others] = childrenOf(build.pid!).filter((pid) => commandOf(pid).includes('outpost.js'));
    expect(others).toEqual([]);
    expect(fs.readFileSync(`/proc/${child}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
    build.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const deadline = Date.now() + 5_000;
    while (alive(child!) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(child!)).toBe(false);
  }, slow);
});

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return Number(fs.readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The command line of `pid`, or '' once it is gone. */
function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Whether `pid` runs (a zombie, dead but not yet reaped, does not). */
function alive(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}
