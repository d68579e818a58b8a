// Builds generated sites with the real `outpost build`, in a copy of the project so a bench never touches
// the working tree's out/ or .next/, and measures each build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { measure } from './measure';

export type BuildRun = {
  wallMs: number;
  peakRssBytes: number;
  /** Seconds Next reports for its phases, when it prints them. */
  phases: { compileS?: number; typecheckS?: number; generateS?: number };
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
    fs.copyFileSync(path.join(root, file), path.join(project, file));
  }
  return project;
}

/** Seconds from Next's `… in 5.3s` / `… in 263ms` line for a phase. */
function phaseSeconds(output: string, phase: RegExp): number | undefined {
  const m = new RegExp(`${phase.source}[^\\n]*? in ([\\d.]+)(ms|s)\\b`).exec(output);
  if (!m) return undefined;
  return Number(m[1]) / (m[2] === 'ms' ? 1000 : 1);
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/**
 * Runs `outpost build` in `project` on the given content; `cold` deletes .next first (nothing cached).
 * Throws with the build's output when it fails.
 */
export async function buildSiteOnce(
  project: string,
  site: { content: string; data: string },
  options: { cold: boolean; env?: Record<string, string> },
): Promise<BuildRun> {
  if (options.cold) fs.rmSync(path.join(project, '.next'), { recursive: true, force: true });
  fs.rmSync(path.join(project, 'out'), { recursive: true, force: true });
  const run = await measure(
    process.execPath,
    ['bin/outpost.js', 'build', '--content', site.content, '--data', site.data],
    {
      cwd: project,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
    },
  );
  if (run.exitCode !== 0) throw new Error(`outpost build failed (exit ${run.exitCode}):\n${run.output.slice(-4000)}`);
  return {
    wallMs: run.wallMs,
    peakRssBytes: run.peakRssBytes,
    phases: {
      compileS: phaseSeconds(run.output, /Compiled successfully/),
      typecheckS: phaseSeconds(run.output, /Finished TypeScript/),
      generateS: phaseSeconds(run.output, /Generating static pages/),
    },
    files: countFiles(path.join(project, 'out')),
  };
}
