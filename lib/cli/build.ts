import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { optimizeOutput } from '../build/optimize';
import { contentOption } from './options';
import { checkContent, formatProblem } from '../content';

export type BuildOptions = { content: string; data: string; now?: string; out?: string };

/** Validates content, then runs `next build` with this build's fixed "now". Resolves with the exit code. */
export async function buildSite(options: BuildOptions): Promise<number> {
  // Next exports into its distDir, which it requires inside the project.
  const outDir = path.relative(process.cwd(), path.resolve(options.out ?? 'out'));
  if (!outDir || outDir.startsWith('..') || path.isAbsolute(outDir)) {
    console.error(`--out must name a folder inside ${process.cwd()}, got ${JSON.stringify(options.out)}`);
    return 2;
  }
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
    OUTPOST_OUT_DIR: outDir,
  };
  const next = require.resolve('next/dist/bin/next');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [next, 'build'], { env, stdio: 'inherit' });
    child.on('exit', (exit, signal) => resolve(exit ?? (signal ? 1 : 0)));
  });
  if (code === 0) await optimizeOutput(outDir);
  return code;
}

/** `outpost build`: validate and build the static site into out/. */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Validate content/ and build the static site into out/ (or --out).')
    .option(...contentOption)
    .option('--data <dir>', 'monitoring data folder', 'data')
    .option('--out <dir>', 'folder to write the site to, inside the project (one build at a time: .next is shared)', 'out')
    .addHelpText('after', '\nExample:\n  $ outpost build && ls out/')
    .action(async (options: BuildOptions) => {
      process.exitCode = await buildSite(options);
    });
}
