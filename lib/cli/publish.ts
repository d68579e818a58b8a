import path from 'node:path';
import type { Command } from 'commander';
import { ContentError, formatProblem } from '../content';
import { readBuildMeta, served } from '../build/swap';
import { publishSite, type PublishResult } from '../render/publish';
import { plural } from '../status';
import { contentOption } from './options';

export type PublishOptions = { out: string; content: string; data: string; now?: Date };

/** One line saying what a publish did. */
export function publishedLine(options: PublishOptions, result: PublishResult, ms: number): string {
  const where = path.relative(process.cwd(), path.resolve(options.out)) || '.';
  const what = result.written.length + result.removed.length === 0 ? 'nothing changed' : `${plural(result.written.length, 'file')} rewritten${result.removed.length ? `, ${result.removed.length} removed` : ''}`;
  return `published into ${where}/ in ${ms} ms: ${what}; ${result.data.status.description} (as of ${result.data.now.toISOString()})`;
}

/**
 * What a publish says of broken files, loudly: every problem (`file:line:col`), then which version of each broken
 * file the site shows. Empty when there is none.
 */
export function brokenLines(result: Pick<PublishResult, 'problems' | 'brokenFiles'>): string[] {
  if (result.problems.length === 0) return [];
  return [
    ...result.problems.map(formatProblem),
    ...result.brokenFiles.map(({ file, lastGood }) => (lastGood ? `${file}: broken; the site shows its last good version until it is fixed` : `${file}: broken and never valid; it is not on the site`)),
  ];
}

/** Why a publish failed, in lines for the terminal. */
export function publishFailure(error: unknown): string {
  if (error instanceof ContentError) {
    return `${error.problems.map(formatProblem).join('\n')}\n\npublish refused: ${plural(error.problems.length, 'problem')} in content; the published site is unchanged.`;
  }
  return `publish failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * After a CLI edit: publishes it at once, so it is live seconds after it was typed. Into `--publish <out>` when
 * given; by default into out/ when that is a site built from the same content folder (the server and preview
 * recipes; elsewhere the edit is only written, as before); never with `--no-publish`.
 */
export async function publishAfterEdit(options: { publish?: string | false; content: string; data: string }): Promise<void> {
  if (options.publish === false) return;
  const out = options.publish ?? 'out';
  const live = served(path.resolve(out));
  const builtFrom = live.kind === 'link' ? readBuildMeta(live.target)?.contentDir : undefined;
  if (options.publish === undefined && builtFrom !== path.resolve(options.content)) return;
  const code = await publishCommand({ out, content: options.content, data: options.data });
  if (code !== 0) {
    console.error('the file is written; the site shows it once a publish or build succeeds');
    process.exitCode = code;
  }
}

/** Publishes content/ and data/ into a built site; returns the exit code (1 for invalid content or a failed write). */
export async function publishCommand(options: PublishOptions): Promise<number> {
  const started = performance.now();
  try {
    const result = await publishSite({ out: options.out, contentDir: options.content, dataDir: options.data, now: options.now, log: console.error });
    console.log(publishedLine(options, result, Math.round(performance.now() - started)));
    for (const line of brokenLines(result)) console.error(line);
    return 0;
  } catch (error) {
    console.error(publishFailure(error));
    return 1;
  }
}

/**
 * The `afterWrite` of `outpost ping --publish <dir>`: publishes after every stored round and logs one key=value
 * line. A failed publish (content being edited, a full disk, a build holding the site for long) is logged and the
 * pinger goes on: checking matters more than one missed publish, and the next round publishes again.
 */
export function livePublisher(options: PublishOptions, log: (line: string) => void = console.log, error: (line: string) => void = console.error) {
  return async (): Promise<void> => {
    const started = performance.now();
    try {
      const result = await publishSite({ out: options.out, contentDir: options.content, dataDir: options.data, waitMs: 5_000 });
      log(`publish=ok out=${options.out} files=${result.written.length} removed=${result.removed.length} indicator=${result.data.status.indicator} ms=${Math.round(performance.now() - started)}`);
      for (const line of brokenLines(result)) error(`publish=broken-content ${JSON.stringify(line)}`);
    } catch (e) {
      const reason = e instanceof ContentError ? `${e.problems.length} problem(s) in content, first: ${formatProblem(e.problems[0]!)}` : e instanceof Error ? e.message : String(e);
      error(`publish=failed out=${options.out} reason=${JSON.stringify(reason)}`);
    }
  };
}

/** `outpost publish`: render what changed into the served site, verify it and swap it in, without a build. */
export function registerPublish(program: Command): void {
  program
    .command('publish')
    .description('Render every page and file whose inputs changed (content/, data/, the clock) into the built site, verify it and swap it in, without Next.')
    .requiredOption('--out <dir>', 'the served folder (a link to the live build)')
    .option(...contentOption)
    .option('--data <dir>', 'monitoring data folder', 'data')
    .addHelpText('after', '\nExample:\n  $ outpost build && outpost publish --out out/')
    .action(async (options: PublishOptions) => {
      process.exitCode = await publishCommand(options);
    });
}
