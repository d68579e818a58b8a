import path from 'node:path';
import type { Command } from 'commander';
import { ContentError, formatProblem } from '../content';
import { publishLive } from '../publish/live';
import { plural } from '../status';
import { contentOption } from './options';

export type PublishOptions = { out: string; content: string; data: string };

/** Publishes the live files into a built site; returns the exit code (1 for invalid content or a failed write). */
export function publishCommand(options: PublishOptions): number {
  const started = performance.now();
  try {
    const { files, data } = publishLive({ outDir: options.out, contentDir: options.content, dataDir: options.data });
    const ms = Math.round(performance.now() - started);
    console.log(`published ${files.length} live files into ${path.relative(process.cwd(), path.resolve(options.out)) || '.'}/ in ${ms} ms: ${data.status.description} (as of ${data.now.toISOString()})`);
    return 0;
  } catch (error) {
    if (error instanceof ContentError) {
      for (const p of error.problems) console.error(formatProblem(p));
      console.error(`\npublish refused: ${plural(error.problems.length, 'problem')} in content; the published files are unchanged.`);
    } else {
      console.error(`publish failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return 1;
  }
}

/**
 * The `afterWrite` of `outpost ping --publish <dir>`: publishes the live files after every stored round and
 * logs one key=value line. A failed publish (content being edited, a full disk) is logged and the
 * pinger goes on: checking matters more than one missed snapshot.
 */
export function livePublisher(options: PublishOptions, log: (line: string) => void = console.log, error: (line: string) => void = console.error) {
  return async (): Promise<void> => {
    const started = performance.now();
    try {
      const { files, data } = publishLive({ outDir: options.out, contentDir: options.content, dataDir: options.data });
      log(`publish=ok out=${options.out} files=${files.length} indicator=${data.status.indicator} ms=${Math.round(performance.now() - started)}`);
    } catch (e) {
      const reason = e instanceof ContentError ? `${e.problems.length} problem(s) in content, first: ${formatProblem(e.problems[0]!)}` : e instanceof Error ? e.message : String(e);
      error(`publish=failed out=${options.out} reason=${JSON.stringify(reason)}`);
    }
  };
}

/** `outpost publish`: rewrite status.json and the api/v2 files in a built site, without a rebuild. */
export function registerPublish(program: Command): void {
  program
    .command('publish')
    .description('Rewrite the live files (status.json, api/v2/*.json) in a built site from content/ and data/, without rebuilding.')
    .requiredOption('--out <dir>', 'the built site folder to publish into')
    .option(...contentOption)
    .option('--data <dir>', 'monitoring data folder', 'data')
    .addHelpText('after', '\nExample:\n  $ outpost build && outpost publish --out out/')
    .action((options: PublishOptions) => {
      process.exitCode = publishCommand(options);
    });
}
