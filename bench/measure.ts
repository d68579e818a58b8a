// Runs a command and measures it: wall time and the peak resident memory of its whole process tree.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export type Measured = {
  exitCode: number;
  wallMs: number;
  /** Highest sum of resident memory over the process and all its descendants, sampled every `POLL_MS`. */
  peakRssBytes: number;
  /** The processes at that peak, largest first: `next-build (v16.4.5) 612 MB, …`. */
  peakProcesses: string;
  /** CPU time (user + system) of the command and every descendant it waited for; null without /usr/bin/time. */
  cpuMs: number | null;
  /** Everything the command printed (stdout and stderr as they came), each line after the seconds elapsed. */
  output: string;
};

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

/** Resident memory of `root` and all its descendants, in bytes: the sum and each process's share. */
export function treeRss(root: number): { total: number; processes: { pid: number; bytes: number }[] } {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const processes: { pid: number; bytes: number }[] = [];
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    try {
      processes.push({ pid, bytes: Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES });
    } catch {
      continue;
    }
    queue.push(...(byParent.get(pid) ?? []));
  }
  return { total: processes.reduce((sum, p) => sum + p.bytes, 0), processes };
}

const TIME = '/usr/bin/time';
/** The line GNU time writes last to stderr: user and system seconds. */
const timeLine = /OUTPOST_CPU (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/m;

/**
 * Runs `command args` to its end, sampling the memory of its process tree. CPU time comes from GNU time
 * where installed: on a shared machine it varies much less than wall time.
 */
export function measure(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Measured> {
  const started = performance.now();
  const timed = fs.existsSync(TIME);
  const [file, argv] = timed ? [TIME, ['-f', 'OUTPOST_CPU %U %S', command, ...args]] : [command, args];
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
  let peakProcesses = '';
  const sample = () => {
    if (child.pid === undefined) return;
    const { total, processes } = treeRss(child.pid);
    if (total <= peakRssBytes) return;
    peakRssBytes = total;
    peakProcesses = processes
      .filter((p) => p.bytes >= 10 * 2 ** 20)
      .sort((a, b) => b.bytes - a.bytes)
      .map((p) => `${processLabel(p.pid)} ${Math.round(p.bytes / 2 ** 20)} MB`)
      .join(', ');
  };
  const timer = setInterval(sample, POLL_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearInterval(timer);
      const cpu = timeLine.exec(output);
      const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null;
      resolve({ exitCode: code ?? (signal ? 1 : 0), wallMs: performance.now() - started, peakRssBytes, peakProcesses, cpuMs, output });
    });
  });
}
