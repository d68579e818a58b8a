import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * One build at a time per project: every build shares `.next/`, so a second one waits for the first.
 * The lock (proper-lockfile: an atomic mkdir, kept fresh while held) goes stale when its holder dies;
 * beside it an owner record names the holder and its `next build` child, so a build killed with
 * SIGKILL, whose child would otherwise run on and write into `.next/`, is cleaned up by the next one.
 */

/** The held build lock. */
export type BuildLock = {
  /** Records the running `next build` (its own process group) so a later build can stop it if we die. */
  setChild(pid: number | null): void;
  /** Set when the lock was lost while held (its folder removed or not refreshed in time). */
  lost(): Error | null;
  release(): Promise<void>;
};

type Owner = { pid: number; childPid: number | null; startedAt: string };

/** How long a lock whose holder stopped refreshing it counts as held. */
const staleMs = 15_000;

/** Waits for and takes the project's build lock; `waitMs` bounds the wait for a build already running. */
export async function acquireBuildLock(projectRoot: string, log: (line: string) => void, waitMs = 15 * 60_000): Promise<BuildLock> {
  const stateDir = path.join(projectRoot, '.outpost');
  fs.mkdirSync(stateDir, { recursive: true });
  const ownerFile = path.join(stateDir, 'build-owner.json');
  let lost: Error | null = null;
  const options = {
    realpath: false,
    stale: staleMs,
    lockfilePath: path.join(stateDir, 'build.lock'),
    onCompromised: (error: Error) => {
      lost = error;
    },
  };
  const deadline = Date.now() + waitMs;
  let release: (() => Promise<void>) | null = null;
  let told = false;
  while (!release) {
    try {
      release = await lockfile.lock(path.join(stateDir, 'build'), options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const holder = readOwner(ownerFile);
      const who = holder ? `pid ${holder.pid}, started ${holder.startedAt}` : 'no owner recorded';
      if (Date.now() > deadline) throw new Error(`another build is still running (${who}); gave up waiting after ${Math.round(waitMs / 1000)} s`);
      if (!told) {
        log(
          holder && !isAlive(holder.pid)
            ? `the build that held this project's lock (${who}) is gone without releasing it; waiting until the lock expires (at most ${staleMs / 1000} s) …`
            : `waiting for the build already running in this project (${who}) …`,
        );
      }
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  const dead = readOwner(ownerFile);
  if (dead) stopOrphan(dead, projectRoot, log);
  const owner: Owner = { pid: process.pid, childPid: null, startedAt: new Date().toISOString() };
  const write = () => fs.writeFileSync(ownerFile, JSON.stringify(owner));
  write();
  return {
    setChild(pid) {
      owner.childPid = pid;
      write();
    },
    lost: () => lost,
    async release() {
      fs.rmSync(ownerFile, { force: true });
      if (!lost) await release!();
    },
  };
}

function readOwner(file: string): Owner | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Owner;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (a reused pid counts as alive: the lock then simply expires). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** A build that died without releasing the lock may have left its `next build` running: stop it. */
function stopOrphan(dead: Owner, projectRoot: string, log: (line: string) => void): void {
  const pid = dead.childPid;
  if (!pid || !isNextBuild(pid, projectRoot)) {
    log(`an earlier build (pid ${dead.pid}) stopped without finishing; its leftovers are removed`);
    return;
  }
  log(`an earlier build (pid ${dead.pid}) was killed while its next build (pid ${pid}) ran on: stopping it`);
  try {
    process.kill(-pid, 'SIGKILL'); // its own process group: next build and its workers
  } catch {
    // already gone
  }
  const until = Date.now() + 10_000;
  while (isNextBuild(pid, projectRoot) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
}

/**
 * True when `pid` is alive and is a `next build` of this project, checked through /proc so that a reused pid
 * is never killed. Next renames its process (`next-build (v16…)`), so both forms of its command line count.
 */
function isNextBuild(pid: number, projectRoot: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const next = cmdline[0]!.startsWith('next-build') || (cmdline.some((arg) => /next(\.js)?$/.test(arg)) && cmdline.includes('build'));
    return next && fs.realpathSync(`/proc/${pid}/cwd`) === fs.realpathSync(projectRoot);
  } catch {
    return false;
  }
}
