import type { Command } from 'commander';
import { buildSite, rollback, type BuildResult } from '../build/pipeline';
import { contentOption } from './options';

type BuildFlags = { content: string; data: string; out: string; rollback?: boolean; lowMemory?: boolean };

/** `outpost build`: the safe build (lib/build/pipeline.ts), or a rollback to the build before. */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Validate content/, build the site into a fresh folder, verify it, then swap it into out/ at once.')
    .option(...contentOption)
    .option('--data <dir>', 'monitoring data folder', 'data')
    .option('--out <dir>', 'served folder (a link each good build replaces)', 'out')
    .option('--rollback', 'point out/ back at the build that was live before the current one')
    .option('--low-memory', 'compile with webpack instead of Turbopack (no longer lower than the default since 2026-12-01: docs/benchmarks.md)')
    .addHelpText(
      'after',
      '\nExample:\n  $ outpost build && ls out/\n  $ outpost build --out /srv/status/out\n  $ outpost build --rollback\n\nOn any failure the last good out/ stays exactly as it was.',
    )
    .action(async (flags: BuildFlags) => {
      const result = flags.rollback ? await rollback(flags.out) : await buildSite(flags);
      process.exitCode = report(result);
    });
}

/** Prints why a build failed; returns the exit code. */
export function report(result: BuildResult): number {
  if (result.ok) return 0;
  console.error(result.reason);
  return result.exitCode;
}
