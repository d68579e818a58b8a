import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { acquireBuildLock } from './lock';

let root: string;
let lines: string[];
const log = (line: string) => lines.push(line);
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-lock-'));
  lines = [];
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('a second build waits for the first and goes on once it releases', async () => {
  const first = await acquireBuildLock(root, log);
  let secondHeld = false;
  const second = acquireBuildLock(root, log).then((lock) => {
    secondHeld = true;
    return lock;
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(secondHeld).toBe(false);
  expect(lines).toEqual([expect.stringMatching(/^waiting for the build already running in this project \(pid \d+, started /)]);
  await first.release();
  await (await second).release();
  expect(secondHeld).toBe(true);
});

test('the wait is bounded', async () => {
  const first = await acquireBuildLock(root, log);
  await expect(acquireBuildLock(root, log, 1_200)).rejects.toThrow(/another build is still running \(pid \d+/);
  await first.release();
});

test('a lock still fresh whose holder is gone says so, and is taken once it expires', async () => {
  // A build killed with SIGKILL a moment ago: its lock was refreshed just now, its owner record names a dead pid.
  const state = path.join(root, '.outpost');
  fs.mkdirSync(path.join(state, 'build.lock'), { recursive: true });
  fs.writeFileSync(path.join(state, 'build-owner.json'), JSON.stringify({ pid: 999_999, childPid: null, startedAt: '2026-11-29T12:00:00.000Z' }));
  await expect(acquireBuildLock(root, log, 1_200)).rejects.toThrow(/pid 999999/);
  expect(lines).toEqual([
    "the build that held this project's lock (pid 999999, started 2026-11-29T12:00:00.000Z) is gone without releasing it; waiting until the lock expires (at most 15 s) …",
  ]);
  const aMinuteAgo = new Date(Date.now() - 60_000);
  fs.utimesSync(path.join(state, 'build.lock'), aMinuteAgo, aMinuteAgo);
  const lock = await acquireBuildLock(root, log, 1_200);
  expect(lines.at(-1)).toBe('an earlier build (pid 999999) stopped without finishing; its leftovers are removed');
  await lock.release();
});

test('a build killed while its next build ran on: the next build stops that process group first', async () => {
  // A stand-in for an orphaned `next build` of this project: renamed as Next renames itself, in the project,
  // in its own process group.
  const script = path.join(root, 'next');
  fs.writeFileSync(script, "process.title = 'next-build (v0)'; setInterval(() => {}, 1000);");
  const orphan = spawn(process.execPath, [script, 'build'], { cwd: root, detached: true, stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 500)); // until it has renamed itself
  const exited = new Promise<NodeJS.Signals | null>((resolve) => orphan.once('exit', (_, signal) => resolve(signal)));
  // The killed build's leftovers: its lock, last refreshed a minute ago, and its owner record.
  const state = path.join(root, '.outpost');
  fs.mkdirSync(path.join(state, 'build.lock'), { recursive: true });
  const aMinuteAgo = new Date(Date.now() - 60_000);
  fs.utimesSync(path.join(state, 'build.lock'), aMinuteAgo, aMinuteAgo);
  fs.writeFileSync(path.join(state, 'build-owner.json'), JSON.stringify({ pid: 999_999, childPid: orphan.pid, startedAt: aMinuteAgo.toISOString() }));

  const lock = await acquireBuildLock(root, log);
  expect(await exited).toBe('SIGKILL');
  expect(lines).toEqual([`an earlier build (pid 999999) was killed while its next build (pid ${orphan.pid}) ran on: stopping it`]);
  await lock.release();
  expect(fs.readdirSync(state)).toEqual([]);
});

test('a dead owner whose process is gone, or is not a next build of this project, is only reported', async () => {
  const state = path.join(root, '.outpost');
  fs.mkdirSync(state, { recursive: true });
  fs.writeFileSync(path.join(state, 'build-owner.json'), JSON.stringify({ pid: 999_999, childPid: process.pid, startedAt: '' }));
  const lock = await acquireBuildLock(root, log);
  expect(lines).toEqual(['an earlier build (pid 999999) stopped without finishing; its leftovers are removed']);
  await lock.release();
});
