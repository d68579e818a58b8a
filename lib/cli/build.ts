import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { optimizeOutput } from '../build/optimize';
import { checkContent, formatProblem } from '../content';

export type BuildOptions = { content: string; data: string; now?: string };

/** Validates content, then runs `next build` with this build's fixed "now". Resolves with the exit code. */
export async function buildSite(options: BuildOptions): Promise<number> {
  const { problems } = checkContent(options.content);
  if (problems.length > 0) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(`\nbuild refused: ${problems.length} problem${problems.length === 1 ? '' : 's'} in content.`);
    return 1;
  }
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    OUTPOST_NOW: options.now ?? new Date().toISOString(),
    OUTPOST_CONTENT_DIR: path.resolve(options.content),
    OUTPOST_DATA_DIR: path.resolve(options.data),
  };
  const next = require.resolve('next/dist/bin/next');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [next, 'build'], { env, stdio: 'inherit' });
    child.on('exit', (exit, signal) => resolve(exit ?? (signal ? 1 : 0)));
  });
  if (code === 0) await optimizeOutput('out');
  return code;
}

/** `outpost build`: validate and build the static site into out/. */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Validate content/ and build the static site into out/.')
    .option('--content <dir>', 'content folder', 'content')
    .option('--data <dir>', 'monitoring data folder', 'data')
    .addHelpText('after', '\nExample:\n  $ outpost build && ls out/')
    .action(async (options: BuildOptions) => {
      process.exitCode = await buildSite(options);
    });
}
