// Runs a command and measures it: wall time and the peak memory of its whole process tree, optionally inside a
// memory-limited cgroup.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type Measured = {
  exitCode: number;
  wallMs: number;
  /**
   * Highest memory of the process and all its descendants, sampled every `POLL_MS`, as proportional set size:
   * each page counted once, a page that n processes share counted 1/n in each (what the tree occupies).
   */
  peakPssBytes: number;
  /** Highest sum of their resident set sizes: a page they share counts in each (node's own code, for one). */
  peakRssBytes: number;
  /** The processes at the PSS peak, largest first: `next-build (v16.4.5) 612 MB, …`. */
  peakProcesses: string;
  /** With `memoryLimitBytes`: what the cgroup recorded (null where no cgroup could be made). */
  limited?: LimitedRun | null;
  /** CPU time (user + system) of the command and every descendant it waited for; null without /usr/bin/time. */
  cpuMs: number | null;
  /** Everything the command printed (stdout and stderr as they came), each line after the seconds elapsed. */
  output: string;
};

/** A run inside a memory cgroup: its peak charge (anonymous memory and page cache) and whether it hit the limit. */
export type LimitedRun = { limitBytes: number; peakChargedBytes: number; hitLimit: number; oomKilled: boolean };

const POLL_MS = 100;
const PAGE_BYTES = 4096;

/** Parent pid of every live process, from /proc (Linux). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields after its closing one are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(name), ppid);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return map;
}

/** A short name for a process: its command name, or for node the script it runs. */
function processLabel(pid: number): string {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const script = argv.slice(1).find((a) => !a.startsWith('-'));
    const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return comm === 'node' && script ? `node ${script.split('/').slice(-2).join('/')}` : comm;
  } catch {
    return `pid ${pid}`;
  }
}

/** One process's resident and proportional set sizes in bytes (PSS = RSS where smaps_rollup is missing). */
function processMemory(pid: number): { rss: number; pss: number } {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN) * 1024;
    const [rss, pss] = [kb('Rss'), kb('Pss')];
    if (Number.isFinite(rss) && Number.isFinite(pss)) return { rss, pss };
  } catch {
    // Linux before 4.14, or the process just ended: statm below (or its own error).
  }
  const rss = Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
  return { rss, pss: rss };
}

/** Memory of `root` and all its descendants, in bytes: the sums and each process's part. */
export function treeMemory(root: number): { rss: number; pss: number; processes: { pid: number; rss: number; pss: number }[] } {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const processes: { pid: number; rss: number; pss: number }[] = [];
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    try {
      processes.push({ pid, ...processMemory(pid) });
    } catch {
      continue;
    }
    queue.push(...(byParent.get(pid) ?? []));
  }
  return { rss: processes.reduce((sum, p) => sum + p.rss, 0), pss: processes.reduce((sum, p) => sum + p.pss, 0), processes };
}

/**
 * A new memory cgroup limited to `limitBytes` (cgroup v2, or v1's memory controller), or null where none can be
 * made (not root, no such hierarchy). Its `read` tells the run's peak charge and whether it reached the limit.
 */
function memoryCgroup(limitBytes: number): { procs: string; read: () => LimitedRun; remove: () => void } | null {
  const name = `outpost-bench-${process.pid}-${Date.now()}`;
  const v2 = fs.existsSync('/sys/fs/cgroup/cgroup.controllers');
  const dir = v2 ? `/sys/fs/cgroup/${name}` : `/sys/fs/cgroup/memory/${name}`;
  try {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, v2 ? 'memory.max' : 'memory.limit_in_bytes'), String(limitBytes));
  } catch {
    try {
      fs.rmdirSync(dir);
    } catch {
      // never made
    }
    return null;
  }
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  return {
    procs: path.join(dir, 'cgroup.procs'),
    read: () => {
      const events = v2 ? read('memory.events') : read('memory.oom_control');
      return {
        limitBytes,
        peakChargedBytes: Number(read(v2 ? 'memory.peak' : 'memory.max_usage_in_bytes')),
        hitLimit: v2 ? Number(/^max (\d+)/m.exec(events)?.[1] ?? 0) : Number(read('memory.failcnt')),
        oomKilled: Number(/^oom_kill (\d+)/m.exec(events)?.[1] ?? 0) > 0,
      };
    },
    remove: () => {
      try {
        fs.rmdirSync(dir);
      } catch {
        // A process left behind is still in it: the cgroup stays until it ends.
      }
    },
  };
}

const TIME = '/usr/bin/time';
/** The line GNU time writes last to stderr: user and system seconds. */
const timeLine = /OUTPOST_CPU (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/m;

/**
 * Runs `command args` to its end, sampling the memory of its process tree. CPU time comes from GNU time
 * where installed: on a shared machine it varies much less than wall time. With `memoryLimitBytes` it runs
 * inside a cgroup with that hard limit, where one can be made (`limited` says what happened, or null).
 */
export function measure(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; memoryLimitBytes?: number }): Promise<Measured> {
  const cgroup = options.memoryLimitBytes ? memoryCgroup(options.memoryLimitBytes) : null;
  const started = performance.now();
  const timed = fs.existsSync(TIME);
  let [file, argv] = timed ? [TIME, ['-f', 'OUTPOST_CPU %U %S', command, ...args]] : [command, args];
  // The shell moves itself into the cgroup and then becomes the command, so every process it starts is inside.
  if (cgroup) [file, argv] = ['/bin/sh', ['-c', 'echo $$ > "$0" && exec "$@"', cgroup.procs, file, ...argv]];
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let lineStart = true;
  const record = (chunk: Buffer) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
    const text = chunk.toString();
    // A chunk may end mid-line: stamp only the lines that start in it.
    output += text.replace(/(^|\n)(?=.)/g, (m, newline: string, at: number) => (at === 0 && !lineStart ? m : `${newline}${seconds}  `));
    lineStart = text.endsWith('\n');
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let peakRssBytes = 0;
  let peakPssBytes = 0;
  let peakProcesses = '';
  const sample = () => {
    if (child.pid === undefined) return;
    const { rss, pss, processes } = treeMemory(child.pid);
    peakRssBytes = Math.max(peakRssBytes, rss);
    if (pss <= peakPssBytes) return;
    peakPssBytes = pss;
    peakProcesses = processes
      .filter((p) => p.pss >= 10 * 2 ** 20)
      .sort((a, b) => b.pss - a.pss)
      .map((p) => `${processLabel(p.pid)} ${Math.round(p.pss / 2 ** 20)} MB`)
      .join(', ');
  };
  const timer = setInterval(sample, POLL_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearInterval(timer);
      const cpu = timeLine.exec(output);
      const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null;
      const limited = cgroup?.read() ?? null;
      cgroup?.remove();
      const wallMs = performance.now() - started;
      resolve({ exitCode: code ?? (signal ? 1 : 0), wallMs, peakPssBytes, peakRssBytes, peakProcesses, cpuMs, output, ...(options.memoryLimitBytes ? { limited } : {}) });
    });
  });
}
