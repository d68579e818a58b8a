// Builds generated sites with the real `outpost build`, in a copy of the project so a bench never touches
// the working tree's out/ or .next/, and measures each build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { entryCacheDir } from '../lib/content/cache';
import { measure, type LimitedRun } from './measure';

export type BuildRun = {
  wallMs: number;
  /** CPU time of the whole build, when measurable (see measure). */
  cpuMs: number | null;
  /** Peak memory of the build's processes: proportional (each page once) and the sum of resident sizes (see measure). */
  peakPssBytes: number;
  peakRssBytes: number;
  /** The processes at that peak, largest first. */
  peakProcesses: string;
  /** With `memoryLimitBytes`: the cgroup's record, or null where none could be made. */
  limited?: LimitedRun | null;
  /** Seconds per phase (validate and start, compile, collect page data, static pages, finish and optimise). */
  phases: Record<string, number>;
  /** What the build printed, each line after the seconds elapsed. */
  output: string;
  /** Files in out/ afterwards. */
  files: number;
};

/**
 * A copy of the project's source (every file git tracks or would track, content/ left out) under
 * `.outpost/bench/project`, inside the repository so Turbopack finds node_modules. Returns its path.
 */
export function copyProject(root: string): string {
  const project = path.join(root, '.outpost', 'bench', 'project');
  fs.rmSync(project, { recursive: true, force: true });
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !f.startsWith('content/') && fs.existsSync(path.join(root, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    // A tracked link (a content fixture links a folder) stays a link.
    if (fs.lstatSync(path.join(root, file)).isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(path.join(root, file)), path.join(project, file));
    else fs.copyFileSync(path.join(root, file), path.join(project, file));
  }
  // Code that reads files from node_modules by path (fonts for images) finds them as in the project.
  fs.symlinkSync(path.relative(project, path.join(root, 'node_modules')), path.join(project, 'node_modules'));
  makeCliBundle(project);
  return project;
}

/**
 * Makes the `outpost` command's bundle in `project` now (bin/outpost.js makes it on first use, and again after
 * a source changed), so that no timed command pays for it: only the first one would.
 */
export function makeCliBundle(project: string): void {
  execFileSync(process.execPath, [path.join(project, 'bin', 'outpost.js'), '--help'], { cwd: project, stdio: 'ignore' });
}

/**
 * Removes what builds in `project` keep to save work, so that the next one starts from nothing: .next/ (Next's
 * cache, and the incident images in .next/cache/outpost-images) and the content entry cache (.outpost/cache/),
 * which `outpost validate` and the read after Next would otherwise take every valid incident from.
 */
export function forgetBuildCaches(project: string): void {
  fs.rmSync(path.join(project, '.next'), { recursive: true, force: true });
  fs.rmSync(entryCacheDir(project), { recursive: true, force: true });
}

/** Lines of `outpost build`'s output that open each phase, in order. */
const milestones: [string, RegExp][] = [
  ['validate and start', /^/],
  ['compile', /Creating an optimized production build/],
  ['collect page data', /Collecting page data/],
  ['static pages', /Generating static pages/],
  ['finish and optimise', /Finalizing page optimization/],
];

/** Seconds each phase took, from the time stamps `measure` puts on each output line. */
function phases(output: string, wallMs: number): Record<string, number> {
  const starts: [string, number][] = [];
  for (const [name, pattern] of milestones) {
    const line = output.split('\n').find((l) => pattern.test(l.slice(8)));
    if (line) starts.push([name, name === 'validate and start' ? 0 : Number(line.slice(0, 6))]);
  }
  const result: Record<string, number> = {};
  starts.forEach(([name, start], i) => {
    const end = starts[i + 1]?.[1] ?? wallMs / 1000;
    result[name] = Math.round((end - start) * 10) / 10;
  });
  return result;
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/**
 * Runs `outpost build` in `project` on the given content; `cold` forgets every build cache first (forgetBuildCaches:
 * nothing cached). Throws with the build's output when it fails.
 */
export async function buildSiteOnce(
  project: string,
  site: { content: string; data: string },
  options: { cold: boolean; env?: Record<string, string>; args?: string[]; memoryLimitBytes?: number },
): Promise<BuildRun> {
  if (options.cold) forgetBuildCaches(project);
  fs.rmSync(path.join(project, 'out'), { recursive: true, force: true });
  const run = await measure(
    process.execPath,
    ['bin/outpost.js', 'build', '--content', site.content, '--data', site.data, ...(options.args ?? [])],
    {
      cwd: project,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
      ...(options.memoryLimitBytes ? { memoryLimitBytes: options.memoryLimitBytes } : {}),
    },
  );
  if (run.exitCode !== 0) throw new Error(`outpost build failed (exit ${run.exitCode}):\n${run.output.slice(-4000)}`);
  return {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    peakPssBytes: run.peakPssBytes,
    peakRssBytes: run.peakRssBytes,
    peakProcesses: run.peakProcesses,
    ...(options.memoryLimitBytes ? { limited: run.limited ?? null } : {}),
    phases: phases(run.output, run.wallMs),
    output: run.output,
    files: countFiles(path.join(project, 'out')),
  };
}
