import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Command } from 'commander';
import { ContentError, formatProblem } from '../content';
import { readBuildMeta, served } from '../build/swap';
import { publishSite, type Checked, type PublishResult } from '../render/publish';
import { plural } from '../status';
import { contentOption } from './options';

export type PublishOptions = { out: string; content: string; data: string; now?: Date; checked?: Checked };

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
export async function publishAfterEdit(options: { publish?: string | false; content: string; data: string; checked?: Checked }): Promise<void> {
  if (options.publish === false) return;
  const out = options.publish ?? 'out';
  const site = served(path.resolve(out));
  const builtFrom = site.kind === 'link' ? readBuildMeta(site.target)?.contentDir : undefined;
  if (options.publish === undefined && builtFrom !== path.resolve(options.content)) return;
  const { code, live } = await publish({ out, content: options.content, data: options.data, checked: options.checked });
  if (!live) console.error('the file is written; the site shows it once a publish or build succeeds');
  if (code !== 0) process.exitCode = code;
}

/** What a publish says when its pages went live and the images that change with them could not be made. */
export function imagesFailedLine(reason: string): string {
  return `images not made: ${reason}\nthe pages are live, with the images as they were; the next publish makes them`;
}

/** Publishes content/ and data/ into a built site; returns the exit code (1 for invalid content, a failed write, images not made). */
export async function publishCommand(options: PublishOptions): Promise<number> {
  return (await publish(options)).code;
}

/** publishCommand, and whether the pages went live. */
async function publish(options: PublishOptions): Promise<{ code: number; live: boolean }> {
  const started = performance.now();
  try {
    const result = await publishSite({ out: options.out, contentDir: options.content, dataDir: options.data, now: options.now, checked: options.checked, log: console.error });
    console.log(publishedLine(options, result, Math.round(performance.now() - started)));
    for (const line of brokenLines(result)) console.error(line);
    if (result.imagesFailed === undefined) return { code: 0, live: true };
    console.error(imagesFailedLine(result.imagesFailed));
    return { code: 1, live: true };
  } catch (error) {
    console.error(publishFailure(error));
    return { code: 1, live: false };
  }
}

/**
 * The `afterWrite` of `outpost ping --publish <dir>`: publishes after every stored round and logs one key=value
 * line. A failed publish (content being edited, a full disk, a build holding the site for long) is logged and the
 * pinger goes on: checking matters more than one missed publish, and the next round publishes again.
 *
 * After each publish the pinger's heap is collected in full: V8 lets a long-lived process grow far past what it holds
 * before collecting, and a publish at 5,000 incidents allocates tens of megabytes. Sampled every 10 s over three
 * minutes there, the pinger's RSS went between 153 and 385 MB with 52 MB held; collected every few seconds, 125–210 MB,
 * its publishes as fast (docs/benchmarks.md). The publish runs while no check is in flight (lib/monitor/watch.ts), and
 * the collection (tens of milliseconds) right after it.
 */
export function livePublisher(options: PublishOptions & { afterPublish?: string }, log: (line: string) => void = console.log, error: (line: string) => void = console.error) {
  const push = options.afterPublish ? afterPublishRunner(options.afterPublish, options.out, log, error) : null;
  const collect = fullCollection();
  return async (): Promise<void> => {
    const started = performance.now();
    try {
      const result = await publishSite({ out: options.out, contentDir: options.content, dataDir: options.data, waitMs: 5_000 });
      log(`publish=ok out=${options.out} files=${result.written.length} removed=${result.removed.length} indicator=${result.data.status.indicator} ms=${Math.round(performance.now() - started)}`);
      for (const line of brokenLines(result)) error(`publish=broken-content ${JSON.stringify(line)}`);
      if (result.imagesFailed !== undefined) error(`publish=images-failed out=${options.out} reason=${JSON.stringify(result.imagesFailed)}`);
      if (push && result.written.length + result.removed.length > 0) push();
    } catch (e) {
      const reason = e instanceof ContentError ? `${e.problems.length} problem(s) in content, first: ${formatProblem(e.problems[0]!)}` : e instanceof Error ? e.message : String(e);
      error(`publish=failed out=${options.out} reason=${JSON.stringify(reason)}`);
    }
    collect();
  };
}

/**
 * V8's full garbage collection, as `--expose-gc` gives it: the flag set now, the function taken from a new context
 * (where V8 installs it), so the pinger needs no flag on its command line.
 */
function fullCollection(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Runs `command` (a shell command: the push to another host) after a publish, in the background so the checks
 * never wait for it; one at a time, and once more after the running one when publishes came meanwhile, so the
 * remote host always ends with the newest site. OUTPOST_OUT in its environment is the folder published.
 */
function afterPublishRunner(command: string, out: string, log: (line: string) => void, error: (line: string) => void): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    running = true;
    again = false;
    const started = performance.now();
    // Loaded only here: child_process (and the net and dgram it loads) took 13–15 ms of every quick command's start.
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    const child = spawn('/bin/sh', ['-c', command], { env: { ...process.env, OUTPOST_OUT: path.resolve(out) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', (e) => error(`after-publish=failed reason=${JSON.stringify(e.message)}`));
    child.on('close', (code) => {
      const ms = Math.round(performance.now() - started);
      if (code === 0) log(`after-publish=ok ms=${ms}`);
      else error(`after-publish=failed code=${code} ms=${ms} stderr=${JSON.stringify(stderr.trim().slice(-500))}`);
      running = false;
      if (again) run();
    });
  };
  return () => {
    if (running) again = true;
    else run();
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
